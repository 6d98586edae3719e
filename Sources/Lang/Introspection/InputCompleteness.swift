/// Whether typed input is ready to run, as a console asks before it runs a line or shows a
/// continuation prompt (Jupyter's `is_complete_request`).
///
/// As at Python's interactive prompt, input is incomplete while a bracket or triple-quoted string is
/// open, after a line ending in `:` or `\`, and inside an indented block until a blank line ends it.
/// Input that can never parse, whatever follows, is invalid — also when a bracket is still open, as
/// in `print("x)`, whose string can never close.
///
/// ```swift
/// InputCompleteness.of("print(1")             // .incomplete(indent: "")
/// InputCompleteness.of("for i in range(3):")  // .incomplete(indent: "    ")
/// InputCompleteness.of("import = 7q")         // .invalid
/// ```
public enum InputCompleteness: Sendable, Hashable {
    /// Ready to run.
    case complete
    /// More lines are needed; `indent` is what the next line should start with.
    case incomplete(indent: String)
    /// A syntax error that more input cannot fix.
    case invalid

    /// How complete `code` is.
    public static func of(_ code: String) -> InputCompleteness {
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let lastIndex = lines.lastIndex(where: { !isBlank($0) }) else { return .complete }
        let last = lines[lastIndex]
        // A blank line typed after the last one ("…\n\n") ends a block.
        let endsWithBlankLine = lines.count - 1 - lastIndex >= 2
        let indent = String(last.prefix { $0 == " " || $0 == "\t" })
        let opensBlock = strippedOfComment(last).hasSuffix(":")
        let continues = last.hasSuffix("\\")
        let text = code.hasSuffix("\n") ? code : code + "\n"
        let errors = SyntaxCheck.errors(in: Source(name: "<input>", text: text))
        if !errors.isEmpty {
            if awaitsMoreInput(text, errors: errors) {
                return .incomplete(indent: continues || opensBlock ? indent : "")
            }
            if opensBlock || continues { return .incomplete(indent: opensBlock ? indent + "    " : indent) }
            return .invalid
        }
        // The text parses; at a console a block still waits for the blank line that ends it.
        let insideBlock = lines.count > 1 && lines.contains { !isBlank($0) && strippedOfComment($0).hasSuffix(":") }
        if insideBlock && !endsWithBlankLine { return .incomplete(indent: indent) }
        return .complete
    }

    /// Whether the text, whose parse gave `errors`, fails only because it stops inside brackets or a
    /// triple-quoted string (every error is one that more lines could fix).
    ///
    /// An open bracket alone is not enough: `f(1 2` can never parse, whatever follows. So the brackets
    /// still open are closed on a new line, innermost first, and the text must then parse, as CPython's
    /// `codeop` decides.
    private static func awaitsMoreInput(_ text: String, errors: [LangError]) -> Bool {
        guard !errors.isEmpty, errors.allSatisfy({ isUnfinished($0.message) }) else { return false }
        if errors.contains(where: { $0.message.contains("unterminated triple-quoted") }) { return true }
        var lexer = Lexer(source: Source(name: "<input>", text: text))
        _ = lexer.tokenize()
        let closing = String(lexer.openBrackets.reversed().compactMap { closers[$0.bracket] })
        if closing.isEmpty { return true }
        let (_, remaining) = Parser.parse(Source(name: "<input>", text: text + "\n" + closing + "\n"))
        return remaining.isEmpty
    }

    private static let closers: [UInt8: Character] = [
        UInt8(ascii: "("): ")", UInt8(ascii: "["): "]", UInt8(ascii: "{"): "}",
    ]

    /// An error that more input could fix.
    private static func isUnfinished(_ message: String) -> Bool {
        message.contains("was never closed") || message.contains("unterminated triple-quoted")
            || message.hasPrefix("unexpected end of input")
    }

    private static func isBlank(_ line: String) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
    }

    /// The line without a trailing `# comment` and trailing spaces (quotes are respected).
    private static func strippedOfComment(_ line: String) -> String {
        var quote: Character?
        var kept = ""
        for character in line {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "#" {
                break
            }
            kept.append(character)
        }
        while let end = kept.last, end == " " || end == "\t" || end == "\r" { kept.removeLast() }
        return kept
    }
}
