"""The notebook page in a real browser against a real server: the flows of issue 7, one test each."""

import json
import os
import tempfile
import time
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from harness import BrowserTestCase, make_driver

TWO_CHANNELS = "\n".join([
    "import torch",
    "from d2l import torch as d2l",
    "X = torch.tensor([[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]], [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]])",
    "K = torch.tensor([[[0.0, 1.0], [2.0, 3.0]], [[1.0, 2.0], [3.0, 4.0]]])",
])
# "<<" starts a line typed after Shift+Tab (the editor keeps the indentation of the line before).
CORR2D_MULTI_IN = "\n".join([
    "def corr2d_multi_in(X, K):",
    "    return sum(d2l.corr2d(x, k) for x, k in zip(X, K))",
    "<<corr2d_multi_in(X, K)",
])
# A loop that prints a step about every few hundred milliseconds in a debug build, for the live-output tests.
SLOW_PRINTS = "\n".join([
    "for i in range(100000):",
    "    print('step', i)",
    "    s = 0",
    "    for j in range(20000):",
    "        s = s + j",
])


class NotebookFlows(BrowserTestCase):
    def new_notebook_from_home(self, title):
        driver = self.driver
        driver.get(self.server.base + "/")
        self.wait(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
        driver.find_element(By.ID, "new-title").send_keys(title)
        driver.find_element(By.ID, "create").click()
        self.wait(lambda d: "/nb/" in d.current_url and d.execute_script("return document.body.dataset.ready === 'true'"), message="the new notebook opens")
        return driver.current_url.rsplit("/", 1)[-1]

    def test_01_type_and_run_the_two_channel_example(self):
        notebook_id = self.new_notebook_from_home("Two channels")
        self.assertEqual(self.driver.find_element(By.ID, "title").get_attribute("value"), "Two channels")
        self.wait(lambda d: len(self.cells()) == 1, message="a new notebook starts with one cell")

        self.type_into(self.cell(0), TWO_CHANNELS)
        self.shift_enter()
        self.wait(lambda d: len(self.cells()) == 2, message="Shift+Enter on the last cell adds one")
        self.wait_status(self.cell(0), "done")
        self.assertEqual(self.cell(0).find_element(By.CSS_SELECTOR, ".prompt").text, "[1]")

        self.type_into(self.cell(1), CORR2D_MULTI_IN)
        self.shift_enter()
        self.wait_output(self.cell(1), "tensor([[ 56.,  72.],")
        self.assertIn("[104., 120.]])", self.output_text(self.cell(1)))
        self.assertEqual(self.cell(1).find_element(By.CSS_SELECTOR, ".run-state").text.endswith("s"), True)

        self.wait(lambda d: len(self.cells()) == 3)
        self.type_into(self.cell(2), "show(corr2d_multi_in(X, K), title='two channels summed')")
        self.shift_enter()
        image = self.wait(lambda d: self.cell(2).find_elements(By.CSS_SELECTOR, ".outputs img"), message="an image output")[0]
        self.wait(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image), message="the PNG loads")
        self.screenshot("01-two-channel-example")

        # Everything typed was saved: the server has the three sources.
        self.wait_saved()
        saved = self.server.api("GET", f"/api/notebooks/{notebook_id}")
        self.assertEqual([cell["source"] for cell in saved["cells"][:3]], [TWO_CHANNELS, CORR2D_MULTI_IN.replace("<<", ""), "show(corr2d_multi_in(X, K), title='two channels summed')"])
        self.assertIn("tensor([[ 56.,  72.],", json.dumps(saved["cells"][1]["outputs"]))

    def test_02_editing_an_upstream_cell_marks_dependents_stale(self):
        notebook = self.server.create_notebook("Stale", [("code", "a = 1"), ("code", "b = a + 1\nb"), ("code", "c = 5\nc")])
        self.server.run_all_and_wait(notebook["id"])
        self.open_notebook(notebook["id"])
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "#cells .cell.stale"), [])

        self.type_into(self.cell(0), "0")  # a = 10
        # The edited cell is stale; its reader follows once `a` is redefined (issue 23: what it read has
        # not changed yet), and Run stale runs both.
        self.wait(lambda d: "stale" in self.cell(0).get_attribute("class"), message="the edited cell turns stale")
        self.assertTrue(self.cell(0).find_element(By.CSS_SELECTOR, ".stale-badge").is_displayed())
        self.assertNotIn("stale", self.cell(2).get_attribute("class"), "a cell that does not read `a` stays fresh")
        self.screenshot("02-stale-cells")

        self.press(Keys.ESCAPE)
        self.driver.find_element(By.ID, "run-stale").click()
        self.wait_output(self.cell(1), "11")
        self.wait(lambda d: not d.find_elements(By.CSS_SELECTOR, "#cells .cell.stale"), message="run stale clears every stale mark")

    def test_03_interrupt_an_endless_loop(self):
        notebook = self.server.create_notebook("Endless", [("code", "while True:\n    pass"), ("code", "1 + 1")])
        self.open_notebook(notebook["id"])
        interrupt = self.driver.find_element(By.ID, "interrupt")
        self.assertFalse(interrupt.is_enabled(), "nothing runs yet: Interrupt is disabled")
        self.cell(0).click()
        self.press(Keys.ESCAPE)
        self.press(Keys.ENTER, modifier=Keys.CONTROL)
        self.wait_status(self.cell(0), "running")
        self.wait(lambda d: "running" in self.cell(0).find_element(By.CSS_SELECTOR, ".run-state").text, message="elapsed time shown")
        self.wait(lambda d: interrupt.is_enabled(), message="Interrupt is enabled while a cell runs")
        time.sleep(0.5)
        self.screenshot("03-running-cell")
        started = time.monotonic()
        self.driver.find_element(By.ID, "interrupt").click()
        self.wait_status(self.cell(0), "interrupted", timeout=10)
        self.assertLess(time.monotonic() - started, 5)
        self.assertIn("KeyboardInterrupt", self.output_text(self.cell(0)))
        self.wait(lambda d: not interrupt.is_enabled(), message="Interrupt is disabled again once the kernel is idle")
        # The session is still usable.
        self.cell(1).click()
        self.press(Keys.ESCAPE)
        self.press(Keys.ENTER, modifier=Keys.CONTROL)
        self.wait_output(self.cell(1), "2")

    def test_03b_restart_forgets_the_variables(self):
        notebook = self.server.create_notebook("Restart", [("code", "kept = 41"), ("code", "kept + 1")])
        self.server.run_all_and_wait(notebook["id"])
        self.open_notebook(notebook["id"])
        self.assertIn("42", self.output_text(self.cell(1)))
        self.cell(0).click()
        self.press(Keys.ESCAPE)
        self.press("0", "0")
        dialog = self.wait(lambda d: d.find_element(By.ID, "choice-dialog") if d.find_element(By.ID, "choice-dialog").is_displayed() else None, message="0, 0 asks first")
        dialog.find_element(By.CSS_SELECTOR, 'button[data-choice="ok"]').click()
        self.wait(lambda d: "restarted" in d.find_element(By.ID, "kernel-state").text or "Session restarted" in d.find_element(By.ID, "notice").text, message="the restart is shown")
        self.cell(1).click()
        self.press(Keys.ESCAPE)
        self.press(Keys.ENTER, modifier=Keys.CONTROL)
        self.wait_output(self.cell(1), "NameError")

    def test_04_reload_mid_run_shows_the_output_so_far_and_continues(self):
        notebook = self.server.create_notebook("Live", [("code", SLOW_PRINTS)])
        self.open_notebook(notebook["id"])
        self.driver.find_element(By.ID, "run-all").click()
        self.wait_output(self.cell(0), "step 1")
        self.driver.refresh()
        self.wait(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
        cell = self.cell(0)
        self.wait_status(cell, "running")
        self.wait_output(cell, "step 1", timeout=10)
        seen = self.output_text(cell).count("step")
        self.wait(lambda d: self.output_text(self.cell(0)).count("step") > seen + 1, message="output keeps streaming after the reload")
        self.screenshot("04-reloaded-mid-run")
        self.driver.find_element(By.ID, "interrupt").click()
        self.wait_status(self.cell(0), "interrupted", timeout=10)

    def test_05_export_and_reimport(self):
        notebook = self.server.create_notebook("Round trip", [("markdown", "# Title\n\nSome *text*."), ("code", "x = 3\nx * 2")])
        self.server.run_all_and_wait(notebook["id"])
        self.open_notebook(notebook["id"])
        self.driver.find_element(By.CSS_SELECTOR, "#export-menu summary").click()
        link = self.driver.find_element(By.ID, "export-ipynb")
        self.assertTrue(link.is_displayed())
        self.screenshot("05-export-menu")
        href = link.get_attribute("href")
        text = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.ok ? r.text() : 'HTTP ' + r.status).then(done, e => done(String(e)));",
            href,
        )
        exported = json.loads(text)
        self.assertEqual(exported["nbformat"], 4)
        path = os.path.join(tempfile.mkdtemp(), "round-trip.ipynb")
        with open(path, "w") as handle:
            handle.write(text)

        self.driver.get(self.server.base + "/")
        self.wait(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
        self.driver.find_element(By.ID, "import-file").send_keys(path)
        self.wait(lambda d: "/nb/" in d.current_url and not d.current_url.endswith(notebook["id"]), message="the import opens")
        self.wait(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
        self.wait(lambda d: len(self.cells()) == 2)
        self.assertEqual(self.cell(0).find_element(By.CSS_SELECTOR, ".markdown-body h1").text, "Title")
        self.assertEqual(self.editor_text(self.cell(1)), "x = 3\nx * 2")
        self.assertIn("6", self.output_text(self.cell(1)))

        for format in ("py", "html"):
            status, body, headers = self.server.request("GET", f"/api/notebooks/{notebook['id']}/export?format={format}")
            self.assertEqual(status, 200)
            self.assertIn("attachment", headers.get("Content-Disposition", ""))

    def test_06_share_link_is_read_only_and_revocable(self):
        notebook = self.server.create_notebook("Shared", [("markdown", "## Shared notes"), ("code", "import torch\nshow(torch.ones(3, 3))"), ("code", "print('hello from the share')")])
        self.server.run_all_and_wait(notebook["id"])
        self.open_notebook(notebook["id"])
        self.driver.find_element(By.ID, "open-share").click()
        self.driver.find_element(By.ID, "create-share").click()
        field = self.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "#share-list .share-url"), message="a share link")[0]
        url = field.get_attribute("value")
        self.assertIn("/share/", url)
        self.screenshot("06-share-dialog")

        stranger = make_driver()  # no cookies: the share token alone opens it
        try:
            stranger.get(url)
            self.wait(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"), driver=stranger)
            self.assertEqual(stranger.find_element(By.ID, "title").text, "Shared")
            self.assertEqual(len(stranger.find_elements(By.CSS_SELECTOR, "#cells .cell")), 3)
            self.assertEqual(stranger.find_elements(By.CSS_SELECTOR, ".toolbar, #run-all"), [])
            self.assertIn("hello from the share", stranger.find_element(By.CSS_SELECTOR, "#cells").text)
            image = stranger.find_element(By.CSS_SELECTOR, "#cells .outputs img")
            self.wait(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image), driver=stranger, message="the shared image loads")
            readonly = stranger.execute_script("return document.querySelector('.CodeMirror').CodeMirror.getOption('readOnly')")
            self.assertTrue(readonly)
            self.screenshot("06-share-view", driver=stranger)

            self.driver.find_element(By.CSS_SELECTOR, "#share-list .revoke-share").click()
            self.wait(lambda d: not d.find_elements(By.CSS_SELECTOR, "#share-list .share"), message="the link is gone from the list")
            stranger.get(url)
            self.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "#cells .fatal"), driver=stranger, message="the revoked link gets the page, which says so")
            self.assertIn("revoked", stranger.find_element(By.CSS_SELECTOR, "#cells .fatal").text)
            self.assertNotIn("hello from the share", stranger.find_element(By.TAG_NAME, "body").text)
            self.assertEqual(self.server.request("GET", "/api/shares/" + url.rsplit("/", 1)[-1])[0], 404)
        finally:
            stranger.quit()
        self.press(Keys.ESCAPE)

    def test_07_command_mode_shortcuts(self):
        notebook = self.server.create_notebook("Keys", [("code", "first = 1"), ("code", "second = 2")])
        self.open_notebook(notebook["id"])
        self.cell(0).click()
        self.press(Keys.ESCAPE)
        self.press("b")
        self.wait(lambda d: len(self.cells()) == 3, message="B inserts below")
        self.assertIn("selected", self.cell(1).get_attribute("class"))
        self.press("m")
        self.wait(lambda d: "markdown" in self.cell(1).get_attribute("class"), message="M makes it markdown")
        self.press(Keys.ENTER)
        self.press("*hello* there")
        self.shift_enter()
        self.wait(lambda d: self.cell(1).find_element(By.CSS_SELECTOR, ".markdown-body").is_displayed())
        self.assertEqual(self.cell(1).find_element(By.CSS_SELECTOR, ".markdown-body em").text, "hello")
        self.assertIn("selected", self.cell(2).get_attribute("class"), "Shift+Enter advances")
        self.press("k")
        self.press("k")
        self.assertIn("selected", self.cell(0).get_attribute("class"))
        self.press("a")
        self.wait(lambda d: len(self.cells()) == 4, message="A inserts above")
        self.press("d", "d")
        self.wait(lambda d: len(self.cells()) == 3, message="D, D deletes")
        self.press("j")
        self.press("y")
        self.wait(lambda d: "code" in self.cell(1).get_attribute("class"), message="Y makes it code again")
        self.press("h")
        self.wait(lambda d: d.find_element(By.ID, "help").is_displayed(), message="H opens the help")
        self.screenshot("07-help-overlay")
        self.press(Keys.ESCAPE)
        self.wait(lambda d: not d.find_element(By.ID, "help").is_displayed())
        self.wait_saved()
        saved = self.server.api("GET", f"/api/notebooks/{notebook['id']}")
        self.assertEqual([cell["type"] for cell in saved["cells"]], ["code", "code", "code"])
        self.assertEqual([cell["source"] for cell in saved["cells"]], ["first = 1", "*hello* there", "second = 2"])

    def test_08_conflicting_save_asks_what_to_keep(self):
        notebook = self.server.create_notebook("Conflict", [("code", "value = 1")])
        self.open_notebook(notebook["id"])
        # Another tab saves first: the page's revision is now behind.
        self.server.api("PATCH", f"/api/notebooks/{notebook['id']}/cells/{notebook['cells'][0]['id']}", {"source": "value = 2", "revision": notebook["revision"]})
        self.type_into(self.cell(0), "0")
        dialog = self.wait(lambda d: d.find_element(By.ID, "choice-dialog") if d.find_element(By.ID, "choice-dialog").is_displayed() else None, message="the conflict dialog")
        self.assertIn("first", dialog.text)
        self.assertEqual(self.driver.find_element(By.ID, "save-state").get_attribute("data-state"), "conflict")
        self.screenshot("08-conflict")
        dialog.find_element(By.CSS_SELECTOR, 'button[data-choice="overwrite"]').click()
        self.wait_saved()
        saved = self.server.api("GET", f"/api/notebooks/{notebook['id']}")
        self.assertEqual(saved["cells"][0]["source"], "value = 10")

    def test_09_variables_panel_with_heatmap(self):
        notebook = self.server.create_notebook("Variables", [("code", "import torch\nX = torch.arange(12.0).reshape(3, 4)\nn = 7")])
        self.server.run_all_and_wait(notebook["id"])
        self.open_notebook(notebook["id"])
        self.driver.find_element(By.ID, "toggle-variables").click()
        row = self.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '#variables-list .variable[data-name="X"]'), message="X in the panel")[0]
        self.assertIn("(3, 4)", row.text)
        self.assertIn("float32", row.text)
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, '#variables-list .variable[data-name="n"]'))
        row.find_element(By.CSS_SELECTOR, ".heatmap-toggle").click()
        image = self.wait(lambda d: row.find_elements(By.CSS_SELECTOR, ".heatmap img"), message="a heatmap")[0]
        self.wait(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image), message="the heatmap loads")
        self.screenshot("09-variables-panel")

    def test_10_error_output_marks_the_line(self):
        notebook = self.server.create_notebook("Errors", [("code", "import torch\ny = torch.ones(2, 3)\nz = y @ y")])
        self.server.run_all_and_wait(notebook["id"])
        self.open_notebook(notebook["id"])
        error = self.cell(0).find_element(By.CSS_SELECTOR, ".output.error")
        self.assertIn("RuntimeError", error.text)
        self.assertTrue(error.find_elements(By.CSS_SELECTOR, ".tb-line.caret"), "the caret line is highlighted")
        marked = self.cell(0).find_elements(By.CSS_SELECTOR, ".CodeMirror .cm-error-line")
        self.assertEqual(len(marked), 1)
        self.assertIn("z = y @ y", marked[0].find_element(By.XPATH, "..").text)
        self.screenshot("10-error-output")

    def test_10b_home_rename_duplicate_delete(self):
        notebook = self.server.create_notebook("Home flows", [("code", "x = 1")])
        driver = self.driver
        driver.get(self.server.base + "/")
        self.wait(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
        row = lambda: driver.find_element(By.CSS_SELECTOR, f'#notebook-rows tr[data-id="{notebook["id"]}"]')
        self.assertIn("1 cell", row().text)

        row().find_element(By.CSS_SELECTOR, "button.rename").click()
        field = self.wait(lambda d: d.find_element(By.ID, "choice-input") if d.find_element(By.ID, "choice-input").is_displayed() else None)
        field.clear()
        field.send_keys("Renamed flows", Keys.ENTER)
        self.wait(lambda d: "Renamed flows" in row().text, message="the new title in the list")

        row().find_element(By.CSS_SELECTOR, "button.duplicate").click()
        self.wait(lambda d: "Renamed flows (copy)" in d.find_element(By.ID, "notebook-rows").text, message="the copy in the list")

        row().find_element(By.CSS_SELECTOR, "button.delete").click()
        dialog = self.wait(lambda d: d.find_element(By.ID, "choice-dialog") if d.find_element(By.ID, "choice-dialog").is_displayed() else None)
        self.assertIn("cannot be undone", dialog.text)
        self.screenshot("10b-delete-confirmation")
        dialog.find_element(By.CSS_SELECTOR, 'button[data-choice="ok"]').click()
        self.wait(lambda d: not d.find_elements(By.CSS_SELECTOR, f'#notebook-rows tr[data-id="{notebook["id"]}"]'), message="the row is gone")
        self.assertEqual(self.server.request("GET", f"/api/notebooks/{notebook['id']}")[0], 404)

    def test_11_example_notebook_on_laptop_phone_and_dark(self):
        listing = self.server.api("GET", "/api/notebooks")
        example = next(item for item in listing if "input-channels" in item["title"] or "input channels" in item["title"].lower())
        self.open_notebook(example["id"])
        code_cells = len(self.driver.find_elements(By.CSS_SELECTOR, "#cells .cell.code"))
        self.driver.find_element(By.ID, "run-all").click()
        self.wait(lambda d: d.find_element(By.ID, "progress-row").is_displayed(), message="the run-all progress bar")
        self.wait(lambda d: f"{code_cells} of {code_cells} cells" in d.find_element(By.ID, "run-progress-text").text, 120, "every cell finished")
        self.screenshot("11-run-all-finished")
        self.wait(lambda d: not d.find_element(By.ID, "progress-row").is_displayed(), message="the bar goes away")
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "#cells .cell.status-error"), [])
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "#cells .outputs img"))
        self.screenshot("11-example-laptop")
        self.driver.get(self.server.base + "/")
        self.wait(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
        self.screenshot("11-home")
        for name, options in (("phone", {"width": 390, "height": 844}), ("dark", {"dark": True})):
            other = make_driver(**options)
            try:
                self.sign_in(other)
                self.open_notebook(example["id"], driver=other)
                other.save_screenshot(os.path.join(os.path.dirname(self.screenshot("11-example-laptop")), f"11-example-{name}.png"))
                if name == "phone":
                    overflow = other.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
                    self.assertLessEqual(overflow, 0, "no sideways scrolling at phone width")
                    other.get(self.server.base + "/")
                    other.save_screenshot(os.path.join(os.path.dirname(self.screenshot("11-example-laptop")), "11-home-phone.png"))
            finally:
                other.quit()

    def test_12_markdown_math_is_typeset(self):
        source = ("The kernel has shape $c_o \\times c_i \\times k_h \\times k_w$; prices from $5 to $10 stay text.\n\n"
                  "$$Y_{i,j} = \\sum_{a,b} X_{i+a,j+b} K_{a,b}$$\n\nBroken: $\\frac{1}{$ and `$code$`.")
        notebook = self.server.create_notebook("Math", [("markdown", source)])
        self.open_notebook(notebook["id"])
        body = self.cell(0).find_element(By.CSS_SELECTOR, ".markdown-body")
        self.wait(lambda d: body.find_elements(By.CSS_SELECTOR, ".katex"), message="KaTeX typeset the math")
        inline = body.find_elements(By.CSS_SELECTOR, ".math-inline .katex")
        display = body.find_elements(By.CSS_SELECTOR, ".math-display .katex-display")
        self.assertEqual(len(display), 1, "one display formula")
        self.assertGreaterEqual(len(inline), 1)
        # KaTeX keeps the TeX source as an annotation: the formula is the one we wrote.
        annotation = inline[0].find_element(By.CSS_SELECTOR, "annotation").get_attribute("textContent")
        self.assertEqual(annotation, "c_o \\times c_i \\times k_h \\times k_w")
        text = body.text
        self.assertIn("from $5 to $10 stay text", text)
        self.assertEqual(body.find_element(By.CSS_SELECTOR, "code").text, "$code$")
        # Bad TeX stays as its source, marked, with KaTeX's message; the rest of the cell still renders.
        error = body.find_element(By.CSS_SELECTOR, ".math-error")
        self.assertEqual(error.text, "\\frac{1}{")
        self.assertIn("KaTeX parse error", error.get_attribute("title"))
        self.assertIn("Broken", text)
        self.screenshot("12-markdown-math")


if __name__ == "__main__":
    unittest.main()
