/// Splitting text into lines on "\n" alone, working on Unicode scalars so "\r\n" (one `Character`) is
/// split too and every other byte is kept.
enum TextLines {
    /// The lines of `text` without their "\n"; "a\n" gives ["a", ""], "" gives [""].
    static func split(_ text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map {
            String(String.UnicodeScalarView($0))
        }
    }

    /// The lines of `text` each with its "\n", as Jupyter stores them; "a\nb" gives ["a\n", "b"], "" gives [].
    static func splitKeepingNewlines(_ text: String) -> [String] {
        var lines = split(text)
        for index in lines.indices.dropLast() { lines[index] += "\n" }
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
