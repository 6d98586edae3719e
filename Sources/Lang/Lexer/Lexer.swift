import Diagnostics

/// Splits source text into tokens, following Python's lexical rules: INDENT/DEDENT from an
/// indentation stack, implicit line joining inside brackets, backslash continuation, comments,
/// numeric and string literals (including raw, triple-quoted and f-strings).
///
/// The lexer never stops at the first problem: it records a ``LangError`` and continues, so a
/// cell's syntax errors can all be reported at once.
struct Lexer {
    let source: Source
    let bytes: [UInt8]
    var position: Int
    let end: Int
    var tokens: [Token] = []
    /// Problems found so far (SyntaxError / IndentationError).
    private(set) var errors: [LangError] = []
    var indents: [Int] = [0]
    var bracketDepth = 0
    /// Open brackets with their offsets, to report unclosed and mismatched ones.
    var openBrackets: [(bracket: UInt8, offset: Int)] = []
    var atLineStart = true
    /// Whether INDENT/DEDENT/NEWLINE are produced (off for f-string replacement fields).
    let layout: Bool

    /// Creates a lexer for the whole source.
    init(source: Source) {
        self.init(source: source, range: SourceRange(0, source.bytes.count), layout: true)
    }

    /// Creates a lexer over part of a source (used for f-string expressions, without layout).
    init(source: Source, range: SourceRange, layout: Bool) {
        self.source = source
        self.bytes = source.bytes
        self.position = range.start
        self.end = min(range.end, source.bytes.count)
        self.layout = layout
        self.atLineStart = layout
    }

    /// Tokenizes the whole input; the result always ends with `.end`.
    mutating func tokenize() -> [Token] {
        while position < end {
            let before = position
            if atLineStart {
                lexIndentation()
                if position >= end { break }
                if atLineStart { continue }  // a blank or comment-only line
            }
            lexToken()
            if position == before && !atLineStart {
                // Progress guarantee: never loop on the same byte.
                error("invalid character", SourceRange(position, position + 1))
                position += 1
            }
        }
        if let unclosed = openBrackets.first {
            error(
                "'\(Character(Unicode.Scalar(unclosed.bracket)))' was never closed",
                SourceRange(unclosed.offset, unclosed.offset + 1))
        }
        if layout {
            if let last = tokens.last, last.kind != .newline, last.kind != .dedent, last.kind != .indent {
                tokens.append(Token(.newline, .at(end)))
            }
            while indents.count > 1 {
                indents.removeLast()
                tokens.append(Token(.dedent, .at(end)))
            }
        }
        tokens.append(Token(.end, .at(end)))
        return tokens
    }

    /// Records a problem; the range is clamped to the text lexed, so every error points into the source.
    mutating func error(_ message: String, _ range: SourceRange, name: ExceptionName = .syntaxError) {
        let start = max(0, min(range.start, end))
        errors.append(LangError(name, message, source: source, range: SourceRange(start, min(range.end, end))))
    }

    func peek(_ offset: Int = 0) -> UInt8 {
        position + offset < end ? bytes[position + offset] : 0
    }

    /// Measures indentation at the start of a line; blank and comment-only lines are skipped.
    mutating func lexIndentation() {
        let lineStart = position
        var column = 0
        var index = position
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") {
                column += 1
            } else if byte == UInt8(ascii: "\t") {
                column = (column / 8 + 1) * 8
            } else if byte == UInt8(ascii: "\u{0C}") {
                column = 0
            } else {
                break
            }
            index += 1
        }
        let next = index < end ? bytes[index] : 0
        if index >= end || next == UInt8(ascii: "\n") || next == UInt8(ascii: "#") || next == UInt8(ascii: "\r") {
            // Blank or comment-only line: no layout tokens.
            position = index
            skipComment()
            if position < end && bytes[position] == UInt8(ascii: "\r") { position += 1 }
            if position < end && bytes[position] == UInt8(ascii: "\n") { position += 1 }
            return
        }
        position = index
        atLineStart = false
        let current = indents[indents.count - 1]
        if column > current {
            indents.append(column)
            tokens.append(Token(.indent, SourceRange(lineStart, index)))
        } else if column < current {
            while indents.count > 1 && indents[indents.count - 1] > column {
                indents.removeLast()
                tokens.append(Token(.dedent, .at(index)))
            }
            if indents[indents.count - 1] != column {
                error(
                    "unindent does not match any outer indentation level", SourceRange(lineStart, index),
                    name: .indentationError)
            }
        }
    }

    mutating func skipComment() {
        if position < end && bytes[position] == UInt8(ascii: "#") {
            while position < end && bytes[position] != UInt8(ascii: "\n") { position += 1 }
        }
    }

    mutating func lexToken() {
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\u{0C}"):
            position += 1
        case UInt8(ascii: "#"):
            skipComment()
        case UInt8(ascii: "\n"):
            if bracketDepth == 0 && layout {
                if let last = tokens.last, last.kind != .newline, last.kind != .indent, last.kind != .dedent {
                    tokens.append(Token(.newline, SourceRange(position, position + 1)))
                }
                atLineStart = true
            }
            position += 1
        case UInt8(ascii: "\\"):
            if peek(1) == UInt8(ascii: "\n") {
                position += 2
            } else if peek(1) == UInt8(ascii: "\r") && peek(2) == UInt8(ascii: "\n") {
                position += 3
            } else {
                error("unexpected character after line continuation character", SourceRange(position, position + 1))
                position += 1
            }
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            lexNumber()
        case UInt8(ascii: "."):
            if isDigit(peek(1)) { lexNumber() } else { lexOperator() }
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            lexString(prefixStart: position, raw: false, formatted: false)
        default:
            if isIdentifierStart(byte) {
                lexNameOrPrefixedString()
            } else {
                lexOperator()
            }
        }
    }

    mutating func lexNameOrPrefixedString() {
        let start = position
        while position < end && isIdentifierContinue(bytes[position]) { position += 1 }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        let next = peek()
        if (next == UInt8(ascii: "\"") || next == UInt8(ascii: "'")) && text.count <= 2 {
            let lower = text.lowercased()
            if ["r", "f", "rf", "fr", "b", "rb", "br", "u"].contains(lower) {
                lexString(prefixStart: start, raw: lower.contains("r"), formatted: lower.contains("f"))
                return
            }
        }
        tokens.append(Token(.name(text), SourceRange(start, position)))
    }

    static let operators: [String] = [
        "**=", "//=", ">>=", "<<=", "...", "->", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=", "-=", "*=",
        "/=", "%=", "@=", "&=", "|=", "^=", ":=", "+", "-", "*", "/", "%", "@", "<", ">", "=", ".", ",", ":", ";",
        "(", ")", "[", "]", "{", "}", "&", "|", "^", "~",
    ]

    /// ``operators`` as bytes, longest first (as listed), so the longest operator at a position wins.
    static let operatorBytes: [(text: String, bytes: [UInt8])] = operators.map { ($0, Array($0.utf8)) }

    mutating func lexOperator() {
        let start = position
        let first = bytes[start]
        for (candidate, utf8) in Lexer.operatorBytes where utf8[0] == first {
            guard start + utf8.count <= end else { continue }
            var matches = true
            for offset in 1..<utf8.count where bytes[start + offset] != utf8[offset] {
                matches = false
                break
            }
            if matches {
                position += utf8.count
                switch candidate {
                case "(", "[", "{":
                    bracketDepth += 1
                    openBrackets.append((bytes[start], start))
                case ")", "]", "}":
                    bracketDepth = max(0, bracketDepth - 1)
                    if let open = openBrackets.popLast() {
                        let expected: UInt8 =
                            open.bracket == UInt8(ascii: "(")
                            ? UInt8(ascii: ")")
                            : open.bracket == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
                        if expected != bytes[start] {
                            error(
                                "closing parenthesis '\(candidate)' does not match opening parenthesis "
                                    + "'\(Character(Unicode.Scalar(open.bracket)))'", SourceRange(start, start + 1))
                        }
                    }
                default: break
                }
                tokens.append(Token(.op(candidate), SourceRange(start, position)))
                return
            }
        }
        if first == 0 {
            error("source code cannot contain null bytes", SourceRange(start, start + 1))
            position = start + 1
            return
        }
        var length = 1
        while start + length < end && bytes[start + length] & 0xC0 == 0x80 { length += 1 }
        let character = String(decoding: bytes[start..<start + length], as: UTF8.self)
        error("invalid character '\(character)'", SourceRange(start, start + length))
        position = start + length
    }
}

func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

func isIdentifierStart(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        || byte == UInt8(ascii: "_") || byte >= 0xC0
}

func isIdentifierContinue(_ byte: UInt8) -> Bool {
    isIdentifierStart(byte) || isDigit(byte) || (byte >= 0x80)
}
