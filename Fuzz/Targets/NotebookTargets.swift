import Foundation
import Notebook

/// What must hold for any file or text given to the notebook readers and renderers.
enum NotebookTargets {
    static let fixedDate = Date(timeIntervalSince1970: 1_700_000_000)

    /// A notebook read from any bytes is one Convbook can store, export and read back: what Convbook writes
    /// (which may add a `text/plain` to a picture) reads back as the same cells and writes the same text.
    static func ipynb(_ bytes: [UInt8]) -> [String] {
        guard let notebook = try? IPYNBCodec.decode(bytes, fileName: "fuzz.ipynb", now: fixedDate) else { return [] }
        var problems: [String] = []
        let text = IPYNBCodec.encode(notebook)
        do {
            let again = try IPYNBCodec.decode(Array(text.utf8), fileName: "again.ipynb", now: fixedDate)
            let textAgain = IPYNBCodec.encode(again)
            let third = try IPYNBCodec.decode(Array(textAgain.utf8), fileName: "third.ipynb", now: fixedDate)
            if third.cells != again.cells {
                problems.append("cells changed in an .ipynb round trip: \(difference(again.cells, third.cells))")
            }
            if textAgain != text && again.cells == notebook.cells {
                problems.append("the same cells were written as different .ipynb text")
            }
        } catch {
            problems.append("the exported .ipynb does not read back: \(error)")
        }
        problems += htmlProblems(HTMLExporter.render(notebook), allowed: exportTags)
        problems += rerenderedProblems(notebook)
        _ = PercentFormat.encode(notebook)
        return problems
    }

    /// Stand-ins for the page's renderers: scripts without markup of their own.
    static let placeholderAssets = HTMLExportAssets(
        markdownIt: "/* markdown-it */", katex: "/* katex */", katexStyle: ".katex{}", pageRenderer: "/* page */")

    /// With the page's renderers embedded, the page up to `</main>` holds only the renderer's markup (cell
    /// sources only as escaped `data-source` attributes), and after it come exactly the embedded scripts.
    static func rerenderedProblems(_ notebook: NotebookDocument) -> [String] {
        let html = HTMLExporter.render(notebook, assets: placeholderAssets)
        guard let end = html.range(of: "</main>\n", options: .backwards) else { return ["the export has no </main>"] }
        let markdown = notebook.cells.filter { $0.kind == .markdown }
        let expected = markdown.isEmpty ? 0 : markdown.contains { $0.source.contains("$") } ? 3 : 2
        var problems = htmlProblems(String(html[..<end.upperBound]), allowed: exportTags)
        let scripts = html[end.upperBound...].components(separatedBy: "<script").count - 1
        if scripts != expected { problems.append("\(scripts) scripts after </main>, not \(expected)") }
        return problems
    }

    /// The first difference between two cell lists, for a readable report.
    static func difference(_ before: [Cell], _ after: [Cell]) -> String {
        if before.count != after.count { return "\(before.count) cells became \(after.count)" }
        for (index, (a, b)) in zip(before, after).enumerated() where a != b {
            for (field, same) in [
                ("id", a.id == b.id), ("kind", a.kind == b.kind), ("source", a.source == b.source),
                ("tags", a.tags == b.tags), ("executionCount", a.executionCount == b.executionCount),
                ("outputs", a.outputs == b.outputs), ("timing", a.timing == b.timing),
                ("metadata", a.metadata == b.metadata),
            ] where !same {
                return
                    "cell \(index) \(field): \(String(describing: Mirror(reflecting: a).children.first { $0.label == field }?.value).prefix(300)) → \(String(describing: Mirror(reflecting: b).children.first { $0.label == field }?.value).prefix(300))"
            }
        }
        return "no field differs"
    }

    /// A percent file's cells survive being written and read again.
    static func percent(_ bytes: [UInt8]) -> [String] {
        guard let notebook = try? PercentFormat.decode(bytes, fileName: "fuzz.py", now: fixedDate) else { return [] }
        let back = PercentFormat.parse(PercentFormat.encode(notebook))
        var problems: [String] = []
        if back.map(\.source) != notebook.cells.map(\.source) {
            problems.append("sources changed in a percent round trip")
        }
        if back.map(\.kind) != notebook.cells.map(\.kind) {
            problems.append("cell kinds changed in a percent round trip")
        }
        if back.map(\.tags) != notebook.cells.map(\.tags) { problems.append("tags changed in a percent round trip") }
        return problems
    }

    /// Markdown becomes HTML with only the renderer's own tags and safe links.
    static func markdown(_ text: String) -> [String] {
        htmlProblems(MarkdownRenderer.render(text), allowed: markdownTags)
    }

    /// JSON that parses is written as JSON that parses to the same text again (a fixed point).
    static func json(_ bytes: [UInt8]) -> [String] {
        guard let value = try? JSONParser.parse(bytes) else { return [] }
        let written = JSONWriter.compact(value)
        guard let again = try? JSONParser.parse(Array(written.utf8)) else {
            return ["written JSON does not parse: \(written.prefix(200))"]
        }
        return JSONWriter.compact(again) == written ? [] : ["JSON written twice differs"]
    }

    static let markdownTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "hr",
        "a",
    ]
    static let exportTags: Set<String> =
        markdownTags.union([
            "!doctype", "html", "head", "meta", "title", "style", "body", "main", "header", "section", "div", "span",
            "img", "time",
        ])
    static let attributes: Set<String> = [
        "lang", "charset", "name", "content", "http-equiv", "class", "id", "href", "rel", "alt", "src", "title",
        "data-source",
        "width", "height", "datetime",
    ]

    /// Whether an attribute's URL, as a browser reads it (entities decoded, then tabs and newlines removed
    /// and surrounding control characters trimmed, as the URL parser does), has no scheme or an http(s) or
    /// PNG-data one.
    static func isSafeURL(_ attribute: String) -> Bool {
        // Decoded in one left-to-right pass, as a browser does, by Unicode scalars (a combining mark after
        // `;` must not hide an entity's end). The renderer writes `&` only as the start of one of these five
        // entities; any other `&` could begin a reference (`&#58;`, `&colon;`) that spells a scheme.
        let scalars = Array(attribute.unicodeScalars)
        let entities = [("&quot;", "\""), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")].map {
            (Array($0.0.unicodeScalars), $0.1.unicodeScalars.first!)
        }
        var decoded: [Unicode.Scalar] = []
        var index = 0
        scan: while index < scalars.count {
            if scalars[index] == "&" {
                for (pattern, character) in entities
                where index + pattern.count <= scalars.count && Array(scalars[index..<index + pattern.count]) == pattern
                {
                    decoded.append(character)
                    index += pattern.count
                    continue scan
                }
                return false
            }
            decoded.append(scalars[index])
            index += 1
        }
        let text = String(String.UnicodeScalarView(decoded))
        let url = String(
            String.UnicodeScalarView(
                text.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }.drop { $0.value <= 0x20 })
        )
        .lowercased()
        if url.hasPrefix("http://") || url.hasPrefix("https://") || url.hasPrefix("data:image/png;base64,") {
            return true
        }
        for scalar in url.unicodeScalars {
            if scalar == "/" || scalar == "?" || scalar == "#" { return true }
            if scalar == ":" { return false }
        }
        return true
    }

    /// Tags outside `allowed`, unknown attributes, and links to anything but http(s) or a relative path.
    /// Read by Unicode scalars, as a browser's tokenizer does (a `>` followed by a combining mark is still a `>`).
    static func htmlProblems(_ html: String, allowed: Set<String>) -> [String] {
        var problems: [String] = []
        let scalars = Array(html.unicodeScalars)
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        var index = 0
        while let open = scalars[index...].firstIndex(of: "<") {
            guard let close = scalars[open...].firstIndex(of: ">") else {
                problems.append("an unclosed '<' in the HTML")
                break
            }
            index = close + 1
            let nameEnd = scalars[(open + 1)..<close].firstIndex(of: " ") ?? close
            var name = text((open + 1)..<nameEnd).lowercased()
            if name.hasPrefix("/") { name.removeFirst() }
            guard allowed.contains(name) else {
                problems.append("tag <\(name)> in the HTML")
                continue
            }
            var cursor = nameEnd
            while let equals = scalars[cursor..<close].firstIndex(of: "=") {
                let key = text(cursor..<equals).trimmingCharacters(in: .whitespaces).lowercased()
                guard equals + 1 < close, scalars[equals + 1] == "\"",
                    let quote = scalars[(equals + 2)..<close].firstIndex(of: "\"")
                else {
                    problems.append("unquoted attribute \(key) on <\(name)>")
                    break
                }
                let value = text((equals + 2)..<quote)
                cursor = quote + 1
                if !attributes.contains(key) { problems.append("attribute \(key) on <\(name)>") }
                if (key == "href" || key == "src") && !isSafeURL(value) {
                    problems.append("\(key)=\(value) on <\(name)>")
                }
            }
        }
        return problems
    }
}
