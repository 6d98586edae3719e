/// Groups REPL input lines into complete chunks, as Python's interactive prompt does: a line
/// that opens a block (ends with `:`) or leaves brackets/triple quotes open continues until the
/// input is complete (a blank line ends a block).
public struct ReplReader {
    private var lines: [String] = []
    private var inBlock = false

    /// Creates an empty reader.
    public init() {}

    /// Adds a line; returns a complete chunk to run, or `nil` when more lines are needed.
    public mutating func add(_ line: String) -> String? {
        if inBlock {
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                return take()
            }
            lines.append(line)
            return nil
        }
        lines.append(line)
        let text = lines.joined(separator: "\n") + "\n"
        if Self.isIncomplete(text) { return nil }
        let trimmed = Self.stripComment(line).trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix(":") || trimmed.hasSuffix("\\") {
            inBlock = true
            return nil
        }
        return take()
    }

    /// The pending lines at end of input, if any.
    public mutating func finish() -> String? {
        lines.isEmpty ? nil : take()
    }

    private mutating func take() -> String {
        let text = lines.joined(separator: "\n") + "\n"
        lines.removeAll()
        inBlock = false
        return text
    }

    /// Whether the text stops inside brackets or a triple-quoted string.
    static func isIncomplete(_ text: String) -> Bool {
        let (_, errors) = Parser.parse(Source(name: "<input>", text: text))
        return errors.contains { error in
            error.message.contains("was never closed") || error.message.contains("unterminated triple-quoted")
                || error.message.hasPrefix("unexpected end of input")
        }
    }

    private static func stripComment(_ line: String) -> String {
        var inQuote: Character?
        for (offset, character) in line.enumerated() {
            if let quote = inQuote {
                if character == quote { inQuote = nil }
            } else if character == "'" || character == "\"" {
                inQuote = character
            } else if character == "#" {
                return String(line.prefix(offset))
            }
        }
        return line
    }
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var result = Substring(self)
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return String(result)
    }
}

extension Set where Element == Character {
    /// Spaces and tabs.
    static var whitespaces: Set<Character> { [" ", "\t"] }
}
