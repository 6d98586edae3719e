/// Where in its cell an error happened, recovered from the traceback the language printed.
///
/// The traceback's frames read `  Cell [3], line 2, in <module>`, followed by the trimmed source line
/// and a caret line; the innermost frame in a cell gives the line, and its caret (plus the line's
/// indentation, which the excerpt trimmed) the column.
enum ErrorLocation {
    /// 1-based line and column in `source`, or `nil` when the traceback names no cell line.
    static func locate(traceback: [String], source: String) -> (line: Int, column: Int)? {
        var found: (line: Int, column: Int)?
        for (index, entry) in traceback.enumerated() {
            let trimmed = entry.drop { $0 == " " }
            guard trimmed.hasPrefix("Cell ["), let range = trimmed.range(of: ", line ") else { continue }
            let digits = trimmed[range.upperBound...].prefix { $0.isNumber }
            guard let line = Int(digits), line >= 1 else { continue }
            var column = 1
            if index + 2 < traceback.count, let caret = traceback[index + 2].firstIndex(of: "^"),
                traceback[index + 2].allSatisfy({ $0 == " " || $0 == "^" })
            {
                let caretOffset = traceback[index + 2].distance(from: traceback[index + 2].startIndex, to: caret) - 4
                let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
                let indent = line <= lines.count ? lines[line - 1].prefix { $0 == " " || $0 == "\t" }.count : 0
                column = max(0, caretOffset) + indent + 1
            }
            found = (line, column)
        }
        return found
    }
}
