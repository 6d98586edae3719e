"""The XSS corpus through every place the page shows text; nothing may run.

The page is loaded twice per view: once under the server's CSP (where any inline-script attempt would at
least show up as a CSP violation, and none may), and once with CSP bypassed through DevTools, so the test
does not lean on the CSP: a payload that reached the DOM as markup would run and set `window.__xss`.
"""

import time
import unittest

from selenium.webdriver.common.by import By

from harness import BrowserTestCase
from xss_payloads import PAYLOADS, python_string

TRAP = """
window.__xss = 0;
window.__csp = [];
window.alert = window.confirm = window.prompt = () => { window.__xss += 1; };
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""

# Everything user text could become if it were parsed as markup.
AUDIT = """
const problems = [];
const ours = new Set(arguments[0]);
for (const node of document.querySelectorAll('*')) {
    for (const attribute of node.getAttributeNames()) {
        if (attribute.toLowerCase().startsWith('on')) problems.push('event attribute ' + attribute + ' on ' + node.tagName);
    }
}
for (const node of document.querySelectorAll('script')) {
    if (!node.src || !ours.has(new URL(node.src).pathname.split('/')[1])) problems.push('script ' + (node.src || node.textContent.slice(0, 40)));
}
const userContent = '#cells, #notebook-rows, #variables-list, #title';
for (const box of document.querySelectorAll(userContent)) {
    for (const node of box.querySelectorAll('iframe, object, embed, base, meta, form, svg, math, template, style, link, video, audio, marquee, details, noscript, x, input, button:not([type=button])')) {
        // KaTeX builds MathML and SVG itself from TeX (the attribute and URL checks still cover them).
        if (['math', 'svg'].includes(node.tagName.toLowerCase()) && node.closest('.katex')) continue;
        problems.push('element ' + node.tagName + ' in ' + (box.id || box.tagName));
    }
}
for (const node of document.querySelectorAll('[href], [src], [action], [formaction], [xlink\\\\:href]')) {
    for (const name of ['href', 'src', 'action', 'formaction']) {
        const value = node.getAttribute(name);
        if (value === null) continue;
        const url = new URL(value, location.href);
        if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) problems.push(name + '=' + value + ' on ' + node.tagName);
    }
}
return problems;
"""


class XSSCorpus(BrowserTestCase):
    allow_console_errors = True  # payload images with src=x 404 on purpose when shown as links

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        assert len(PAYLOADS) >= 50
        server = cls.server
        cls.title_notebooks = [server.create_notebook(payload)["id"] for payload in PAYLOADS]
        cells = []
        for payload in PAYLOADS:
            cells.append(("markdown", payload))
            literal = python_string(payload)
            cells.append(("code", f"p = {literal}\nprint(p)\nshow(torch.ones(2, 2), title=p)\np"))
        cls.outputs = server.create_notebook(PAYLOADS[0], [("code", "import torch")] + cells)
        cls.outputs = server.run_all_and_wait(cls.outputs["id"], timeout=300)
        cls.errors = server.create_notebook(PAYLOADS[1], [("code", f"raise ValueError({python_string(payload)})") for payload in PAYLOADS])
        for cell in cls.errors["cells"]:
            server.api("POST", f"/api/notebooks/{cls.errors['id']}/run", {"mode": "cell", "cellId": cell["id"]})
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            cls.errors = server.api("GET", f"/api/notebooks/{cls.errors['id']}")
            if all(cell["status"] == "error" for cell in cls.errors["cells"]):
                break
            time.sleep(0.2)
        cls.share = server.api("POST", f"/api/notebooks/{cls.outputs['id']}/shares")

    def load(self, path, bypass_csp):
        driver = self.driver
        driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": bypass_csp})
        script = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TRAP})
        try:
            driver.get(self.server.base + path)
            self.wait(lambda d: d.execute_script("return document.body.dataset.ready === 'true'"), message=f"{path} loads")
            time.sleep(0.5)  # let images fail and any handler have its chance
        finally:
            driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})

    def assert_nothing_ran(self, where):
        driver = self.driver
        self.assertEqual(driver.execute_script("return window.__xss"), 0, f"a payload ran in {where}")
        self.assertEqual(driver.execute_script("return window.__csp"), [], f"inline code was attempted in {where}")
        self.assertNotIn("XSS", driver.title)
        problems = driver.execute_script(AUDIT, ["static", "vendor"])
        self.assertEqual(problems, [], f"markup from user text in {where}")

    def check(self, path, where):
        for bypass in (False, True):
            with self.subTest(where=where, csp="bypassed" if bypass else "enforced"):
                self.load(path, bypass)
                self.assert_nothing_ran(where)

    def test_titles_on_the_home_page(self):
        self.check("/", "the notebook list")
        listed = self.driver.find_element(By.ID, "notebook-rows").text
        for payload in PAYLOADS:
            self.assertIn(payload.strip(), listed)

    def test_titles_on_the_notebook_page(self):
        for notebook_id in self.title_notebooks[:8]:
            self.check(f"/nb/{notebook_id}", "a notebook title")
        self.assertEqual(self.driver.find_element(By.ID, "title").get_attribute("value"), PAYLOADS[7])

    def test_sources_markdown_outputs_and_image_alt_text(self):
        self.check(f"/nb/{self.outputs['id']}", "sources, markdown and outputs")
        streams = [node.get_attribute("textContent") for node in self.driver.find_elements(By.CSS_SELECTOR, ".output.stream.stdout")]
        self.assertEqual(len(streams), len(PAYLOADS), "every print shows")
        for payload, text in zip(PAYLOADS, streams):
            self.assertEqual(text, payload + "\n")
        alts = [node.get_attribute("alt") for node in self.driver.find_elements(By.CSS_SELECTOR, ".output.image img")]
        self.assertEqual(len(alts), len(PAYLOADS))
        self.screenshot("12-xss-outputs")

    def test_error_messages_and_tracebacks(self):
        self.check(f"/nb/{self.errors['id']}", "error outputs")
        messages = [node.get_attribute("textContent") for node in self.driver.find_elements(By.CSS_SELECTOR, ".output.error .error-message")]
        self.assertEqual(messages, [f": {payload}" for payload in PAYLOADS])
        self.screenshot("12-xss-errors")

    def test_share_view(self):
        self.check(f"/share/{self.share['token']}", "the share view")

    def test_variables_panel(self):
        self.load(f"/nb/{self.outputs['id']}", True)
        self.driver.find_element(By.ID, "toggle-variables").click()
        self.wait(lambda d: d.find_elements(By.CSS_SELECTOR, '#variables-list .variable[data-name="p"]'), message="p in the panel")
        time.sleep(0.3)
        self.assert_nothing_ran("the variables panel")


if __name__ == "__main__":
    unittest.main()
