"""Issue 23 in a real browser: a kernel stopped after being idle (`convbook serve --idle-timeout`) takes the
variables with it; the page says so, marks every cell that ran stale, and the next cell runs as In [1]."""

import os
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from harness import ARTIFACTS, BrowserTestCase, Server, make_driver


class SessionEnd(BrowserTestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(ARTIFACTS, exist_ok=True)
        cls.server = Server(extra_args=["--idle-timeout", "2s"])
        cls.server.start()
        try:
            cls.driver = make_driver()
            cls.sign_in(cls.driver)
        except Exception:
            cls.server.stop()
            raise

    def test_an_idle_kernel_that_was_stopped_is_said_and_leaves_every_cell_stale(self):
        notebook = self.server.create_notebook("Idle", [("code", "a = 41"), ("code", "print(a + 1)"), ("code", "never = 0")])
        ids = [cell["id"] for cell in notebook["cells"]]
        self.open_notebook(notebook["id"])
        self.cell(0).find_element(By.CSS_SELECTOR, ".source .CodeMirror").click()
        self.shift_enter()
        self.shift_enter()
        self.wait_output(self.cell_by_id(ids[1]), "42")

        banner = self.wait(lambda d: d.find_element(By.ID, "session-ended") if d.find_element(By.ID, "session-ended").is_displayed() else None, 30, "the page says the session ended")
        self.assertIn("The session was stopped after 2 s idle; its variables are gone.", banner.text)
        self.assertEqual(self.driver.find_element(By.ID, "kernel-state").text, "kernel stopped")
        stale = lambda: [self.cell_by_id(i).find_element(By.CSS_SELECTOR, ".stale-badge").is_displayed() for i in ids]
        self.wait(lambda d: stale() == [True, True, False], message="every cell that ran is stale")
        self.assertIn("the session that ran it has ended", self.cell_by_id(ids[0]).find_element(By.CSS_SELECTOR, ".stale-badge").get_attribute("title"))
        self.screenshot("23-session-ended")

        # A page opened now is told too.
        self.driver.refresh()
        self.wait(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"))
        self.wait(lambda d: d.find_element(By.ID, "session-ended").is_displayed(), message="the notice after a reload")

        # The next cell runs in a fresh session, as In [1]: the variables really are gone.
        self.cell_by_id(ids[1]).find_element(By.CSS_SELECTOR, ".source .CodeMirror").click()
        self.press(Keys.ENTER, modifier=Keys.CONTROL)
        self.wait_status(self.cell_by_id(ids[1]), "error")
        self.assertIn("NameError", self.output_text(self.cell_by_id(ids[1])))
        self.assertEqual(self.cell_by_id(ids[1]).find_element(By.CSS_SELECTOR, ".prompt").text, "[1]")
        self.assertFalse(self.driver.find_element(By.ID, "session-ended").is_displayed())


if __name__ == "__main__":
    unittest.main()
