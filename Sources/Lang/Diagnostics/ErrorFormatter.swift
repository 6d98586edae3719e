import Diagnostics

/// Turns ``LangError`` values into the text Python prints, or into the JSON-ready form the web
/// page shows. This is the only place where errors become text.
public enum ErrorFormatter {
    /// Renders an error as Python does, e.g.
    ///
    /// ```text
    /// Traceback (most recent call last):
    ///   Cell [3], line 2, in corr2d
    ///     Y[i, j] = (X[i:i + h, j:j + w] * K).sum()
    ///                ^^^^^^^^^^^^^^^^^^^^^^^^
    /// RuntimeError: …
    /// ```
    public static func render(_ error: LangError) -> String {
        traceback(error).joined(separator: "\n") + "\n" + error.description + "\n"
    }

    /// Renders several errors (a cell's syntax errors) one after another.
    public static func render(_ errors: [LangError]) -> String {
        errors.map(render).joined()
    }

    /// The traceback lines without the final `Name: message` line.
    public static func traceback(_ error: LangError) -> [String] {
        if error.isSyntaxError {
            let (line, _) = error.source.location(of: error.range.start)
            return ["  \(error.source.name), line \(line)"] + excerpt(error.source, error.range)
        }
        var lines = ["Traceback (most recent call last):"]
        let frames =
            error.traceback.isEmpty
            ? [TracebackFrame(function: "<module>", source: error.source, range: error.range)] : error.traceback
        // Like Python, collapse a run of identical frames (deep recursion) after three of them.
        var index = 0
        while index < frames.count {
            var run = 1
            while index + run < frames.count && sameFrame(frames[index], frames[index + run]) { run += 1 }
            for frame in frames[index..<index + min(run, 3)] {
                let (line, _) = frame.source.location(of: frame.range.start)
                lines.append("  \(frame.source.name), line \(line), in \(frame.function)")
                lines += excerpt(frame.source, frame.range)
            }
            if run > 3 {
                lines.append("  [Previous line repeated \(run - 3) more time\(run - 3 == 1 ? "" : "s")]")
            }
            index += run
        }
        return lines
    }

    private static func sameFrame(_ a: TracebackFrame, _ b: TracebackFrame) -> Bool {
        a.function == b.function && a.range == b.range && a.source.name == b.source.name
    }

    /// The source line of `range` (indented by four spaces, leading blanks trimmed) and a caret
    /// line under the part of the range that lies on that line.
    static func excerpt(_ source: Source, _ range: SourceRange) -> [String] {
        let (line, _) = source.location(of: range.start)
        let lineBytes = source.lineRange(line)
        let text = source.lineText(line)
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        guard !trimmed.isEmpty else { return [] }
        let indent = text.count - trimmed.count
        let startColumn = source.characterCount(
            from: lineBytes.lowerBound, to: max(lineBytes.lowerBound, min(range.start, lineBytes.upperBound)))
        let endOffset = min(max(range.end, range.start), lineBytes.upperBound)
        let endColumn = source.characterCount(from: lineBytes.lowerBound, to: max(lineBytes.lowerBound, endOffset))
        let width = max(1, endColumn - startColumn)
        let caretStart = max(0, startColumn - indent)
        return [
            "    " + trimmed,
            "    " + String(repeating: " ", count: caretStart) + String(repeating: "^", count: width),
        ]
    }

    /// The JSON-ready form of an error, as the notebook page shows it.
    public static func report(_ error: LangError) -> ErrorReport {
        let (line, column) = error.source.location(of: error.range.start)
        return ErrorReport(
            ename: error.name, evalue: error.message, line: line, column: column,
            traceback: traceback(error) + [error.description])
    }
}

/// An error in the shape Jupyter's protocol uses: `ename`, `evalue` and traceback lines, plus
/// the 1-based line and column of the raising range in its own cell.
public struct ErrorReport: Sendable, Hashable, Codable {
    /// The Python exception class name.
    public var ename: ExceptionName
    /// The exception message.
    public var evalue: String
    /// 1-based line of the error.
    public var line: Int
    /// 1-based column (in characters) of the error.
    public var column: Int
    /// The rendered traceback, one entry per line, the last being `ename: evalue`.
    public var traceback: [String]
}
