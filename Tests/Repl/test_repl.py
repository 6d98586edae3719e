"""`convbook repl` as a person uses it: a pseudo-terminal with keys typed (arrows, Tab, Ctrl-C, Ctrl-R,
Ctrl-D), and as a script with standard input piped. Run by `make test-repl` (CONVBOOK_BIN: the binary)."""

import os
import re
import subprocess
import tempfile
import time
import unittest

from pictures import read_png, read_sixel
from repl_pty import BIN, Repl

UP, LEFT = "\x1b[A", "\x1b[D"
CTRL_A, CTRL_C, CTRL_D, CTRL_E, CTRL_K = "\x01", "\x03", "\x04", "\x05", "\x0b"
CTRL_R, CTRL_U, CTRL_W = "\x12", "\x15", "\x17"


class TerminalTests(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.history = os.path.join(self.folder.name, "history")
        self.repls = []

    def tearDown(self):
        for repl in self.repls:
            repl.close()
        self.folder.cleanup()

    def start(self, **options):
        repl = Repl(self.history, **options)
        self.repls.append(repl)
        repl.prompt()
        return repl

    def run_line(self, repl, line, expected=None):
        """Types `line` and Enter, waits for `expected` (if given) and the next prompt."""
        repl.send(line + "\r")
        if expected:
            repl.expect(expected)
        repl.prompt()

    def test_up_arrow_recalls_the_last_line(self):
        repl = self.start()
        self.run_line(repl, "40 + 2", r"\r\n42\r\n")
        repl.send(UP)
        repl.expect(r"40 \+ 2")
        repl.send("\r")
        repl.expect(r"\r\n42\r\n")

    def test_line_editing_keys(self):
        repl = self.start()
        # Left arrow, then Ctrl-A / Ctrl-E to jump to the ends.
        self.run_line(repl, "print(4)" + LEFT + "2", r"\r\n42\r\n")
        self.run_line(repl, "2)" + CTRL_A + "print(4" + CTRL_E, r"\r\n42\r\n")
        # Ctrl-U drops what was typed; Ctrl-W the word before the cursor; Ctrl-K the rest of the line.
        self.run_line(repl, "1/0" + CTRL_U + "6 * 7", r"\r\n42\r\n")
        self.run_line(repl, "40 + 1000" + CTRL_W + "2", r"\r\n42\r\n")
        self.run_line(repl, "print(41 + 1)999" + LEFT * 3 + CTRL_K, r"\r\n42\r\n")
        # Home and End, in the sequences xterm, rxvt and the Linux console send.
        for home, end in (("\x1b[H", "\x1b[F"), ("\x1bOH", "\x1bOF"), ("\x1b[1~", "\x1b[4~")):
            self.run_line(repl, "(40" + home + "print" + end + " + 2)", r"\r\n42\r\n")

    def test_non_ascii_text_is_typed_and_edited_as_characters(self):
        repl = self.start(env={"LANG": "C", "LC_ALL": ""})  # a C locale still reads UTF-8
        self.run_line(repl, 's = "héllo wörld ✓"')
        self.run_line(repl, "len(s)", r"\r\n13\r\n")
        # Left moves over a whole character; Backspace deletes one.
        self.run_line(repl, 'print("añb✓" + "é")' + LEFT * 8 + "\x7f", "\r\nañb" + "é\r\n")

    def search(self, repl, keys):
        """Types the keys one by one (each redraws the search line) and waits for the last redraw."""
        for key in keys:
            repl.send(key)
            repl.quiet_for(0.05)

    def test_ctrl_r_searches_history_as_the_query_is_typed(self):
        repl = self.start()
        for line in ("alpha = 3", "beta = 4", "alpha * 10 + beta", "alpha = 5"):
            self.run_line(repl, line)
        self.search(repl, CTRL_R + "10")
        repl.expect(r"\(reverse-i-search\)`10': alpha \* 10 \+ beta")
        repl.send("\r")
        repl.expect(r"\r\n54\r\n")
        repl.prompt()
        # Ctrl-R again: the next older match.
        self.search(repl, CTRL_R + "alpha =" + CTRL_R)
        repl.expect(r"`alpha =': alpha = 3")
        repl.send("\r")
        repl.prompt()
        self.run_line(repl, "alpha", r"\r\n3\r\n")

    def test_ctrl_r_gives_up_or_hands_the_match_over(self):
        repl = self.start()
        self.run_line(repl, "beta = 4")
        self.search(repl, CTRL_R + "zzz")
        repl.expect(r"\(failing reverse-i-search\)`zzz'")
        repl.send("\x07")  # Ctrl-G: back to the (empty) line
        self.run_line(repl, "6 * 7", r"\r\n42\r\n")
        # Another key (End) ends the search on the match, which can then be edited.
        self.search(repl, CTRL_R + "beta")
        self.run_line(repl, "\x1b[F0")
        self.run_line(repl, "beta", r"\r\n40\r\n")
        # Ctrl-C abandons the search as it abandons a line.
        self.search(repl, CTRL_R + "beta")
        repl.send(CTRL_C)
        repl.expect("KeyboardInterrupt")
        repl.prompt()
        self.run_line(repl, "beta + 2", r"\r\n42\r\n")

    def test_tab_completes_module_members_and_attributes(self):
        repl = self.start()
        self.run_line(repl, "import torch")
        repl.send("torch.ze\t")
        repl.expect("ros")  # the terminal may move the cursor rather than retype what was there
        repl.send("(2)\r")
        repl.expect(r"tensor\(\[0\., 0\.\]\)")
        repl.prompt()
        self.run_line(repl, "X = torch.ones(2, 3)")
        repl.send("X.sh\t")
        repl.expect("ape")
        repl.send("\r")
        repl.expect(r"torch\.Size\(\[2, 3\]\)")

    def test_tab_completes_nn_functional_and_d2l_members(self):
        repl = self.start()
        self.run_line(repl, "import torch")
        self.run_line(repl, "from torch import nn")
        self.run_line(repl, "from torch.nn import functional as F")
        self.run_line(repl, "from d2l import torch as d2l")
        for typed, rest, result in (
            ("nn.Seq", "uential", r"Sequential\("),
            ("F.rel", "u", r"tensor\(\[0\., 2\.\]\)"),
            ("d2l.cor", "r2d", r"tensor\(\[\[1\.\]\]\)"),
        ):
            repl.send(typed + "\t")
            repl.expect(rest)
            arguments = {"nn.Seq": "()", "F.rel": "(torch.tensor([-1., 2.]))",
                         "d2l.cor": "(torch.ones(1, 1), torch.ones(1, 1))"}[typed]
            self.run_line(repl, arguments, result)

    def test_tab_completes_keyword_arguments(self):
        repl = self.start()
        self.run_line(repl, "import torch")
        repl.send("torch.zeros(2, dt\t")
        repl.expect("ype=")
        repl.send("torch.int64)\r")
        repl.expect(r"tensor\(\[0, 0\]\)")

    def test_tab_lists_several_completions(self):
        repl = self.start()
        self.run_line(repl, "weights = 1; width = 2")
        repl.send("wi\t")
        repl.expect("wi")
        repl.send("\t")
        repl.expect(r"width +with")
        repl.send(CTRL_U + "width\r")
        repl.expect(r"\r\n2\r\n")

    def test_ctrl_c_stops_a_running_loop_and_keeps_the_variables(self):
        repl = self.start()
        self.run_line(repl, "x = 5")
        repl.send("while True: pass\r")
        time.sleep(0.5)
        self.assertNotIn(">>> ", repl.quiet_for(0.3), "the loop should still be running")
        repl.send(CTRL_C)
        repl.expect("KeyboardInterrupt")
        repl.prompt()
        self.run_line(repl, "x * 2", r"\r\n10\r\n")

    def test_output_streams_while_the_cell_runs(self):
        repl = self.start()
        repl.send("for i in range(10**9):\r")
        repl.send("    if i == 0: print('first')\r")
        repl.send("\r")
        repl.expect(r"\r\nfirst\r\n")  # printed before the loop ends: it is still running
        repl.send(CTRL_C)
        repl.expect("KeyboardInterrupt")
        repl.prompt()

    def test_ctrl_c_at_a_continuation_prompt_drops_the_block(self):
        repl = self.start()
        repl.send("for i in range(3):\r")
        repl.expect(r"\.\.\. ")
        repl.send(CTRL_C)
        repl.expect("KeyboardInterrupt")
        repl.prompt()
        self.run_line(repl, "6 * 7", r"\r\n42\r\n")

    def test_a_block_runs_after_its_blank_line(self):
        repl = self.start()
        repl.send("for i in range(2):\r")
        repl.expect(r"\.\.\. ")
        repl.send("    print(i * 10)\r")
        repl.expect(r"\.\.\. ")
        repl.send("\r")
        repl.expect(r"\r\n0\r\n10\r\n")

    def test_an_unterminated_string_is_an_error_at_once(self):
        repl = self.start()
        repl.send('print("x)\r')
        repl.expect("SyntaxError: unterminated string literal")
        repl.prompt()
        self.run_line(repl, "1 + 1", r"\r\n2\r\n")

    def test_errors_are_rendered_as_tracebacks(self):
        repl = self.start()
        repl.send("1 / 0\r")
        repl.expect(r"Traceback \(most recent call last\)")
        repl.expect("ZeroDivisionError")
        repl.prompt()

    def test_bare_convbook_at_a_terminal_opens_the_repl(self):
        repl = self.start(command=())
        self.run_line(repl, "6 * 7", r"\r\n42\r\n")
        repl.send(CTRL_D)
        self.assertEqual(repl.wait(), 0)

    def test_a_dumb_terminal_reads_plain_lines(self):
        repl = Repl(self.history, env={"TERM": "dumb"})  # Emacs' shell mode
        self.repls.append(repl)
        repl.expect(">>> ")
        repl.send("x = 6\r")
        repl.expect(">>> ")
        repl.send("for i in range(2):\r")
        repl.expect(r"\.\.\. ")
        repl.send("    x += 1\r\r")
        repl.expect(">>> ")
        repl.send("x * 6\r")
        repl.expect(r"\r\n48\r\n")
        repl.expect(">>> ")
        repl.send("while True: pass\r")
        time.sleep(0.3)
        repl.send(CTRL_C)
        repl.expect("KeyboardInterrupt")
        repl.expect(">>> ")
        repl.send("x\r")
        repl.expect(r"\r\n8\r\n")
        repl.expect(">>> ")
        repl.send(CTRL_D)
        self.assertEqual(repl.wait(), 0)
        self.assertNotIn(b"\x1b", repl.output)
        self.assertFalse(os.path.exists(self.history))

    def test_ctrl_d_exits_with_status_zero(self):
        repl = self.start()
        repl.send(CTRL_D)
        self.assertEqual(repl.wait(), 0)

    def test_history_is_kept_across_runs(self):
        repl = self.start()
        self.run_line(repl, "a = 1")
        self.run_line(repl, "a = 1")  # a repeat: one entry
        repl.send("\r")  # a blank line: no entry
        repl.prompt()
        repl.send("for i in range(2):\r    print(i + 100)\r\r")
        repl.expect(r"101\r\n")
        repl.prompt()
        repl.send(CTRL_D)
        self.assertEqual(repl.wait(), 0)
        with open(self.history, encoding="utf-8") as file:
            entries = [line for line in file.read().splitlines() if line and not line.startswith("_HiStOrY")]
        self.assertEqual(len(entries), 2, entries)

        again = self.start()
        again.send(UP)  # the whole block comes back as one entry
        again.expect(r"print\(i \+ 100\)")
        again.send("\r")
        again.expect(r"\r\n100\r\n101\r\n")
        again.prompt()
        again.send(UP + UP)
        again.expect("a = 1")

    def test_history_keeps_only_the_last_entries(self):
        repl = self.start(env={"CONVBOOK_HISTORY_SIZE": "2"})
        for number in (1, 2, 3):
            self.run_line(repl, f"{number} * 11", rf"\r\n{number * 11}\r\n")
        repl.send(CTRL_D)
        self.assertEqual(repl.wait(), 0)
        with open(self.history, encoding="utf-8") as file:
            entries = [line for line in file.read().splitlines() if line and not line.startswith("_HiStOrY")]
        self.assertEqual(entries, ["2\\040*\\04011", "3\\040*\\04011"])  # spaces saved as \040

    def test_a_bad_history_size_is_refused(self):
        repl = Repl(self.history, env={"CONVBOOK_HISTORY_SIZE": "lots"})
        self.repls.append(repl)
        repl.expect("CONVBOOK_HISTORY_SIZE must be a whole number")
        self.assertEqual(repl.wait(), 2)

    def test_an_unknown_image_protocol_is_refused(self):
        repl = Repl(self.history, env={"CONVBOOK_IMAGES": "ascii-art"})
        self.repls.append(repl)
        repl.expect("CONVBOOK_IMAGES must be none, auto, kitty, iterm2 or sixel, not 'ascii-art'")
        self.assertEqual(repl.wait(), 2)

    def test_show_writes_a_png_and_prints_its_path(self):
        repl = self.start()
        self.run_line(repl, "import torch")
        repl.send("show(torch.ones(3, 2, 2, 2))\r")
        found = repl.expect(r"<kernels 3×2×2×2> → (\S+\.png)")
        repl.prompt()
        path = found.group(1).decode()
        with open(path, "rb") as file:
            self.assertEqual(file.read(8), b"\x89PNG\r\n\x1a\n")
        self.assertNotIn(b"\x1b_G", repl.output)
        os.remove(path)
        os.rmdir(os.path.dirname(path))

    def test_a_kitty_terminal_gets_the_picture_drawn(self):
        repl = self.start(env={"CONVBOOK_IMAGES": "kitty"})
        self.run_line(repl, "import torch")
        repl.send("show(torch.ones(2, 2))\r")
        repl.expect(r"→ \S+\.png")
        repl.expect(r"\x1b_Ga=T,f=100,m=[01];iVBORw0KGgo")  # base64 of the PNG signature
        repl.prompt()

    def test_an_iterm2_terminal_gets_an_inline_file(self):
        repl = self.start(env={"CONVBOOK_IMAGES": "iterm2"})
        self.run_line(repl, "import torch")
        repl.send("show(torch.ones(2, 2))\r")
        found = repl.expect(r"→ (\S+\.png)")
        repl.expect(r"\x1b\]1337;File=inline=1;size=(\d+);width=\d+px;preserveAspectRatio=1:iVBORw0KGgo[A-Za-z0-9+/=]+\x07")
        repl.prompt()
        self.assertEqual(len(open(found.group(1), "rb").read()), int(re.search(rb"size=(\d+)", repl.output).group(1)))

    def test_a_sixel_terminal_gets_the_picture_in_sixels(self):
        repl = self.start(env={"CONVBOOK_IMAGES": "sixel"})
        self.run_line(repl, "import torch")
        repl.send("show(torch.arange(12.).reshape(3, 4))\r")
        found = repl.expect(r"→ (\S+\.png)")
        drawn = repl.expect(rb"\x1bP[0-9;]*q.*?\x1b\\")
        repl.prompt()
        width, height, png = read_png(open(found.group(1), "rb").read())
        sixel_width, sixel_height, sixels = read_sixel(drawn.group(0).decode())
        self.assertEqual((sixel_width, sixel_height), (width, height))
        # Every pixel is drawn once, in the 6×6×6 colour nearest the PNG's (over white): within half a step.
        for y in range(0, height, 7):
            for x in range(0, width, 5):
                r, g, b, a = png[y][x]
                expected = [(v * a + 255 * (255 - a)) // 255 for v in (r, g, b)]
                self.assertIsNotNone(sixels[y][x], (x, y))
                for got, want in zip(sixels[y][x], expected):
                    self.assertLessEqual(abs(got - want), 26, ((x, y), sixels[y][x], expected))

    def answer_device_attributes(self, answer):
        """A REPL left to detect images, whose terminal (this test) answers the DA1 query with `answer`."""
        repl = Repl(self.history, env={"CONVBOOK_IMAGES": "auto"})
        self.repls.append(repl)
        repl.expect(r"\x1b\[c")
        repl.send(answer)
        repl.prompt()
        self.run_line(repl, "import torch")
        repl.send("show(torch.ones(2, 2))\r")
        repl.expect(r"→ \S+\.png")
        repl.prompt()
        return repl.output

    def test_a_terminal_that_answers_sixel_gets_sixels(self):
        self.assertRegex(self.answer_device_attributes("\x1b[?62;4;22c"), rb"\x1bP[0-9;]*q\"1;1;\d+;\d+")

    def test_a_terminal_without_sixel_gets_only_the_path(self):
        self.assertNotIn(b"\x1bP", self.answer_device_attributes("\x1b[?62;22c"))

    def test_a_terminal_that_does_not_answer_delays_the_prompt_briefly(self):
        started = time.monotonic()
        repl = self.start(env={"CONVBOOK_IMAGES": "auto"})
        self.assertLess(time.monotonic() - started, 5)
        self.assertIn(b"\x1b[c", repl.output)
        self.run_line(repl, "6 * 7", r"\r\n42\r\n")

    def test_no_images_opts_out_of_drawing(self):
        repl = self.start(env={"CONVBOOK_IMAGES": "kitty"}, args=["--no-images"])
        self.run_line(repl, "import torch")
        repl.send("show(torch.ones(2, 2))\r")
        repl.expect(r"→ \S+\.png")
        repl.prompt()
        self.assertNotIn(b"\x1b_G", repl.output)


class PipedTests(unittest.TestCase):
    def run_repl(self, text):
        return subprocess.run(
            [BIN, "repl"], input=text, capture_output=True, text=True, timeout=60,
            env={**os.environ, "CONVBOOK_HISTORY": ""})

    def test_piped_input_runs_as_a_script(self):
        result = self.run_repl("x = 20\nfor i in range(2):\n    x += 1\n\nprint(x * 2)\n")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "44\n")
        self.assertNotIn(">>>", result.stdout + result.stderr)

    def test_a_raising_script_exits_1_after_its_output(self):
        result = self.run_repl("print('before')\n1 / 0\nprint('after')\n")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "before\n")
        self.assertIn("ZeroDivisionError", result.stderr)

    def test_a_syntax_error_runs_nothing(self):
        result = self.run_repl("print('before')\nprint(\"x)\n")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        self.assertIn("SyntaxError: unterminated string literal", result.stderr)

    def test_bare_convbook_with_piped_input_still_prints_its_usage(self):
        result = subprocess.run([BIN], input="print(1)\n", capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0)
        self.assertIn("USAGE: convbook <subcommand>", result.stdout)

    def test_a_picture_is_written_to_a_file(self):
        result = self.run_repl("import torch\nshow(torch.ones(2, 2))\n")
        self.assertEqual(result.returncode, 0, result.stderr)
        found = re.search(r"→ (\S+\.png)", result.stdout)
        self.assertIsNotNone(found, result.stdout)
        self.assertTrue(os.path.getsize(found.group(1)) > 0)
        self.assertNotIn("\x1b", result.stdout)


if __name__ == "__main__":
    unittest.main()
