import Diagnostics

/// A recursive-descent parser for the language, producing statements with source ranges.
///
/// Grammar areas live in their own files (`Parser+Statements.swift`, `Parser+Expressions.swift`).
/// On an error the parser records a SyntaxError, skips to the next statement boundary and goes on,
/// so that all the errors of a cell are reported together. Nesting is limited
/// (``Parser/maximumDepth``) so deeply nested input is an error, never a stack overflow.
struct Parser {
    /// The deepest nesting of expressions and blocks accepted (CPython's limit for parentheses).
    /// Each level costs the parser about 15 KB of stack in a debug build, 3 MB in all: well inside the
    /// 8 MB of the threads that parse (the server's, the tests'), and the evaluator's 512 MB.
    static let maximumDepth = 200
    /// The most operators, calls, subscripts and attributes chained along one path of an expression
    /// (`a + b + …`, `x.f().g[0]…`). Chains are parsed in loops but make trees as deep as they are long,
    /// which the name walker, the evaluator and deallocation walk recursively.
    static let maximumChain = 2_000

    let source: Source
    var tokens: [Token]
    var index = 0
    var depth = 0
    /// Chain links open along the current path (see ``maximumChain``).
    var chain = 0
    /// Problems found so far, in source order.
    var errors: [LangError] = []

    /// Thrown to unwind out of the statement being parsed after an error was recorded.
    struct Failure: Error {}

    /// Parses a whole source into statements; `errors` lists every syntax error (lexer's first).
    static func parse(_ source: Source) -> (statements: [Stmt], errors: [LangError]) {
        var lexer = Lexer(source: source)
        let tokens = lexer.tokenize()
        var parser = Parser(source: source, tokens: tokens)
        let statements = parser.parseModule()
        var errors = lexer.errors
        // An unclosed bracket makes the parser fail at the end of input; that is the same error.
        let unclosed = lexer.errors.contains { $0.message.hasSuffix("was never closed") }
        for error in parser.errors where !errors.contains(where: { $0.range.start == error.range.start }) {
            if unclosed && error.range.end >= source.bytes.count - 1 { continue }
            errors.append(error)
        }
        errors.sort { $0.range.start < $1.range.start }
        return (statements, errors)
    }

    init(source: Source, tokens: [Token]) {
        self.source = source
        self.tokens = tokens
    }

    // MARK: Token access

    var current: Token { tokens[min(index, tokens.count - 1)] }
    var previous: Token { tokens[max(0, min(index - 1, tokens.count - 1))] }

    func peekToken(_ offset: Int = 1) -> Token { tokens[min(index + offset, tokens.count - 1)] }

    var atEnd: Bool { current.kind == .end }

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    func check(_ op: String) -> Bool { current.isOp(op) }
    func checkKeyword(_ word: String) -> Bool { current.isName(word) }

    mutating func match(_ op: String) -> Bool {
        if check(op) {
            advance()
            return true
        }
        return false
    }

    mutating func matchKeyword(_ word: String) -> Bool {
        if checkKeyword(word) {
            advance()
            return true
        }
        return false
    }

    @discardableResult
    mutating func expect(_ op: String, _ context: String? = nil) throws(Failure) -> Token {
        if check(op) { return advance() }
        if let context {
            throw fail(context, current.range)
        }
        throw fail(expectedMessage("'\(op)'"), current.range)
    }

    /// Expects a closing bracket; at the end of input the error points at the opening one.
    @discardableResult
    mutating func expectClosing(_ op: String, _ open: SourceRange) throws(Failure) -> Token {
        if check(op) { return advance() }
        if atEnd || current.kind == .newline {
            throw fail("'\(source.text(in: open))' was never closed", open)
        }
        throw fail(expectedMessage("'\(op)'"), current.range)
    }

    mutating func expectKeyword(_ word: String) throws(Failure) {
        if matchKeyword(word) { return }
        throw fail(expectedMessage("'\(word)'"), current.range)
    }

    mutating func expectName(_ what: String = "a name") throws(Failure) -> String {
        if case .name(let name) = current.kind, !pythonKeywords.contains(name) {
            advance()
            return name
        }
        throw fail(expectedMessage(what), current.range)
    }

    func expectedMessage(_ what: String) -> String {
        switch current.kind {
        case .end: "unexpected end of input, expected \(what)"
        case .newline: "expected \(what) before the end of the line"
        case .indent: "unexpected indent"
        default: "invalid syntax: expected \(what), found '\(source.text(in: current.range))'"
        }
    }

    /// Records a SyntaxError and returns the unwinding error.
    mutating func fail(_ message: String, _ range: SourceRange, name: ExceptionName = .syntaxError) -> Failure {
        let count = source.bytes.count
        var range = SourceRange(max(0, min(range.start, count)), min(range.end, count))
        if range.start == range.end && range.start > 0 && current.kind == .end {
            range = SourceRange(range.start - 1, range.start)
        }
        errors.append(LangError(name, message, source: source, range: range))
        return Failure()
    }

    /// Enters one nesting level; fails past ``maximumDepth``.
    mutating func enter(_ range: SourceRange) throws(Failure) {
        depth += 1
        if depth > Parser.maximumDepth {
            throw fail("too many nested parentheses or blocks (the limit is \(Parser.maximumDepth))", range)
        }
    }

    mutating func leave() { depth -= 1 }

    /// Adds one link to the chain being built at `range`; fails past ``maximumChain``. The caller gives
    /// its links back with `chain -= links` when its loop ends.
    mutating func link(_ range: SourceRange) throws(Failure) {
        chain += 1
        if chain > Parser.maximumChain {
            throw fail(
                "expression too long: more than \(Parser.maximumChain) operators, calls or subscripts chained "
                    + "(split it into several statements)", range)
        }
    }

    // MARK: Module and recovery

    mutating func parseModule() -> [Stmt] {
        var statements: [Stmt] = []
        while !atEnd {
            let before = index
            if current.kind == .newline || current.isOp(";") {
                advance()
                continue
            }
            if current.kind == .indent {
                _ = fail("unexpected indent", current.range, name: .indentationError)
                advance()
                continue
            }
            if current.kind == .dedent {
                advance()
                continue
            }
            do {
                statements += try parseStatement()
            } catch {
                depth = 0
                chain = 0
                synchronize()
            }
            if index == before { advance() }  // progress guarantee
        }
        return statements
    }

    /// Skips a whole indented block (the body of a header line that failed to parse).
    mutating func skipIndentedBlock() {
        guard current.kind == .indent else { return }
        var level = 0
        repeat {
            if current.kind == .indent { level += 1 }
            if current.kind == .dedent { level -= 1 }
            advance()
        } while level > 0 && !atEnd
    }

    /// Skips to the start of the next statement after an error.
    mutating func synchronize() {
        while !atEnd {
            if current.kind == .newline {
                advance()
                skipIndentedBlock()
                return
            }
            if current.kind == .dedent || current.kind == .indent {
                return
            }
            advance()
        }
    }
}
