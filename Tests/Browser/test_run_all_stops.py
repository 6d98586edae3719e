"""Issue 16 in a real browser: "Run all" stops at the first error, says which cells were not run and offers
to run the rest anyway; Shift+Enter on single cells behaves as before."""

import unittest

from selenium.webdriver.common.by import By

from harness import BrowserTestCase


class RunAllStops(BrowserTestCase):
    def test_run_all_stops_at_the_first_error_and_can_run_the_rest(self):
        notebook = self.server.create_notebook("Stops", [
            ("code", "a = 1\nprint('first', a)"),
            ("code", "b = a + missing_name"),
            ("markdown", "Some *text*."),
            ("code", "c = a + 2\nprint('third', c)"),
            ("code", "print('fourth', c * 10)"),
        ])
        ids = [cell["id"] for cell in notebook["cells"]]
        self.open_notebook(notebook["id"])
        self.driver.find_element(By.ID, "run-all").click()

        self.wait_output(self.cell_by_id(ids[0]), "first 1")
        self.wait_status(self.cell_by_id(ids[1]), "error")
        message = self.wait(lambda d: d.find_element(By.ID, "run-stopped") if d.find_element(By.ID, "run-stopped").is_displayed() else None, message="the stop message")
        self.assertIn("2 cells were not run", message.text)
        for cell_id in ids[3:]:
            cell = self.cell_by_id(cell_id)
            self.assertEqual(cell.get_attribute("data-status"), "idle")
            self.assertEqual(self.output_text(cell), "")
        self.screenshot("16-run-all-stopped")

        self.driver.find_element(By.ID, "run-rest").click()
        self.wait_output(self.cell_by_id(ids[3]), "third 3")
        self.wait_output(self.cell_by_id(ids[4]), "fourth 30")
        self.wait(lambda d: not d.find_element(By.ID, "run-stopped").is_displayed(), message="the message goes away")
        # The failed cell was not run again.
        self.assertEqual(self.cell_by_id(ids[1]).get_attribute("data-status"), "error")

    def test_shift_enter_runs_a_cell_after_an_error_as_before(self):
        notebook = self.server.create_notebook("Single", [("code", "1 / undefined_here"), ("code", "print('still runs')")])
        ids = [cell["id"] for cell in notebook["cells"]]
        self.open_notebook(notebook["id"])
        self.cell_by_id(ids[0]).find_element(By.CSS_SELECTOR, ".source .CodeMirror").click()
        self.shift_enter()
        self.wait_status(self.cell_by_id(ids[0]), "error")
        self.cell_by_id(ids[1]).find_element(By.CSS_SELECTOR, ".source .CodeMirror").click()
        self.shift_enter()
        self.wait_output(self.cell_by_id(ids[1]), "still runs")
        self.assertFalse(self.driver.find_element(By.ID, "run-stopped").is_displayed())


if __name__ == "__main__":
    unittest.main()
