/// One lexical token of the language, with the byte range it covers.
struct Token: Sendable, Equatable {
    /// What kind of token this is.
    enum Kind: Sendable, Equatable {
        /// An identifier or keyword.
        case name(String)
        /// An integer literal.
        case int(Int)
        /// A floating-point literal.
        case float(Double)
        /// A string literal, escapes already processed.
        case string(String)
        /// An f-string: the byte range of its body (between the quotes), parsed by the parser.
        case fstring(body: SourceRange, raw: Bool)
        /// An operator or delimiter, e.g. `+`, `**=`, `(`.
        case op(String)
        /// The end of a logical line.
        case newline
        /// An increase of indentation.
        case indent
        /// A decrease of indentation.
        case dedent
        /// The end of the input.
        case end
    }

    /// The kind and payload.
    var kind: Kind
    /// The bytes the token covers.
    var range: SourceRange

    /// Creates a token.
    init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// Whether this token is the operator or delimiter `text`.
    func isOp(_ text: String) -> Bool {
        if case .op(let value) = kind { return value == text }
        return false
    }

    /// Whether this token is the keyword (or name) `text`.
    func isName(_ text: String) -> Bool {
        if case .name(let value) = kind { return value == text }
        return false
    }
}

/// Python's reserved words; they cannot be used as names.
let pythonKeywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
]
