/// Parses a source without running it: the syntax errors a cell has, in source order.
///
/// This is the parser's public door for tools that only need to know whether code parses (the REPL's
/// "is this input complete?", fuzzing, editors). The parser recovers after each error, so every error
/// of the text is listed, never only the first.
///
/// ```swift
/// let errors = SyntaxCheck.errors(in: Source(name: "<cell>", text: "print(f'{x'"))
/// errors.first?.message  // "f-string: expecting '}'"
/// ```
public enum SyntaxCheck {
    /// The syntax errors of `source`, sorted by position; empty when it parses.
    public static func errors(in source: Source) -> [LangError] {
        Parser.parse(source).errors
    }

    /// How many top-level statements `source` parses to (as far as the parser recovered), and its errors.
    public static func check(_ source: Source) -> (statementCount: Int, errors: [LangError]) {
        let parsed = Parser.parse(source)
        return (parsed.statements.count, parsed.errors)
    }
}
