import Foundation
import Testing

@testable import Notebook

/// An export embeds KaTeX's math-alphabet fonts only for markdown that asks for them.
@Suite("KaTeX fonts an export embeds")
struct KaTeXFontChoiceTests {
    static let optional = [
        "KaTeX_Caligraphic", "KaTeX_Fraktur", "KaTeX_Script", "KaTeX_SansSerif", "KaTeX_Typewriter",
    ]

    static func needed(_ text: String) -> [String] {
        optional.filter { KaTeXFontChoice.needs($0, for: text) }
    }

    @Test("each family for the commands and symbols that reach it, none for ordinary math")
    func families() {
        #expect(Self.needed("$\\frac{a}{b} + \\sqrt{x} \\times \\mathbb{R}^n \\mathbf{W} \\sum_i$").isEmpty)
        #expect(Self.needed("$\\mathcal{L}$") == ["KaTeX_Caligraphic"])
        #expect(Self.needed("${\\cal L}$") == ["KaTeX_Caligraphic"])
        #expect(Self.needed("$\\mathfrak g$ or $\\frak g$") == ["KaTeX_Fraktur"])
        #expect(Self.needed("$ℌ$") == ["KaTeX_Fraktur"])
        #expect(Self.needed("$\\mathscr{F}$") == ["KaTeX_Script"])
        #expect(Self.needed("$ℒ(θ)$") == ["KaTeX_Script"])
        #expect(Self.needed("$\\text{\\textsf{a}}$") == ["KaTeX_SansSerif"])
        #expect(Self.needed("${\\sf a}$, $\\mathsf{b}$") == ["KaTeX_SansSerif"])
        #expect(Self.needed("$\\verb|x|$") == ["KaTeX_Typewriter"])
        #expect(Self.needed("$\\texttt{relu}$, ${\\tt a}$, $\\mathtt b$") == ["KaTeX_Typewriter"])
        #expect(Self.needed("$\\url{https://d2l.ai}$") == ["KaTeX_Typewriter"])
        #expect(Self.needed("$𝔄$") == Self.optional, "a mathematical alphanumeric (U+1D504)")
        #expect(Self.needed("$\\char\"1D504$") == Self.optional)
        #expect(Self.needed("$\\@char{120068}$") == Self.optional)
        #expect(KaTeXFontChoice.needs("KaTeX_Main", for: "") && KaTeXFontChoice.needs("KaTeX_AMS", for: ""))
    }

    @Test("the style keeps every rule but the @font-face rules of the fonts not needed")
    func style() {
        let css =
            ".katex{font:normal 1.21em KaTeX_Main}@font-face{font-family:KaTeX_Main;src:url(a)}"
            + "@font-face{font-family:KaTeX_Fraktur;src:url(b);font-weight:700}"
            + "@font-face{font-family:\"KaTeX_Typewriter\";src:url(c)}.katex .mathfrak{font-family:KaTeX_Fraktur}"
        #expect(
            KaTeXFontChoice.style(css, for: "$x$")
                == ".katex{font:normal 1.21em KaTeX_Main}@font-face{font-family:KaTeX_Main;src:url(a)}"
                + ".katex .mathfrak{font-family:KaTeX_Fraktur}")
        #expect(
            KaTeXFontChoice.style(css, for: "$\\texttt{x}$")
                == ".katex{font:normal 1.21em KaTeX_Main}@font-face{font-family:KaTeX_Main;src:url(a)}"
                + "@font-face{font-family:\"KaTeX_Typewriter\";src:url(c)}.katex .mathfrak{font-family:KaTeX_Fraktur}")
        #expect(KaTeXFontChoice.style(css, for: "$\\char65$") == css)
    }

    @Test("Debian's KaTeX style: its families are the ones named here; 11 of its 20 faces serve ordinary math")
    func installed() throws {
        let web = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("web").path
        let assets = try #require(HTMLExportAssets.load(webDirectory: web))
        func families(_ css: String) -> [String] {
            css.components(separatedBy: "@font-face{").dropFirst().map { KaTeXFontChoice.family(of: $0[...]) }
        }
        let all = families(assets.katexStyle)
        #expect(all.count == 20)
        #expect(Set(Self.optional).isSubset(of: Set(all)))
        let plain = assets.katexStyle(for: "$\\frac{a}{b}$")
        #expect(families(plain).count == 11)
        #expect(Set(families(plain)).isDisjoint(with: Self.optional))
        #expect(families(assets.katexStyle(for: "$\\mathcal{L}$")).count == 13)
        #expect(assets.katexStyle(for: "$𝔄$") == assets.katexStyle)
        // The five families are 94 KB of woff2, 126 KB as base64.
        #expect(assets.katexStyle.utf8.count - plain.utf8.count > 120_000)
    }
}
