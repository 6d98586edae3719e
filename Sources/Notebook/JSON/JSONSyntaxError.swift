/// Why a JSON text could not be read, and where.
///
/// The position is a byte offset; line and column are computed only when a message is made
/// (`SourcePosition.locate(offset:in:)`).
public struct JSONSyntaxError: Error, Sendable, Hashable {
    /// What is wrong, e.g. "expected ',' or '}' after an object member".
    public var message: String
    /// Byte offset of the problem in the JSON text.
    public var offset: Int
    /// Whether the text nests deeper than the parser allows (kept apart because it is a limit, not a typo).
    public var isDepthLimit: Bool

    /// Creates an error at a byte offset.
    public init(_ message: String, at offset: Int, isDepthLimit: Bool = false) {
        self.message = message
        self.offset = offset
        self.isDepthLimit = isDepthLimit
    }
}

/// A 1-based line and column in a text.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    /// Line number, from 1.
    public var line: Int
    /// Column number, from 1, counted in Unicode scalars (characters as most editors count them).
    public var column: Int

    /// Creates a position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }

    /// The line and column of a byte offset in UTF-8 text. Offsets past the end point just after the last byte.
    public static func locate(offset: Int, in bytes: [UInt8]) -> SourcePosition {
        var line = 1
        var column = 1
        let end = min(max(offset, 0), bytes.count)
        var index = 0
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Continuation bytes belong to the scalar already counted.
                column += 1
            }
            index += 1
        }
        return SourcePosition(line: line, column: column)
    }
}
