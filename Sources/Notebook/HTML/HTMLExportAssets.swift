import Foundation
import Synchronization

/// The page's own markdown and math renderers, embedded in an exported page that needs them, so a markdown
/// cell reads in the export as it reads on the page: markdown-it and KaTeX as Debian installs them, and the
/// page's `web/js/markdown.js` (its math rule, allow list and link check) that drives them.
///
/// Loaded once by the program that exports (`install`, from the web folder it found); without them an
/// export falls back to `MarkdownRenderer`'s HTML alone, which every export also carries for readers
/// without scripts.
public struct HTMLExportAssets: Sendable {
    /// `markdown-it.js`, a classic script defining `window.markdownit`.
    public var markdownIt: String
    /// `katex.min.js`, a classic script defining `window.katex`.
    public var katex: String
    /// `katex.min.css` with each font as a `data:` URI of its woff2 file.
    public var katexStyle: String
    /// The page's `markdown.js` module (`renderMarkdown`).
    public var pageRenderer: String

    /// Assets from their texts.
    public init(markdownIt: String, katex: String, katexStyle: String, pageRenderer: String) {
        self.markdownIt = markdownIt
        self.katex = katex
        self.katexStyle = katexStyle
        self.pageRenderer = pageRenderer
    }

    /// Debian's install paths (libjs-markdown-it, libjs-katex, fonts-katex), as the server serves them.
    public static let debianMarkdownIt = "/usr/share/javascript/markdown-it"
    public static let debianKaTeX = "/usr/share/javascript/katex"
    public static let debianKaTeXFonts = "/usr/share/fonts/truetype/katex"

    /// The assets from the web folder and the vendor folders, or `nil` when one of the files is missing.
    public static func load(
        webDirectory: String, markdownIt: String = debianMarkdownIt, katex: String = debianKaTeX,
        fonts: String = debianKaTeXFonts
    ) -> HTMLExportAssets? {
        func read(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }
        guard let renderer = read(webDirectory + "/js/markdown.js"),
            let markdownItScript = read(markdownIt + "/markdown-it.js"),
            let katexScript = read(katex + "/katex.min.js"), let style = read(katex + "/katex.min.css")
        else { return nil }
        return HTMLExportAssets(
            markdownIt: markdownItScript, katex: katexScript, katexStyle: inliningFonts(style, from: fonts),
            pageRenderer: renderer)
    }

    /// KaTeX's style with each `@font-face` source replaced by its woff2 file as a `data:` URI (every browser
    /// that runs the page's scripts reads woff2); a font that cannot be read keeps no source.
    static func inliningFonts(_ css: String, from fonts: String) -> String {
        var output = ""
        var rest = css[...]
        while let start = rest.range(of: "src:") {
            output += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            let end = rest.firstIndex(where: { $0 == ";" || $0 == "}" }) ?? rest.endIndex
            let sources = rest[..<end]
            rest = rest[end...]
            guard let open = sources.range(of: "url(fonts/"),
                let close = sources[open.upperBound...].firstIndex(of: ")"),
                let bytes = FileManager.default.contents(atPath: fonts + "/" + sources[open.upperBound..<close])
            else { continue }
            output += "url(data:font/woff2;base64,\(bytes.base64EncodedString())) format('woff2')"
        }
        return output + rest
    }

    /// KaTeX's style with the fonts math in `markdown` may use (`KaTeXFontChoice`).
    public func katexStyle(for markdown: String) -> String {
        KaTeXFontChoice.style(katexStyle, for: markdown)
    }

    /// The assets exports use when none are passed (`install`).
    public static var installed: HTMLExportAssets? { shared.withLock { $0 } }

    /// Makes `assets` the ones exports use from now on.
    public static func install(_ assets: HTMLExportAssets?) { shared.withLock { $0 = assets } }

    private static let shared = Mutex<HTMLExportAssets?>(nil)

    /// A Content-Security-Policy source allowing exactly the inline script `text`: `'sha256-…'`.
    static func hashSource(_ text: String) -> String {
        "'sha256-" + Data(ContentHash.sha256(of: [Array(text.utf8)])).base64EncodedString() + "'"
    }
}
