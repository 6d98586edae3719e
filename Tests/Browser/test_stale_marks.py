"""Issue 23 in a real browser: stale marks follow what each cell actually read, on the book's section 7.4.

Cell A stacks `K` into three output channels (`K = torch.stack((K, K + 1, K + 2), 0)`); a later cell B
defines `X` and `K` afresh for the 1×1 convolution; cells C and D use B's values. Run in order, nothing is
stale (C and D read the newest K), A is superseded, and Run stale has nothing to do. The tests then check
the four rules: a cell is stale when what it read was redefined above it; a superseded cell is not run
again; a cell that rebinds a name it reads is not re-run without asking; Restart + Run all leaves nothing
stale.
"""

import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from harness import BrowserTestCase

SECTION_7_4 = [
    ("code", "import torch\nfrom d2l import torch as d2l"),
    ("code", "def corr2d_multi_in(X, K):\n    return sum(d2l.corr2d(x, k) for x, k in zip(X, K))"),
    ("code", "X = torch.tensor([[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]],\n"
             "                  [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]])\n"
             "K = torch.tensor([[[0.0, 1.0], [2.0, 3.0]], [[1.0, 2.0], [3.0, 4.0]]])"),
    ("code", "corr2d_multi_in(X, K)"),
    ("code", "def corr2d_multi_in_out(X, K):\n    return torch.stack([corr2d_multi_in(X, k) for k in K], 0)"),
    ("code", "K = torch.stack((K, K + 1, K + 2), 0)\nK.shape"),
    ("code", "corr2d_multi_in_out(X, K)"),
    ("code", "def corr2d_multi_in_out_1x1(X, K):\n    c_i, h, w = X.shape\n    c_o = K.shape[0]\n"
             "    X = X.reshape((c_i, h * w))\n    K = K.reshape((c_o, c_i))\n    Y = torch.matmul(K, X)\n"
             "    return Y.reshape((c_o, h, w))"),
    ("code", "X = torch.normal(0, 1, (3, 3, 3))\nK = torch.normal(0, 1, (2, 3, 1, 1))"),
    ("code", "Y1 = corr2d_multi_in_out_1x1(X, K)\nY2 = corr2d_multi_in_out(X, K)\n"
             "assert float(torch.abs(Y1 - Y2).sum()) < 1e-6"),
    ("code", "show(corr2d_multi_in_out(X, K))"),
    ("code", "explain_conv(X, K[0])"),
]
DATA, USE_DATA, A, USE_A, B, C, D = 2, 3, 5, 6, 8, 10, 11


class StaleMarks(BrowserTestCase):
    notebook = None

    def setUp(self):
        if StaleMarks.notebook is None:
            StaleMarks.notebook = self.server.create_notebook("Section 7.4", SECTION_7_4)
        self.ids = [cell["id"] for cell in StaleMarks.notebook["cells"]]

    def marks(self):
        """Each cell's badge ('stale', 'superseded' or '' for none), as the page writes it (CSS shows it in capitals)."""
        return [self.driver.execute_script("const badge = arguments[0].querySelector('.stale-badge'); return badge.hidden ? '' : badge.textContent", cell) for cell in self.cells()]

    def stale(self):
        return {index for index, mark in enumerate(self.marks()) if mark == "stale"}

    def wait_idle(self, timeout=120):
        self.wait(lambda d: all(cell.get_attribute("data-status") not in ("queued", "running") for cell in self.cells())
                  and d.find_element(By.ID, "kernel-state").get_attribute("data-state") == "idle", timeout, "every cell finished")

    def run_in_order_by_hand(self):
        """Shift+Enter through the cells, as a reader typing the section runs each one."""
        self.cell(0).find_element(By.CSS_SELECTOR, ".source .CodeMirror").click()
        for _ in range(len(SECTION_7_4) - 1):
            self.shift_enter()
        self.press(Keys.ENTER, modifier=Keys.CONTROL)
        self.wait_idle()
        self.assertEqual([cell.get_attribute("data-status") for cell in self.cells()], ["done"] * len(SECTION_7_4))

    def replace_source(self, index, text):
        cell = self.cell(index)
        cell.find_element(By.CSS_SELECTOR, ".source .CodeMirror").click()
        self.driver.execute_script("arguments[0].querySelector('.CodeMirror').CodeMirror.setValue(arguments[1])", cell, text)
        self.press(Keys.ESCAPE)
        self.wait_saved()

    def test_1_the_books_flow_leaves_the_cells_that_read_the_newest_values_fresh(self):
        self.open_notebook(self.notebook["id"])
        self.run_in_order_by_hand()
        # C and D used B's K, the newest: not stale. A's K (and the first data cell's X and K) were all
        # replaced later by B: superseded, shown apart, not stale.
        self.wait(lambda d: self.marks()[A] == "superseded", message="A superseded")
        marks = self.marks()
        self.assertEqual(self.stale(), set(), marks)
        self.assertEqual(marks[DATA], "superseded")
        self.assertEqual(marks[C], "")
        self.assertEqual(marks[D], "")
        badge = self.cell(A).find_element(By.CSS_SELECTOR, ".stale-badge")
        self.assertIn("K, which it defines, was redefined later by cell 9", badge.get_attribute("title"))
        self.assertNotIn("attention", self.driver.find_element(By.ID, "run-stale").get_attribute("class"))
        self.screenshot("23-stale-book-flow")
        # Run stale has nothing to do: A is not run against B's K.
        self.driver.find_element(By.ID, "run-stale").click()
        self.wait(lambda d: "Nothing is stale" in d.find_element(By.ID, "notice").text, message="nothing to run")
        self.assertEqual(self.cell(A).find_element(By.CSS_SELECTOR, ".prompt").text, "[6]")

    def test_2_a_cell_is_stale_when_what_it_read_is_redefined_above_it(self):
        self.open_notebook(self.notebook["id"])
        self.replace_source(DATA, SECTION_7_4[DATA][1].replace("[[[0.0, 1.0, 2.0]", "[[[10.0, 1.0, 2.0]"))
        self.assertEqual(self.marks()[DATA], "stale")
        self.cell(DATA).find_element(By.CSS_SELECTOR, ".source .CodeMirror").click()
        self.press(Keys.ENTER, modifier=Keys.CONTROL)
        self.wait_idle()
        # The cells that read the data cell's X or K are stale; C and D read B's, which stands between.
        self.wait(lambda d: self.stale() == {USE_DATA, A, USE_A}, message=f"stale marks after re-running the data cell: {self.marks()}")
        self.assertIn("it read K, which cell 3 redefined after it ran", self.cell(A).find_element(By.CSS_SELECTOR, ".stale-badge").get_attribute("title"))
        self.assertIn("attention", self.driver.find_element(By.ID, "run-stale").get_attribute("class"))
        # A reads the fresh K from above, so Run stale runs it without asking, in order, and nothing fails.
        self.driver.find_element(By.ID, "run-stale").click()
        self.wait_idle()
        self.wait(lambda d: self.stale() == set(), message=f"nothing stale after Run stale: {self.marks()}")
        self.assertEqual([self.cell(i).get_attribute("data-status") for i in (USE_DATA, A, USE_A)], ["done"] * 3)
        self.assertIn("torch.Size([3, 2, 2, 2])", self.output_text(self.cell(A)))
        self.assertFalse(self.driver.find_element(By.ID, "choice-dialog").get_attribute("open"))

    def test_3_a_cell_that_rebinds_what_it_reads_is_not_rerun_without_asking(self):
        self.open_notebook(self.notebook["id"])
        self.replace_source(A, "K = torch.stack((K, K + 1), 0)\nK.shape")
        self.wait(lambda d: self.marks()[A] == "stale", message="an edited superseded cell is stale")
        prompt = self.cell(A).find_element(By.CSS_SELECTOR, ".prompt").text
        self.driver.find_element(By.ID, "run-stale").click()
        dialog = self.wait(lambda d: d.find_element(By.ID, "choice-dialog") if d.find_element(By.ID, "choice-dialog").get_attribute("open") else None, message="Run stale asks")
        message = dialog.find_element(By.ID, "choice-message").text
        self.assertIn("cell 6 (K = torch.stack((K, K + 1), 0)) reads K and rebinds it", message)
        self.screenshot("23-stale-asks")
        dialog.find_element(By.CSS_SELECTOR, 'button[data-choice="skip"]').click()
        self.wait_idle()
        # Skipped: A did not run against B's K (it would make K 5-D); it is still stale.
        self.assertEqual(self.cell(A).find_element(By.CSS_SELECTOR, ".prompt").text, prompt)
        self.assertEqual(self.marks()[A], "stale")
        self.assertNotIn("Error", self.output_text(self.cell(USE_A)))

    def test_4_restart_and_run_all_leaves_nothing_stale(self):
        self.open_notebook(self.notebook["id"])
        self.replace_source(A, SECTION_7_4[A][1])
        self.driver.find_element(By.ID, "restart").click()
        dialog = self.wait(lambda d: d.find_element(By.ID, "choice-dialog") if d.find_element(By.ID, "choice-dialog").get_attribute("open") else None, message="restart asks")
        dialog.find_element(By.CSS_SELECTOR, 'button[data-choice="ok"]').click()
        self.wait(lambda d: self.stale() == set(), message="a restart forgets every mark")
        self.driver.find_element(By.ID, "run-all").click()
        self.wait(lambda d: self.cell(D).get_attribute("data-status") == "done", 120, "run all finished")
        self.wait_idle()
        self.assertEqual(self.stale(), set(), self.marks())
        self.assertEqual([i for i, mark in enumerate(self.marks()) if mark], [DATA, A])


if __name__ == "__main__":
    unittest.main()
