"""Issue 23 in a real browser: the small habits a Jupyter user relies on. A new notebook is ready to type in,
Z brings a deleted cell back, C/X/V copy, cut and paste cells, a page opened without the token asks for it,
the variables panel has something to show while a run goes on, and a stopped run counts what it did not run."""

import os
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from harness import BrowserTestCase, make_driver

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# A cell that keeps a debug build busy for a couple of seconds.
BUSY = "\n".join([
    "s = 0",
    "for j in range(300000):",
    "    s = s + j",
])


class JupyterHabits(BrowserTestCase):
    def sources(self):
        return [self.editor_text(cell) for cell in self.cells()]

    def command_mode_on(self, index):
        """Selects a cell in command mode, as Esc after clicking into it does."""
        self.cell(index).find_element(By.CSS_SELECTOR, ".source .CodeMirror").click()
        self.press(Keys.ESCAPE)
        self.wait(lambda d: not d.execute_script("return document.body.classList.contains('edit-mode')"), message="command mode")

    def test_a_new_notebook_opens_with_its_first_cell_ready_to_type(self):
        driver = self.driver
        driver.get(self.server.base + "/")
        self.wait(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
        driver.find_element(By.ID, "new-title").send_keys("Ready to type")
        driver.find_element(By.ID, "create").click()
        self.wait(lambda d: "/nb/" in d.current_url and d.execute_script("return document.body.dataset.ready === 'true'"), message="the new notebook opens")

        self.wait(lambda d: d.execute_script("return document.body.classList.contains('edit-mode')"), message="edit mode at once")
        placeholder = self.cell(0).find_element(By.CSS_SELECTOR, ".CodeMirror-placeholder")
        self.assertEqual(placeholder.text, "Type code; Shift+Enter runs")
        self.screenshot("23-new-notebook-ready")
        # Typing at once goes into the cell: no "m" turning it into markdown, no "h" opening the help.
        self.press("import torch")
        self.assertEqual(self.editor_text(self.cell(0)), "import torch")
        self.assertIn("code", self.cell(0).get_attribute("class"))
        self.assertFalse(driver.find_element(By.ID, "help").get_attribute("open"))
        self.shift_enter()
        self.wait_status(self.cell(0), "done")

    def test_z_brings_back_a_deleted_cell_and_c_x_v_copy_cut_and_paste(self):
        notebook = self.server.create_notebook("Habits", [("code", "a = 1"), ("code", "b = 2"), ("code", "c = 3")])
        self.open_notebook(notebook["id"])

        self.command_mode_on(1)
        self.press("d", "d")
        self.wait(lambda d: self.sources() == ["a = 1", "c = 3"], message="D, D deletes")
        self.press("z")
        self.wait(lambda d: self.sources() == ["a = 1", "b = 2", "c = 3"], message="Z brings it back where it was")

        self.command_mode_on(0)
        self.press("c")
        self.press("j", "j", "v")
        self.wait(lambda d: self.sources() == ["a = 1", "b = 2", "c = 3", "a = 1"], message="V pastes below")
        self.command_mode_on(2)
        self.press("x")
        self.wait(lambda d: self.sources() == ["a = 1", "b = 2", "a = 1"], message="X cuts")
        self.command_mode_on(0)
        self.press("V", modifier=Keys.SHIFT)
        self.wait(lambda d: self.sources() == ["c = 3", "a = 1", "b = 2", "a = 1"], message="Shift+V pastes above")
        # What the page shows is what the server has.
        stored = [cell["source"] for cell in self.server.api("GET", f"/api/notebooks/{notebook['id']}")["cells"]]
        self.assertEqual(stored, ["c = 3", "a = 1", "b = 2", "a = 1"])
        # N shows the variables (V pastes now, as in Jupyter).
        self.press("n")
        self.wait(lambda d: d.find_element(By.ID, "variables").is_displayed(), message="N opens the variables")
        self.press("n")

    def test_the_variables_panel_shows_the_last_finished_cell_while_one_runs(self):
        notebook = self.server.create_notebook("Variables while running", [("code", "a = 1"), ("code", "b = 2"), ("code", BUSY), ("code", "c = 3")])
        ids = [cell["id"] for cell in notebook["cells"]]
        self.open_notebook(notebook["id"])
        self.driver.find_element(By.ID, "toggle-variables").click()
        self.driver.find_element(By.ID, "run-all").click()
        age = self.wait(lambda d: d.find_element(By.ID, "variables-age") if d.find_element(By.ID, "variables-age").is_displayed() else None, 60, "the panel says which cell its list is from")
        self.assertRegex(age.text, r"as of In \[\d\]; a cell is running")
        names = [row.get_attribute("data-name") for row in self.driver.find_elements(By.CSS_SELECTOR, "#variables-list .variable")]
        self.assertIn("a", names)
        self.screenshot("23-variables-while-running")
        self.wait_status(self.cell_by_id(ids[3]), "done", 120)
        self.wait(lambda d: "c" in [row.get_attribute("data-name") for row in d.find_elements(By.CSS_SELECTOR, "#variables-list .variable")], message="the list catches up")
        self.wait(lambda d: not d.find_element(By.ID, "variables-age").is_displayed(), message="and is live again")
        self.driver.find_element(By.ID, "toggle-variables").click()

    def test_a_stopped_run_counts_what_it_did_not_run_and_a_reload_still_offers_the_rest(self):
        notebook = self.server.create_notebook("Counted", [("code", "a = 1"), ("code", "b = missing"), ("code", "c = 2"), ("code", "d = 3")])
        ids = [cell["id"] for cell in notebook["cells"]]
        self.open_notebook(notebook["id"])
        self.driver.find_element(By.ID, "run-all").click()
        self.wait_status(self.cell_by_id(ids[1]), "error")
        text = self.wait(lambda d: d.find_element(By.ID, "run-progress-text").text if "not run" in d.find_element(By.ID, "run-progress-text").text else None, message="the count")
        self.assertEqual(text, "Run all: 2 of 4 cells ran, 1 stopped with an error, 2 not run")

        self.driver.refresh()
        self.wait(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
        notice = self.wait(lambda d: d.find_element(By.ID, "run-stopped") if d.find_element(By.ID, "run-stopped").is_displayed() else None, message="the offer after a reload")
        self.assertIn("2 cells were not run", notice.text)
        self.driver.find_element(By.ID, "run-rest").click()
        self.wait_status(self.cell_by_id(ids[3]), "done")

    def test_the_home_page_lists_the_examples_in_book_order_with_their_sections(self):
        own = self.server.create_notebook("Mine", [("code", "x = 1")])
        self.driver.get(self.server.base + "/")
        self.wait(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#example-rows tr")
        titles = [row.find_element(By.CSS_SELECTOR, ".notebook-link").text for row in rows]
        sections = [row.find_element(By.CSS_SELECTOR, ".col-book").text for row in rows]
        examples = sorted(name for name in os.listdir(os.path.join(ROOT, "notebooks")) if name.endswith(".ipynb"))
        self.assertEqual(len(titles), len(examples))
        self.assertEqual(titles[0], "1. Cross-correlation")
        self.assertEqual(titles[4], "5. Multiple input channels")
        self.assertEqual(titles[9], "10. Pooling")
        self.assertEqual([title.split(". ", 1)[0] for title in titles], [str(n) for n in range(1, len(examples) + 1)])
        self.assertEqual(
            [section.split(" ", 1)[0] for section in sections][:12],
            ["7.2"] * 3 + ["7.3"] + ["7.4"] * 5 + ["7.5", "7.6", "8.2"])
        self.assertEqual(sections[4], "7.4 Multiple Input and Multiple Output Channels")
        link = rows[4].find_element(By.CSS_SELECTOR, ".col-book a")
        self.assertEqual(link.get_attribute("href"), "https://d2l.ai/chapter_convolutional-neural-networks/channels.html")
        self.assertEqual(link.get_attribute("rel"), "noopener noreferrer")
        # The user's own notebooks are listed apart, above.
        mine = self.driver.find_element(By.ID, "notebook-rows").text
        self.assertIn("Mine", mine)
        self.assertNotIn("Cross-correlation", mine)
        self.screenshot("23-home-examples")

    def test_a_page_opened_without_the_token_asks_for_it(self):
        stranger = make_driver()
        try:
            stranger.get(self.server.base + "/")
            field = self.wait(lambda d: d.find_element(By.ID, "token"), driver=stranger, message="the login page")
            self.assertIn("needs its token", stranger.find_element(By.TAG_NAME, "h1").text)
            field.send_keys("not-the-token-at-all")
            field.send_keys(Keys.ENTER)
            self.wait(lambda d: d.find_element(By.ID, "login-error").is_displayed(), driver=stranger, message="a wrong token is said")
            self.assertNotIn("token=", stranger.current_url)
            self.screenshot("23-login-page", driver=stranger)
            stranger.find_element(By.ID, "token").send_keys(self.server.token, Keys.ENTER)
            self.wait(lambda d: d.execute_script("return document.body.dataset.ready === 'true'") and d.find_elements(By.ID, "notebook-rows"), driver=stranger, message="the notebook list after logging in")
            self.assertNotIn("token=", stranger.current_url)
        finally:
            stranger.quit()


if __name__ == "__main__":
    unittest.main()
