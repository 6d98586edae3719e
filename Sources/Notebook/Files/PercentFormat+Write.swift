extension PercentFormat {
    /// Cells as percent-format text; see `PercentFormat` for the rules.
    public static func encode(cells: [Cell]) -> String {
        var output = ""
        for (position, cell) in cells.enumerated() {
            if position > 0 { output += "\n" }
            output += markerLine(for: cell) + "\n"
            var lines = TextLines.split(cell.source)
            if cell.kind != .code { lines = lines.map { $0.isEmpty ? "#" : "# " + $0 } }
            output += lines.map(escape).joined(separator: "\n") + "\n"
        }
        return output
    }

    /// `# %%`, then the title, the cell type and `key=value` metadata as jupytext writes them.
    static func markerLine(for cell: Cell) -> String {
        var parts = ["# %%"]
        var metadata = cell.metadata
        if let title = metadata["title"]?.stringValue, isPlainTitle(title) {
            parts.append(title)
            metadata["title"] = nil
        }
        switch cell.kind {
        case .code: break
        case .markdown: parts.append("[markdown]")
        case .raw: parts.append("[raw]")
        }
        if !cell.tags.isEmpty {
            parts.append("tags=" + JSONWriter.compact(.array(cell.tags.map(JSONValue.string))))
        }
        metadata["tags"] = nil
        metadata[trailingNewlinesKey] = nil
        let trailingNewlines =
            cell.kind == .code ? cell.source.unicodeScalars.reversed().prefix { $0 == "\n" }.count : 0
        if trailingNewlines > 0 { parts.append("\(trailingNewlinesKey)=\(trailingNewlines)") }
        for member in metadata.members where isOptionKey(member.key) {
            parts.append(member.key + "=" + JSONWriter.compact(member.value))
        }
        return parts.joined(separator: " ")
    }

    /// A marker-shaped line inside a cell gets one more `#` so it is not read as a cell boundary.
    static func escape(_ line: String) -> String {
        guard markerHashes(line) != nil else { return line }
        var scalars = Array(line.unicodeScalars)
        if let hash = scalars.firstIndex(of: "#") { scalars.insert("#", at: hash) }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Whether a title reads back as a title: one line, no `=` or `[`, no spaces at its ends.
    private static func isPlainTitle(_ title: String) -> Bool {
        !title.isEmpty && title.trimmingWhitespace() == title
            && !title.unicodeScalars.contains { $0 == "=" || $0 == "[" || $0 == "\n" || $0 == "\r" || $0 == "\t" }
    }

    /// Keys that the `key=value` syntax can carry; others are left out of the `.py` file.
    private static func isOptionKey(_ key: String) -> Bool {
        guard let first = key.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-") }
    }
}
