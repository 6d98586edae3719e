"""The HTML export shows a markdown cell as the notebook page does: both run the page's `markdown.js` with
markdown-it and KaTeX, so the rendered DOM of the cell is the same; the export's scripts are exactly the
ones its CSP allows by hash, and markdown text never becomes script. Neither CSP allows a style attribute, so
KaTeX's sizes and a table column's alignment must arrive another way (the CSSOM, a class): both apply, and
the browser reports no violation."""

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

# Math whose layout depends on KaTeX's own sizes (struts and vlists give fractions, roots and matrices their
# heights), with \vec, \pmb and \fcolorbox, whose nodes KaTeX gives a style attribute; a right-aligned column.
STYLED = r"""A fraction $\frac{a}{b}$, a root $\sqrt{x^2+1}$, a vector $\vec{v}$, $\pmb{w}$ and $\fcolorbox{red}{yellow}{z}$:

$$A = \begin{pmatrix}1 & 2\\ 3 & 4\end{pmatrix}$$

| name | value |
|------|------:|
| a    | 1     |
| bb   | 22    |
"""

# Every Content-Security-Policy violation the document reports, collected from its first moment on.
VIOLATIONS = ("window.__violations = [];"
              "document.addEventListener('securitypolicyviolation', (event) => window.__violations.push("
              "`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));")

# KaTeX's sizes as set (in em) against the sizes the browser computed (in px), and each table cell's alignment.
LAYOUT = """
const root = arguments[0];
const px = (element, value) => value.endsWith('em') ? parseFloat(value) * parseFloat(getComputedStyle(element).fontSize) : NaN;
const sized = Array.from(root.querySelectorAll('.katex-html .strut, .katex-html .vlist')).map((element) => ({
    kind: element.className, set: element.style.height, wanted: px(element, element.style.height),
    computed: parseFloat(getComputedStyle(element).height),
    alignSet: element.style.verticalAlign, alignWanted: px(element, element.style.verticalAlign),
    alignComputed: parseFloat(getComputedStyle(element).verticalAlign),
}));
const vectors = Array.from(root.querySelectorAll('.katex-html svg')).filter((element) => element.style.width).map((element) => ({
    set: element.style.width, wanted: px(element, element.style.width), computed: parseFloat(getComputedStyle(element).width),
}));
const cells = Array.from(root.querySelectorAll('tr')).map((row) =>
    Array.from(row.children).map((cell) => getComputedStyle(cell).textAlign));
return {sized, vectors, cells, styleAttributes: root.querySelectorAll('[data-katex-style]').length};
"""

# The KaTeX families the export's rendered math uses (the first family of each piece of text) and the ones
# it declares with their load status, once the fonts have loaded.
FONTS = """
const done = arguments[arguments.length - 1];
document.fonts.ready.then(() => {
    const used = new Set();
    for (const element of document.querySelectorAll('.katex-html *')) {
        if (!Array.from(element.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim())) continue;
        used.add(getComputedStyle(element).fontFamily.split(',')[0].trim().replace(/["']/g, ''));
    }
    const declared = {};
    for (const face of document.fonts) {
        const family = face.family.replace(/["']/g, '');
        declared[family] = (declared[family] || []).concat(face.status);
    }
    done({used: Array.from(used).sort(), declared});
});
"""

OPTIONAL_FAMILIES = {"KaTeX_Caligraphic", "KaTeX_Fraktur", "KaTeX_Script", "KaTeX_SansSerif", "KaTeX_Typewriter"}

# Ordinary math of a deep-learning notebook, and one formula for each optional family.
ORDINARY_MATH = r"""$$\mathbf{Y} = \sigma\left(\sum_{i=1}^{n} \mathbf{W}_i \star \mathbf{X}_i + b\right), \quad
\hat{y} = \operatorname{softmax}(\boldsymbol{\theta}^\top x) \in \mathbb{R}^{d}, \quad \text{ReLU}(x) = \max(0, x)$$

$\lfloor (n_h - k_h + p_h + s_h) / s_h \rfloor \times \lfloor (n_w - k_w + p_w + s_w) / s_w \rfloor$,
$\int_0^1 \tilde{f}(t)\,dt \leq \sqrt[3]{\frac{\partial L}{\partial w}}$, $\vec{v} \cdot \|x\|_2$, $\alpha, \beta, \Omega$
"""
ALPHABETS = {
    "KaTeX_Caligraphic": r"The loss $\mathcal{L}(\theta)$.",
    "KaTeX_Fraktur": r"A Lie algebra $\mathfrak{g}$.",
    "KaTeX_Script": r"A family $\mathscr{F}$.",
    "KaTeX_SansSerif": r"A tensor $\mathsf{T}$.",
    "KaTeX_Typewriter": r"The call $\texttt{relu}(x)$.",
}

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
        refused = [entry["message"] for entry in self.driver.get_log("browser") if "Content Security Policy" in entry["message"]]
        self.assertEqual(refused, [])

    def assert_laid_out(self, cell, where):
        """KaTeX's heights, depths and widths apply, the right-aligned column is right-aligned, and nothing
        was refused by the CSP."""
        layout = self.driver.execute_script(LAYOUT, cell)
        self.assertGreaterEqual(len([s for s in layout["sized"] if s["kind"] == "strut"]), 6, where)
        self.assertGreaterEqual(len([s for s in layout["sized"] if s["kind"] == "vlist"]), 10, where)
        for size in layout["sized"]:
            self.assertTrue(size["set"].endswith("em"), f"{where}: KaTeX set no height on {size}")
            self.assertAlmostEqual(size["computed"], size["wanted"], delta=0.5, msg=f"{where}: {size}")
            if size["alignSet"]:
                self.assertAlmostEqual(size["alignComputed"], size["alignWanted"], delta=0.5, msg=f"{where}: {size}")
        # The struts of the fraction and the matrix are taller than a line of text: their heights applied.
        self.assertGreater(max(s["computed"] for s in layout["sized"] if s["kind"] == "strut"), 40, where)
        # The arrow of \vec, the one picture KaTeX sizes with a style attribute (moved to the CSSOM).
        self.assertEqual(len(layout["vectors"]), 1, f"{where}: {layout['vectors']}")
        for vector in layout["vectors"]:
            self.assertTrue(vector["set"].endswith("em"), f"{where}: {vector}")
            self.assertAlmostEqual(vector["computed"], vector["wanted"], delta=0.5, msg=f"{where}: {vector}")
        self.assertEqual(layout["styleAttributes"], 0, where)
        self.assertEqual(len(layout["cells"]), 3, where)
        for row in layout["cells"]:
            self.assertEqual(row[1], "right", f"{where}: the value column")
            self.assertNotEqual(row[0], "right", f"{where}: the name column")
        self.assertEqual(self.driver.execute_script("return window.__violations"), [], where)
        refused = [entry["message"] for entry in self.driver.get_log("browser") if "Content Security Policy" in entry["message"]]
        self.assertEqual(refused, [], where)

    def test_math_sizes_and_column_alignment_apply_without_a_style_attribute(self):
        watch = self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": VIOLATIONS})
        try:
            notebook = self.server.create_notebook("Styled", [("markdown", STYLED)])
            self.open_notebook(notebook["id"])
            page_cell = self.wait(lambda d: d.find_element(By.CSS_SELECTOR, "#cells .cell .markdown-body"))
            self.wait(lambda d: len(page_cell.find_elements(By.CSS_SELECTOR, ".katex")) == 6, message="KaTeX on the page")
            self.assert_laid_out(page_cell, "page")
            on_page = self.driver.execute_script(SERIALIZE, page_cell)

            path, _ = self.export_file(notebook["id"])
            self.driver.get("file://" + path)
            exported_cell = self.wait(lambda d: d.find_element(By.CSS_SELECTOR, "div.markdown"))
            self.wait(lambda d: len(exported_cell.find_elements(By.CSS_SELECTOR, ".katex")) == 6, message="KaTeX in the export")
            self.assert_laid_out(exported_cell, "export")
            self.screenshot("export-styled-markdown")
            self.assertEqual(self.driver.execute_script(SERIALIZE, exported_cell), on_page)
        finally:
            self.driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": watch["identifier"]})

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

    def export_fonts(self, markdown):
        notebook = self.server.create_notebook("Fonts", [("markdown", markdown)])
        path, html = self.export_file(notebook["id"])
        self.driver.get("file://" + path)
        self.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "div.markdown .katex"), message="KaTeX in the export")
        return self.driver.execute_async_script(FONTS), len(html.encode())

    def test_the_export_embeds_the_fonts_its_math_uses(self):
        # Ordinary math: none of the five math-alphabet families, and every glyph in a family that is
        # embedded and loaded.
        fonts, size = self.export_fonts(ORDINARY_MATH)
        self.assertEqual(OPTIONAL_FAMILIES & set(fonts["declared"]), set(), fonts["declared"])
        self.assertTrue({"KaTeX_Main", "KaTeX_Math", "KaTeX_AMS", "KaTeX_Size1"} <= set(fonts["used"]), fonts["used"])
        for family in fonts["used"]:
            self.assertIn("loaded", fonts["declared"].get(family, []), f"{family} is used but not embedded")
        self.assertLess(size, 800_000)
        # Each alphabet: its family is embedded (and no other optional one), and is the one its letters use.
        for family, markdown in ALPHABETS.items():
            fonts, _ = self.export_fonts(markdown)
            self.assertEqual(OPTIONAL_FAMILIES & set(fonts["declared"]), {family}, markdown)
            self.assertIn(family, fonts["used"], markdown)
            for used in fonts["used"]:
                self.assertIn("loaded", fonts["declared"].get(used, []), f"{markdown}: {used} is used but not embedded")

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
