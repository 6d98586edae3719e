import Foundation
import Testing

@testable import Notebook

/// The page's renderers in an export: embedded only when needed, allowed by hash, cell text only as data.
@Suite("HTML export with the page's markdown and math renderers")
struct HTMLExportAssetsTests {
    static let assets = HTMLExportAssets(
        markdownIt: "window.markdownit = () => 1;", katex: "window.katex = {};",
        katexStyle: "@font-face{font-family:KaTeX_Main;src:url(data:font/woff2;base64,AAAA) format('woff2')}",
        pageRenderer: "export function renderMarkdown(text, target) {}")

    static func notebook(_ cells: [Cell]) -> NotebookDocument {
        NotebookDocument(id: "n", title: "T", created: Date(timeIntervalSince1970: 0), cells: cells)
    }

    static func scripts(_ html: String) -> [String] {
        html.components(separatedBy: "<script").dropFirst().map { piece in
            let body = piece.drop { $0 != ">" }.dropFirst()
            return String(body[..<(body.range(of: "</script>")?.lowerBound ?? body.endIndex)])
        }
    }

    static func policy(_ html: String) -> String {
        let start = html.range(of: "Content-Security-Policy\" content=\"")!.upperBound
        return String(html[start...].prefix { $0 != "\"" })
    }

    @Test("no markdown cell: no scripts, the strict policy")
    func codeOnly() {
        let html = HTMLExporter.render(Self.notebook([Cell(kind: .code, source: "1 + 1")]), assets: Self.assets)
        #expect(!html.contains("<script"))
        #expect(Self.policy(html) == "default-src 'none'; img-src data:; style-src 'unsafe-inline'")
    }

    @Test("markdown without a dollar: markdown-it and the page's renderer, no KaTeX or fonts")
    func markdownWithoutMath() {
        let html = HTMLExporter.render(Self.notebook([Cell(kind: .markdown, source: "# Hi")]), assets: Self.assets)
        let scripts = Self.scripts(html)
        #expect(scripts.count == 2)
        #expect(scripts.first == Self.assets.markdownIt)
        #expect(scripts.last?.hasPrefix(Self.assets.pageRenderer) == true)
        #expect(scripts.last?.contains("renderMarkdown(cell.dataset.source, cell)") == true)
        #expect(!html.contains("KaTeX_Main") && !html.contains("font-src"))
        #expect(html.contains("<div class=\"markdown\" data-source=\"# Hi\">\n<h1>Hi</h1>"))
    }

    @Test("math: KaTeX, its style and fonts; each script and style allowed by its SHA-256 and nothing else")
    func markdownWithMath() throws {
        let html = HTMLExporter.render(
            Self.notebook([Cell(kind: .markdown, source: "$x^2$"), Cell(kind: .code, source: "x")]),
            assets: Self.assets)
        let scripts = Self.scripts(html)
        #expect(scripts.count == 3 && scripts[1] == Self.assets.katex)
        let policy = Self.policy(html)
        #expect(!policy.contains("unsafe-inline"))
        #expect(policy.contains("font-src data:"))
        for script in scripts {
            let digest = Data(ContentHash.sha256(of: [Array(script.utf8)])).base64EncodedString()
            #expect(policy.contains("'sha256-\(digest)'"))
        }
        let sources = policy.components(separatedBy: "'sha256-").count - 1
        #expect(sources == scripts.count + 2, "three scripts and two style elements")
        #expect(html.contains("<style>\n" + Self.assets.katexStyle + "\n</style>"))
    }

    @Test("cell text reaches the page only escaped, in an attribute the renderer reads as text")
    func hostileSource() {
        let source = "</script><script>alert(1)</script>\"><img src=x onerror=alert(1)> $x$"
        let html = HTMLExporter.render(Self.notebook([Cell(kind: .markdown, source: source)]), assets: Self.assets)
        #expect(Self.scripts(html).count == 3)
        #expect(!html.contains("<script>alert") && !html.contains("<img src=x"))
        #expect(html.contains("data-source=\"&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;"))
    }

    @Test("KaTeX's fonts become data: URIs of their woff2 files; a missing one keeps no source")
    func fontsInlined() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("katex-fonts-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data([1, 2, 3]).write(to: folder.appendingPathComponent("KaTeX_Main-Regular.woff2"))
        let css =
            "@font-face{font-family:KaTeX_Main;src:url(fonts/KaTeX_Main-Regular.woff2) format('woff2'),"
            + "url(fonts/KaTeX_Main-Regular.woff) format('woff');font-weight:400}"
            + "@font-face{font-family:KaTeX_Gone;src:url(fonts/KaTeX_Gone.woff2) format('woff2')}.katex{color:red}"
        let inlined = HTMLExportAssets.inliningFonts(css, from: folder.path)
        #expect(
            inlined == "@font-face{font-family:KaTeX_Main;src:url(data:font/woff2;base64,AQID) format('woff2');"
                + "font-weight:400}@font-face{font-family:KaTeX_Gone;src:}.katex{color:red}")
    }

    @Test("the installed Debian packages and the page's markdown.js load")
    func loadsTheInstalledFiles() throws {
        let web = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("web").path
        let assets = try #require(HTMLExportAssets.load(webDirectory: web))
        #expect(assets.markdownIt.contains("markdownit"))
        #expect(assets.katex.contains("katex"))
        #expect(assets.pageRenderer.contains("export function renderMarkdown"))
        #expect(!assets.katexStyle.contains("url(fonts/") && assets.katexStyle.contains("data:font/woff2;base64,"))
        #expect(HTMLExportAssets.load(webDirectory: "/nonexistent") == nil)
    }
}
