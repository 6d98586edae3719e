extension PercentFormat {
    /// The cells of a percent-format text; see `PercentFormat` for the rules. Never fails: any text is a script.
    ///
    /// Cell ids are derived from the cells' content (``CellID/derived(kind:source:occurrence:)``),
    /// so parsing the same script twice gives the same ids.
    public static func parse(_ text: String) -> [Cell] {
        withDerivedIDs(parseCells(text))
    }

    private static func withDerivedIDs(_ cells: [Cell]) -> [Cell] {
        var occurrences: [String: Int] = [:]
        return cells.map { cell in
            let kind = "\(cell.kind)"
            let occurrence = occurrences["\(kind)\u{0}\(cell.source)", default: 0]
            occurrences["\(kind)\u{0}\(cell.source)"] = occurrence + 1
            var cell = cell
            cell.id = CellID.derived(kind: kind, source: cell.source, occurrence: occurrence)
            return cell
        }
    }

    private static func parseCells(_ text: String) -> [Cell] {
        guard !text.isEmpty else { return [] }
        let lines = TextLines.split(text)
        let markers = lines.indices.filter { isMarker(lines[$0]) }
        guard let firstMarker = markers.first else {
            return [Cell(kind: .code, source: body(lines[...]).joined(separator: "\n"))]
        }
        var cells: [Cell] = []
        let leadStart = jupytextHeaderEnd(lines, before: firstMarker)
        let lead = lines[leadStart..<firstMarker]
        if !lead.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) {
            cells.append(Cell(kind: .code, source: body(lead).map(unescape).joined(separator: "\n")))
        }
        for (position, markerIndex) in markers.enumerated() {
            let end = position == markers.count - 1 ? lines.count : markers[position + 1]
            var header = parseMarker(lines[markerIndex])
            var bodyLines = body(lines[(markerIndex + 1)..<end]).map(unescape)
            if header.kind != .code { bodyLines = bodyLines.map(uncomment) }
            var source = bodyLines.joined(separator: "\n")
            if let count = header.metadata[trailingNewlinesKey]?.intValue, (0...maxTrailingNewlines).contains(count) {
                source += String(repeating: "\n", count: count)
                header.metadata[trailingNewlinesKey] = nil
            }
            cells.append(Cell(kind: header.kind, source: source, tags: header.tags, metadata: header.metadata))
        }
        return cells
    }

    /// Whether `text` has a `# %%` cell marker; a text without one is a plain script (one code cell).
    public static func hasCellMarkers(_ text: String) -> Bool {
        TextLines.split(text).contains(where: isMarker)
    }

    /// A cell's lines without the empty lines at its end: the newline ending its last line, the blank
    /// separator line, and however many more blank lines a writer put between cells (jupytext puts two
    /// after a `def`, as PEP 8 asks). Newlines that end a code cell's source are carried by `trailing_newlines`.
    private static func body(_ lines: ArraySlice<String>) -> [String] {
        var body = Array(lines)
        while body.last == "" { body.removeLast() }
        return body
    }

    /// Where a jupytext header (`# ---` … `# ---` at the very top) ends, or 0 without one.
    private static func jupytextHeaderEnd(_ lines: [String], before limit: Int) -> Int {
        guard limit > 0, lines[0] == "# ---" else { return 0 }
        guard let close = lines[1..<limit].firstIndex(of: "# ---") else { return 0 }
        return close + 1
    }

    // MARK: - Marker lines

    /// The number of `#` before `%%` when `line` has the marker shape (`#…#`, spaces, `%%`, end or space).
    static func markerHashes(_ line: String) -> Int? {
        var scalars = Substring(line).unicodeScalars.drop { $0 == " " || $0 == "\t" }
        var hashes = 0
        while scalars.first == "#" {
            hashes += 1
            scalars = scalars.dropFirst()
        }
        guard hashes > 0 else { return nil }
        scalars = scalars.drop { $0 == " " || $0 == "\t" }
        guard scalars.starts(with: "%%".unicodeScalars) else { return nil }
        let after = scalars.dropFirst(2)
        guard let next = after.first else { return hashes }
        return next.properties.isWhitespace ? hashes : nil
    }

    static func isMarker(_ line: String) -> Bool { markerHashes(line) == 1 }

    /// Removes the `#` that escaping added to a marker-shaped line inside a cell.
    static func unescape(_ line: String) -> String {
        guard let hashes = markerHashes(line), hashes >= 2 else { return line }
        var scalars = Array(line.unicodeScalars)
        if let hash = scalars.firstIndex(of: "#") { scalars.remove(at: hash) }
        return String(String.UnicodeScalarView(scalars))
    }

    /// A markdown line as written in the file (`# text`) back to the text.
    ///
    /// By Unicode scalars, not characters: a combining mark after `# ` joins the space into one character,
    /// which would otherwise leave the comment prefix on the text.
    static func uncomment(_ line: String) -> String {
        let scalars = line.unicodeScalars
        guard scalars.first == "#" else { return line }
        var text = scalars.dropFirst()
        if text.first == " " { text = text.dropFirst() }
        return String(String.UnicodeScalarView(text))
    }

    struct MarkerHeader {
        var kind: Cell.Kind = .code
        var tags: [String] = []
        var metadata = JSONObject()
    }

    /// Title, cell type and `key=value` metadata of a marker line.
    static func parseMarker(_ line: String) -> MarkerHeader {
        var header = MarkerHeader()
        let scalars = Array(line.unicodeScalars)
        guard let percent = findPercents(scalars) else { return header }
        let rest = String(String.UnicodeScalarView(scalars[(percent + 2)...])).trimmingWhitespace()
        // Options come last, so the cell type is looked for only before them (a tag may contain "[raw]").
        let optionsIndex = optionsStart(rest)
        var title = String(rest[..<optionsIndex]).trimmingWhitespace()
        let options = String(rest[optionsIndex...])
        if let (kind, before, after) = splitCellType(title) {
            header.kind = kind
            title = [before, after].filter { !$0.isEmpty }.joined(separator: " ")
        }
        if let parsed = parseOptions(options) {
            for member in parsed.members {
                if member.key == "tags", let list = member.value.arrayValue, list.allSatisfy({ $0.stringValue != nil })
                {
                    header.tags = list.compactMap(\.stringValue)
                } else {
                    header.metadata[member.key] = member.value
                }
            }
        } else {
            title = [title, options].filter { !$0.isEmpty }.joined(separator: " ")
        }
        if !title.isEmpty, header.metadata["title"] == nil { header.metadata["title"] = .string(title) }
        return header
    }

    private static func findPercents(_ scalars: [Unicode.Scalar]) -> Int? {
        var index = 0
        while index + 1 < scalars.count {
            if scalars[index] == "%" && scalars[index + 1] == "%" { return index }
            index += 1
        }
        return nil
    }

    private static let cellTypeTokens: [(String, Cell.Kind)] = [
        ("[markdown]", .markdown), ("[md]", .markdown), ("[raw]", .raw),
    ]

    /// The first whitespace-delimited `[markdown]`, `[md]` or `[raw]`, with the text before and after it.
    private static func splitCellType(_ text: String) -> (Cell.Kind, String, String)? {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        for (position, word) in words.enumerated() {
            if let (_, kind) = cellTypeTokens.first(where: { $0.0 == word }) {
                let before = words[..<position].joined(separator: " ").trimmingWhitespace()
                let after = words[(position + 1)...].joined(separator: " ").trimmingWhitespace()
                return (kind, before, after)
            }
        }
        return nil
    }

    /// Where `key=` options begin: the first word shaped like `identifier=`, or the end of the text.
    private static func optionsStart(_ text: String) -> String.Index {
        var index = text.startIndex
        while index < text.endIndex {
            let atWordStart = index == text.startIndex || text[text.index(before: index)] == " "
            if atWordStart, optionKeyLength(text[index...]) != nil { return index }
            index = text.index(after: index)
        }
        return text.endIndex
    }

    /// The length of `identifier` when `text` starts with `identifier=`.
    private static func optionKeyLength(_ text: Substring) -> Int? {
        var length = 0
        for character in text {
            if character == "=" { return length > 0 ? length : nil }
            let allowed =
                character.isASCII
                && (character.isLetter || character == "_"
                    || (length > 0 && (character.isNumber || character == "." || character == "-")))
            guard allowed else { return nil }
            length += 1
        }
        return nil
    }

    /// `key=JSON key=JSON …`, or `nil` if the text is not entirely of that shape.
    static func parseOptions(_ text: String) -> JSONObject? {
        let bytes = Array(text.utf8)
        var object = JSONObject()
        var index = 0
        while true {
            while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
            guard index < bytes.count else { return object }
            let keyStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "=") { index += 1 }
            guard index < bytes.count else { return nil }
            let key = String(decoding: bytes[keyStart..<index], as: UTF8.self)
            guard optionKeyLength(Substring(key + "=")) == key.count else { return nil }
            guard let (value, end) = try? JSONParser.parsePrefix(bytes, from: index + 1, maxDepth: 32) else {
                return nil
            }
            guard end == bytes.count || bytes[end] == UInt8(ascii: " ") else { return nil }
            object[key] = value
            index = end
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(scalars[first...last])
    }
}
