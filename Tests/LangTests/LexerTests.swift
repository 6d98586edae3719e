import Testing

@testable import Lang

@Suite("Lexer")
struct LexerTests {
    private func kinds(_ text: String) -> [Token.Kind] {
        var lexer = Lexer(source: Source(name: "test", text: text))
        return lexer.tokenize().map(\.kind)
    }

    private func errors(_ text: String) -> [String] {
        var lexer = Lexer(source: Source(name: "test", text: text))
        _ = lexer.tokenize()
        return lexer.errors.map(\.message)
    }

    @Test("numbers: ints, underscores, floats with exponents and leading dots, hex")
    func numbers() {
        #expect(
            kinds("1_000 3e-2 .5 2. 0x1F 7") == [
                .int(1000), .float(0.03), .float(0.5), .float(2), .int(31), .int(7), .newline, .end,
            ])
    }

    @Test("an integer literal beyond 64 bits is an error, not a trap")
    func hugeInteger() {
        #expect(errors("99999999999999999999999").first?.contains("too large") == true)
    }

    @Test("strings: quotes, escapes, raw strings, triple quotes, adjacent literals stay separate tokens")
    func strings() {
        #expect(
            kinds(#"'a\tb' "c\"d" r'\n' '''x'''"#).prefix(4) == [
                .string("a\tb"), .string("c\"d"), .string("\\n"), .string("x"),
            ])
        #expect(kinds("'''line1\nline2'''").first == .string("line1\nline2"))
    }

    @Test("indentation produces INDENT and DEDENT; blank and comment lines do not")
    func indentation() {
        let text = "if x:\n    y\n\n    # comment\n    z\nw\n"
        #expect(
            kinds(text) == [
                .name("if"), .name("x"), .op(":"), .newline, .indent, .name("y"), .newline, .name("z"), .newline,
                .dedent, .name("w"), .newline, .end,
            ])
    }

    @Test("newlines inside brackets and after a backslash join lines")
    func lineJoining() {
        #expect(kinds("f(1,\n  2)\n") == [.name("f"), .op("("), .int(1), .op(","), .int(2), .op(")"), .newline, .end])
        #expect(kinds("x = 1 + \\\n  2\n") == [.name("x"), .op("="), .int(1), .op("+"), .int(2), .newline, .end])
    }

    @Test("multi-character operators are recognised greedily")
    func operators() {
        #expect(
            kinds("a **= b // c @ d != e") == [
                .name("a"), .op("**="), .name("b"), .op("//"), .name("c"), .op("@"), .name("d"), .op("!="), .name("e"),
                .newline, .end,
            ])
    }

    @Test("bad indentation, unterminated strings and unclosed brackets are reported")
    func lexicalErrors() {
        #expect(errors("if x:\n        a\n    b\n").contains("unindent does not match any outer indentation level"))
        #expect(errors("s = 'abc\n").contains("unterminated string literal"))
        #expect(errors("x = (1,\n").contains("'(' was never closed"))
        #expect(errors("x = (1]").first?.hasPrefix("closing parenthesis ']'") == true)
    }

    @Test("an f-string keeps its body range for the parser")
    func fstring() {
        let text = "f'{x:.3f}'"
        guard case .fstring(let body, _) = kinds(text).first else {
            Issue.record("expected an f-string token")
            return
        }
        #expect(Source(name: "t", text: text).text(in: body) == "{x:.3f}")
    }
}
