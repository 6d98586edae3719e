/// A piece of program text with the name it is shown under in tracebacks.
///
/// Tokens and syntax nodes refer to a source by byte offsets (``SourceRange``); lines and columns
/// are computed only when a diagnostic is rendered.
///
/// ```swift
/// let cell = Source(name: "Cell [3]", text: "x = 1\nprint(x)\n")
/// cell.location(of: 6)   // (line: 2, column: 1)
/// ```
public struct Source: Sendable, Hashable {
    /// How the source appears in a traceback frame, e.g. `Cell [3]` or `File "conv.py"`.
    public let name: String
    /// The program text.
    public let text: String
    /// The UTF-8 bytes of ``text``; every offset in the language points into this array.
    public let bytes: [UInt8]

    /// Creates a source from its display name and text.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
        self.bytes = Array(text.utf8)
    }

    /// A source for notebook cell number `index`, shown as `Cell [index]`.
    public static func cell(_ index: Int, text: String) -> Source {
        Source(name: "Cell [\(index)]", text: text)
    }

    /// A source for a script file, shown as `File "path"`.
    public static func file(_ path: String, text: String) -> Source {
        Source(name: "File \"\(path)\"", text: text)
    }

    /// The 1-based line and column (in characters) of a byte offset.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, bytes.count))
        var line = 1
        var lineStart = 0
        for index in 0..<clamped where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, characterCount(from: lineStart, to: clamped) + 1)
    }

    /// The text of the 1-based line `line`, without its newline.
    public func lineText(_ line: Int) -> String {
        let range = lineRange(line)
        return String(decoding: bytes[range], as: UTF8.self)
    }

    /// The byte range of the 1-based line `line`, without its newline.
    public func lineRange(_ line: Int) -> Range<Int> {
        var current = 1
        var start = 0
        var index = 0
        while index < bytes.count && current < line {
            if bytes[index] == UInt8(ascii: "\n") {
                current += 1
                start = index + 1
            }
            index += 1
        }
        if current < line { return bytes.count..<bytes.count }
        var end = start
        while end < bytes.count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<end
    }

    /// The number of characters encoded by the bytes in `start..<end` (continuation bytes skipped).
    func characterCount(from start: Int, to end: Int) -> Int {
        var count = 0
        var index = start
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { count += 1 }
            index += 1
        }
        return count
    }

    /// The text covered by a range.
    public func text(in range: SourceRange) -> String {
        let start = max(0, min(range.start, bytes.count))
        let end = max(start, min(range.end, bytes.count))
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
