import Diagnostics
import Foundation
import Testing

@testable import Notebook

@Suite("standalone HTML export")
struct HTMLExporterTests {
    /// Attack strings that must come out as inert text wherever notebook text appears.
    static let hostile = [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
        "[click](javascript:alert(1))", "[click](JaVaScRiPt:alert(1))", "[click](java\tscript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)", "![pic](javascript:alert(1))", "<a href=\"javascript:x\">a</a>",
        "`<script>`", "**<b onmouseover=alert(1)>bold</b>**", "<style>body{display:none}</style>",
        "<iframe src=//evil>", "'; alert(1); '", "&lt;script&gt;", "</pre><script>alert(1)</script><pre>",
        "[ok](https://example.com/?a=1&b=\"2\")", "[rel](notes/other.html)", "<!-- comment -->",
    ]

    static func hostileNotebook() -> NotebookDocument {
        let text = hostile.joined(separator: "\n\n")
        return NotebookDocument(
            title: "<script>alert('title')</script>", created: TestSupport.now,
            cells: [
                Cell(kind: .markdown, source: text, tags: ["<b>tag</b>"]),
                Cell(kind: .markdown, source: hostile.map { "- " + $0 }.joined(separator: "\n")),
                Cell(kind: .markdown, source: hostile.map { "# " + $0 }.joined(separator: "\n")),
                Cell(kind: .markdown, source: "```\n" + text + "\n```"),
                Cell(
                    kind: .code, source: text, executionCount: 1,
                    outputs: [
                        .stream(.stdout, text: text), .stream(.stderr, text: text),
                        .executeResult(executionCount: 1, data: MimeBundle(text: text)),
                        .displayData(data: MimeBundle(other: ["text/html": .string(text)])),
                        .error(name: ExceptionName("<script>"), value: text, traceback: hostile),
                    ]),
                Cell(kind: .raw, source: text),
            ])
    }

    /// Every tag in the page: name and attributes, read by a small independent scanner.
    struct Tag {
        var name: String
        var attributes: [(String, String)]
    }

    static func tags(in html: String) -> [Tag] {
        var tags: [Tag] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: open)...]
            guard let close = rest.firstIndex(of: ">") else { break }
            let body = String(rest[..<close])
            rest = rest[rest.index(after: close)...]
            var parts = body.split(separator: " ", maxSplits: 1).map(String.init)
            let name = parts.isEmpty ? "" : parts.removeFirst().lowercased()
            var attributes: [(String, String)] = []
            var text = Substring(parts.first ?? "")
            while let equals = text.firstIndex(of: "=") {
                let key = text[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
                text = text[text.index(after: equals)...]
                guard text.first == "\"", let end = text.dropFirst().firstIndex(of: "\"") else {
                    attributes.append((key, "UNQUOTED"))
                    break
                }
                attributes.append((key, String(text[text.index(after: text.startIndex)..<end])))
                text = text[text.index(after: end)...]
            }
            tags.append(Tag(name: name, attributes: attributes))
        }
        return tags
    }

    static let allowedTags: Set = [
        "!doctype", "html", "/html", "head", "/head", "meta", "title", "/title", "style", "/style", "body", "/body",
        "main", "/main", "header", "/header", "h1", "/h1", "h2", "/h2", "h3", "/h3", "h4", "/h4", "h5", "/h5", "h6",
        "/h6", "p", "/p", "section", "/section", "div", "/div", "span", "/span", "pre", "/pre", "code", "/code",
        "em", "/em", "strong", "/strong", "ul", "/ul", "ol", "/ol", "li", "/li", "a", "/a", "img", "blockquote",
        "/blockquote", "hr", "time", "/time",
    ]
    static let allowedAttributes: Set = [
        "lang", "charset", "name", "content", "http-equiv", "class", "id", "href", "rel", "alt", "src", "datetime",
    ]

    @Test("hostile text comes out escaped: only known tags and attributes, safe links, no scripts")
    func xss() {
        let html = HTMLExporter.render(Self.hostileNotebook())
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.lowercased().contains("<img src=x"))
        #expect(!html.lowercased().contains("<svg"))
        #expect(!html.lowercased().contains("<iframe"))
        for tag in Self.tags(in: html) {
            #expect(Self.allowedTags.contains(tag.name), "tag <\(tag.name)>")
            for (key, value) in tag.attributes {
                #expect(Self.allowedAttributes.contains(key), "attribute \(key) on <\(tag.name)>")
                #expect(!value.contains("<") && !value.contains(">"), "\(key)=\(value)")
                if key == "href" {
                    let lowered = value.lowercased()
                    #expect(
                        lowered.hasPrefix("https://") || lowered.hasPrefix("http://") || !lowered.contains(":"),
                        "\(value)")
                }
                if key == "src" { #expect(value.hasPrefix("data:image/png;base64,")) }
            }
        }
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(
            html.contains("<a href=\"https://example.com/?a=1&amp;b=&quot;2&quot;\" rel=\"noopener noreferrer\">ok</a>")
        )
        #expect(html.contains("<a href=\"notes/other.html\" rel=\"noopener noreferrer\">rel</a>"))
        #expect(!html.contains("href=\"javascript") && !html.contains("href=\"data"))
    }

    @Test("without markdown renderers, a strict Content-Security-Policy forbids scripts and remote loads")
    func contentSecurityPolicy() {
        let html = HTMLExporter.render(SampleNotebooks.empty())
        #expect(html.contains("content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\""))
    }

    @Test("pictures are inline data: URIs of the PNG bytes; errors show their traceback without colour codes")
    func outputs() throws {
        let notebook = try SampleNotebooks.allOutputKinds()
        let html = HTMLExporter.render(notebook)
        let png = try SampleNotebooks.fixturePNG()
        #expect(html.contains("src=\"data:image/png;base64," + Data(png.bytes).base64EncodedString() + "\""))
        #expect(html.contains("Traceback (most recent call last):\n  line 1\nRuntimeError: …"))
        #expect(html.contains("<pre class=\"stream stderr\">warning: ünïcode\n</pre>"))
        #expect(html.contains("<h1>Multiple channels</h1>"))
        #expect(html.contains("<em>c_i</em>") && html.contains("<code>corr2d</code>"))
        #expect(html.contains("<li>parameters</li>"))
        #expect(html.contains("ran in 42 ms"))
        #expect(html.contains("@media (prefers-color-scheme: dark)"))
        let fixture = try IPYNBCodec.decode(
            TestSupport.fixtureBytes("jupyter_written.ipynb"), fileName: "j.ipynb", now: TestSupport.now)
        let fixtureHTML = HTMLExporter.render(fixture)
        #expect(fixtureHTML.contains("ZeroDivisionError  Traceback"))
        #expect(!fixtureHTML.contains("\u{1B}"))
    }

    @Test("code is coloured with the classes of the page's editor, and every piece of it escaped")
    func highlightedCode() {
        #expect(
            PythonHighlighter.html("def f(x):  # <twice>\n    return self.k * 2.5e3 + len('a\\'b')")
                == "<span class=\"cm-keyword\">def</span> <span class=\"cm-def\">f</span>(x):  "
                + "<span class=\"cm-comment\"># &lt;twice&gt;</span>\n    <span class=\"cm-keyword\">return</span> "
                + "<span class=\"cm-variable-2\">self</span>.<span class=\"cm-property\">k</span> "
                + "<span class=\"cm-operator\">*</span> <span class=\"cm-number\">2.5e3</span> "
                + "<span class=\"cm-operator\">+</span> <span class=\"cm-builtin\">len</span>("
                + "<span class=\"cm-string\">&#39;a\\&#39;b&#39;</span>)")
        #expect(
            PythonHighlighter.html("@torch.no_grad()\nx = f\"\"\"a\nb\"\"\" if not y else None")
                == "<span class=\"cm-meta\">@torch.no_grad</span>()\nx <span class=\"cm-operator\">=</span> "
                + "<span class=\"cm-string\">f&quot;&quot;&quot;a\nb&quot;&quot;&quot;</span> "
                + "<span class=\"cm-keyword\">if</span> <span class=\"cm-keyword\">not</span> y "
                + "<span class=\"cm-keyword\">else</span> <span class=\"cm-keyword\">None</span>")
        // Text the scanner does not know (an unterminated string, stray characters) still comes out whole.
        for source in ["'open", "x = $ ` ? é ∑", "\"\"\"never closed\n\n", "0x1F + 1_000j", ""] {
            let html = PythonHighlighter.html(source)
            let text = html.replacing(/<[^>]*>/, with: "").replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
            #expect(text == source)
        }
        let page = HTMLExporter.render(
            NotebookDocument(title: "t", cells: [Cell(kind: .code, source: "import torch")]))
        #expect(page.contains("<code><span class=\"cm-keyword\">import</span> torch</code>"))
        #expect(page.contains(".cm-keyword { color: var(--keyword); }"))
    }

    @Test("dates read as a person reads them, with the exact time in the markup")
    func dates() throws {
        let notebook = try SampleNotebooks.allOutputKinds()
        let html = HTMLExporter.render(notebook)
        #expect(html.contains("Updated <time datetime=\"2026-11-18T11:07:40.250Z\">18 November 2026, 11:07 UTC</time>"))
        #expect(
            HTMLExporter.readableDate(Date(timeIntervalSince1970: 1_704_067_200 + 3 * 3600 + 5 * 60))
                == "1 January 2024, 03:05 UTC")
    }

    @Test("the title shows once: not again above a notebook that starts with a heading")
    func titleOnce() throws {
        let headed = try SampleNotebooks.allOutputKinds()
        #expect(headed.cells.first?.source.hasPrefix("# Multiple channels") == true)
        let html = HTMLExporter.render(headed)
        #expect(!html.contains("class=\"notebook-title\""))
        #expect(html.contains("<h1>Multiple channels</h1>"))
        #expect(html.contains("<title>All output kinds ✓</title>"))
        let plain = NotebookDocument(title: "Notes", cells: [Cell(kind: .markdown, source: "Some text.\n\n# Later")])
        #expect(HTMLExporter.render(plain).contains("<h1 class=\"notebook-title\">Notes</h1>"))
        let sub = NotebookDocument(title: "Notes", cells: [Cell(kind: .markdown, source: "## A section")])
        #expect(HTMLExporter.render(sub).contains("<h1 class=\"notebook-title\">Notes</h1>"))
    }

    @Test("markdown: headings, lists, emphasis, code blocks")
    func markdown() {
        #expect(
            MarkdownRenderer.render(
                "## Title\n\nSome **bold** and *em*\nnext line.\n\n1. one\n2. two\n\n```\na < b\n```")
                == "<h2>Title</h2>\n<p>Some <strong>bold</strong> and <em>em</em>\nnext line.</p>\n"
                + "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n<pre><code>a &lt; b</code></pre>\n")
        #expect(MarkdownRenderer.inline("[bad](javascript:alert(1)) ok") == "bad ok")
        #expect(
            MarkdownRenderer.inline("[w](https://en.wikipedia.org/wiki/Kernel_(image_processing))")
                == "<a href=\"https://en.wikipedia.org/wiki/Kernel_(image_processing)\" "
                + "rel=\"noopener noreferrer\">w</a>"
        )
        #expect(MarkdownRenderer.inline("2 * 3 * 4 = `x*y`") == "2 <em> 3 </em> 4 = <code>x*y</code>")
        #expect(
            MarkdownRenderer.inline(String(repeating: "*", count: 20_000)).count > 0, "no quadratic blow-up or crash")
    }
}
