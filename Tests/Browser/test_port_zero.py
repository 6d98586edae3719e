"""Issue 16 in a real browser: `convbook serve --port 0` serves a page that works at the URL it prints."""

import os
import unittest

from harness import ARTIFACTS, BrowserTestCase, Server, make_driver


class PortZero(BrowserTestCase):
    """`convbook serve --port 0`: the page at the printed URL loads its scripts, saves and runs."""

    @classmethod
    def setUpClass(cls):
        os.makedirs(ARTIFACTS, exist_ok=True)
        cls.server = Server(port=0)
        cls.server.start()
        try:
            cls.driver = make_driver()
        except Exception:
            cls.server.stop()
            raise

    def test_the_printed_url_serves_a_working_page(self):
        server = self.server
        self.assertRegex(server.printed_url, r"^http://127\.0\.0\.1:\d+/\?token=[0-9a-f]{32}$")
        self.assertNotEqual(server.port, 0)
        notebook = server.create_notebook("Port zero", [("code", "")])

        # Signing in through the URL the server printed, as a person copies it from the terminal.
        self.driver.get(server.printed_url)
        self.wait(lambda d: "token=" not in d.current_url and d.execute_script("return document.body.dataset.ready === 'true'"), message="the home page loads")
        self.open_notebook(notebook["id"])
        self.type_into(self.cell(0), "x = 6 * 7\nprint('answer', x)")
        self.shift_enter()
        self.wait_output(self.cell(0), "answer 42")
        self.wait_saved()
        saved = server.api("GET", f"/api/notebooks/{notebook['id']}")
        self.assertEqual(saved["cells"][0]["source"], "x = 6 * 7\nprint('answer', x)")
        self.screenshot("16-port-zero")


if __name__ == "__main__":
    unittest.main()
