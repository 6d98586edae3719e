import Foundation

/// Which of KaTeX's fonts an export must embed for the math in its markdown.
///
/// KaTeX's main, math, AMS and size fonts serve ordinary formulas (letters, digits, operators, `\mathbb`,
/// big delimiters, roots) and are always embedded. Five families serve only a math alphabet that TeX text
/// has to ask for by name — Caligraphic, Fraktur, Script, SansSerif and Typewriter, 94 KB of woff2 (126 KB
/// as base64) of the 260 KB — and an export embeds each only when some markdown asks for it. A request is
/// recognised from KaTeX 0.16's own tables: its font commands (`\mathcal`, `\cal`, `\mathfrak`, `\frak`,
/// `\mathscr`, `\mathsf`, `\textsf`, `\sf`, `\mathtt`, `\texttt`, `\tt`), the commands that set typewriter
/// type (`\verb`, `\url`, `\href`), the letter-like symbols its macros map to `\mathscr`/`\mathfrak` (ℬ ℰ ℱ ℋ
/// ℐ ℒ ℳ ℛ, ℭ ℌ ℨ), and — for all five — Unicode's mathematical alphanumerics (U+1D400–U+1D7FF) and
/// `\char`/`\@char`, which can name them. KaTeX has no `\csname`, so no macro can spell a command whose
/// name is not in the text; a match anywhere in the text (not only inside `$…$`) only embeds more.
enum KaTeXFontChoice {
    /// The optional families (CSS `font-family` names) with the text that asks for each.
    static let optional: [String: [String]] = [
        "KaTeX_Caligraphic": ["\\mathcal", "\\cal"],
        "KaTeX_Fraktur": ["\\mathfrak", "\\frak", "ℭ", "ℌ", "ℨ"],
        "KaTeX_Script": ["\\mathscr", "ℬ", "ℰ", "ℱ", "ℋ", "ℐ", "ℒ", "ℳ", "ℛ"],
        "KaTeX_SansSerif": ["\\mathsf", "\\textsf", "\\sf"],
        "KaTeX_Typewriter": ["\\mathtt", "\\texttt", "\\tt", "\\verb", "\\url", "\\href"],
    ]

    /// Text that may reach any of the optional families.
    static let anyOptional = ["\\char", "\\@char"]

    /// Whether math in `text` may be typeset in the font `family`.
    static func needs(_ family: String, for text: String) -> Bool {
        guard let requests = optional[family] else { return true }
        if anyOptional.contains(where: { text.contains($0) }) { return true }
        if text.unicodeScalars.contains(where: { (0x1D400...0x1D7FF).contains($0.value) }) { return true }
        return requests.contains(where: { text.contains($0) })
    }

    /// KaTeX's style sheet without the `@font-face` rules of the families math in `text` does not need.
    static func style(_ css: String, for text: String) -> String {
        var output = ""
        var rest = css[...]
        while let start = rest.range(of: "@font-face{") {
            output += rest[..<start.lowerBound]
            let end = rest[start.upperBound...].firstIndex(of: "}").map { rest.index(after: $0) } ?? rest.endIndex
            let rule = rest[start.lowerBound..<end]
            if needs(family(of: rule), for: text) { output += rule }
            rest = rest[end...]
        }
        return output + rest
    }

    /// The `font-family` an `@font-face` rule declares ("" if none).
    static func family(of rule: Substring) -> String {
        guard let start = rule.range(of: "font-family:") else { return "" }
        let name = rule[start.upperBound...].prefix { $0 != ";" && $0 != "}" }
        return name.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\"'")))
    }
}
