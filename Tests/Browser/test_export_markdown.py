"""The HTML export shows a markdown cell as the notebook page does: both run the page's `markdown.js` with
markdown-it and KaTeX, so the rendered DOM of the cell is the same; the export's scripts are exactly the
ones its CSP allows by hash, and markdown text never becomes script."""

import os
import tempfile
import time
import unittest

from selenium.webdriver.common.by import By

from harness import BrowserTestCase
from xss_payloads import PAYLOADS

MARKDOWN = """# Heading one

Some *emphasis*, **strong**, `code` and a [link](https://example.com/a?b=1).

## Lists

- item one
- item two
  - nested

1. first
2. second

| name | value |
|------|------:|
| a    | 1     |
| b    | 22    |

```python
def f(x):
    return x ** 2
```

Inline math $x^2 + y_1$ and display math:

$$\\sum_{i=1}^n i = \\frac{n(n+1)}{2}$$

From $5 to $10 stays text; a [bad link](javascript:alert(1)) loses its target.
"""

TRAP = "window.__xss = 0; window.alert = window.confirm = window.prompt = () => { window.__xss += 1; };"

# The rendered cell with the attribute order fixed, so two equal trees compare equal as text.
SERIALIZE = """
function walk(node) {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent;
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    const attributes = node.getAttributeNames().sort().map((name) => ` ${name}="${node.getAttribute(name)}"`).join('');
    return `<${node.tagName.toLowerCase()}${attributes}>` + Array.from(node.childNodes).map(walk).join('') + `</${node.tagName.toLowerCase()}>`;
}
return Array.from(arguments[0].childNodes).map(walk).join('');
"""


class ExportMarkdownTests(BrowserTestCase):
    def export_file(self, notebook_id):
        status, body, headers = self.server.request("GET", f"/api/notebooks/{notebook_id}/export?format=html")
        self.assertEqual(status, 200)
        path = os.path.join(tempfile.mkdtemp(prefix="convbook-export-"), "notebook.html")
        with open(path, "wb") as file:
            file.write(body)
        return path, body.decode()

    def test_a_markdown_cell_renders_the_same_on_the_page_and_in_the_export(self):
        # KaTeX sets a few style attributes, which the page's CSP (style-src 'self') refuses and says so on
        # the console; the export's CSP refuses them the same way (its styles are allowed by hash only).
        self.allow_console_errors = True
        notebook = self.server.create_notebook("Markdown", [("markdown", MARKDOWN), ("code", "1 + 1")])
        self.open_notebook(notebook["id"])
        page_cell = self.wait(lambda d: d.find_element(By.CSS_SELECTOR, "#cells .cell .markdown-body"))
        self.wait(lambda d: len(page_cell.find_elements(By.CSS_SELECTOR, ".katex")) == 2, message="KaTeX on the page")
        on_page = self.driver.execute_script(SERIALIZE, page_cell)

        path, html = self.export_file(notebook["id"])
        self.assertEqual(html.count("<script"), 3, "markdown-it, KaTeX and the page's renderer")
        self.driver.get("file://" + path)
        exported_cell = self.wait(lambda d: d.find_element(By.CSS_SELECTOR, "div.markdown"))
        self.wait(lambda d: len(exported_cell.find_elements(By.CSS_SELECTOR, ".katex")) == 2, message="KaTeX in the export")
        in_export = self.driver.execute_script(SERIALIZE, exported_cell)
        self.screenshot("export-markdown")

        self.assertEqual(in_export, on_page)
        for tag in ["h1", "h2", "em", "strong", "code", "ul", "ol", "table", "th", "td", "pre", "a"]:
            self.assertIn(f"<{tag}", in_export, tag)
        self.assertIn('href="https://example.com/a?b=1"', in_export)
        self.assertNotIn("href=\"javascript", in_export)
        self.assertIn("From $5 to $10 stays text", exported_cell.text)
        # The scripts ran under the CSP (a refused one would leave the hand-rendered HTML, without KaTeX).
        refused = [entry["message"] for entry in self.driver.get_log("browser")
                   if "Content Security Policy" in entry["message"] and "inline style" not in entry["message"]]
        self.assertEqual(refused, [])

    def test_without_markdown_or_math_nothing_is_embedded(self):
        plain = self.server.create_notebook("Plain", [("code", "1 + 1")])
        _, html = self.export_file(plain["id"])
        self.assertNotIn("<script", html)
        self.assertNotIn("script-src", html)
        prose = self.server.create_notebook("Prose", [("markdown", "# Only words\n\nNo math here.")])
        _, html = self.export_file(prose["id"])
        self.assertEqual(html.count("<script"), 2, "markdown-it and the page's renderer, no KaTeX")
        self.assertNotIn("KaTeX_Main", html)
        self.assertNotIn("font-src", html)

    def test_markdown_text_never_runs_in_the_export(self):
        sources = [("markdown", payload) for payload in PAYLOADS[:40]]
        notebook = self.server.create_notebook("Hostile markdown", sources)
        path, html = self.export_file(notebook["id"])
        # The trap is set before any of the page's scripts run, and does not depend on the page's CSP.
        trap = self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TRAP})
        try:
            self.driver.get("file://" + path)
            self.wait(lambda d: d.execute_script("return document.readyState") == "complete")
            time.sleep(0.5)
            scripts, xss = self.driver.execute_script("return [document.scripts.length, window.__xss]")
        finally:
            self.driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": trap["identifier"]})
        self.assertEqual(scripts, html.count("<script"))
        self.assertEqual(xss, 0)
        attributes = self.driver.execute_script(
            "return Array.from(document.querySelectorAll('main *')).flatMap((n) => n.getAttributeNames())"
            ".filter((name) => name.startsWith('on'))")
        self.assertEqual(attributes, [])
        schemes = self.driver.execute_script(
            "return Array.from(document.querySelectorAll('main a[href], main img[src]'))"
            ".map((n) => new URL(n.getAttribute('href') || n.getAttribute('src'), document.baseURI).protocol)")
        # Relative links resolve against the file itself.
        self.assertLessEqual(set(schemes), {"http:", "https:", "mailto:", "file:"})


if __name__ == "__main__":
    unittest.main()
