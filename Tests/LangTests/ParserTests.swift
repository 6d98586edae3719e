import Testing

@testable import Lang

/// Parses `marked` after removing its `⏏` markers and checks that the syntax errors start exactly
/// at the marked offsets, in order.
func assertSyntaxErrors(
    _ marked: String, _ messages: [String], sourceLocation: SourceLocation = #_sourceLocation
) {
    var text = ""
    var expectedOffsets: [Int] = []
    for character in marked {
        if character == "⏏" {
            expectedOffsets.append(text.utf8.count)
        } else {
            text.append(character)
        }
    }
    let (_, errors) = Parser.parse(Source(name: "test", text: text))
    #expect(errors.map(\.range.start) == expectedOffsets, sourceLocation: sourceLocation)
    for (error, message) in zip(errors, messages) {
        #expect(error.message.contains(message), "\(error.message)", sourceLocation: sourceLocation)
    }
}

@Suite("Parser")
struct ParserTests {
    private func parse(_ text: String) -> [Stmt] {
        let (statements, errors) = Parser.parse(Source(name: "test", text: text))
        #expect(errors.isEmpty, "\(errors.map(\.description))")
        return statements
    }

    private func expression(_ text: String) -> Expr? {
        guard case .expression(let expression)? = parse(text).first?.kind else { return nil }
        return expression
    }

    @Test("precedence: * binds tighter than +, ** is right-associative and tighter than unary minus")
    func precedence() {
        guard case .binary(.add, _, let right)? = expression("1 + 2 * 3")?.kind else {
            Issue.record("expected +")
            return
        }
        guard case .binary(.multiply, _, _) = right.kind else {
            Issue.record("expected *")
            return
        }
        guard case .unary(.negate, let operand)? = expression("-2 ** 2")?.kind,
            case .binary(.power, _, _) = operand.kind
        else {
            Issue.record("-2 ** 2 must parse as -(2 ** 2)")
            return
        }
    }

    @Test("chained comparisons keep every operator")
    func chainedComparison() {
        guard case .compare(_, let rest)? = expression("a < b <= c != d")?.kind else {
            Issue.record("expected a comparison")
            return
        }
        #expect(rest.map(\.0) == [.less, .lessEqual, .notEqual])
    }

    @Test("subscripts with tuples of slices, Ellipsis and None")
    func subscripts() {
        guard case .subscript(_, let index)? = expression("X[:, 1:3, ::2]")?.kind,
            case .tuple(let items) = index.kind
        else {
            Issue.record("expected a tuple index")
            return
        }
        #expect(items.count == 3)
        guard case .slice(nil, nil, let step?) = items[2].kind, case .int(2) = step.kind else {
            Issue.record("expected ::2")
            return
        }
        #expect(parse("X[..., None]").count == 1)
    }

    @Test("statements: chained and tuple assignment, augmented slice assignment, imports")
    func statements() {
        let statements = parse(
            """
            a = b = 0
            c_i, h, w = X.shape
            w.data[:] -= lr * g
            import torch.nn.functional as F
            from d2l import torch as d2l
            """)
        #expect(statements.count == 5)
        guard case .assign(let targets, _) = statements[0].kind else {
            Issue.record("expected assignment")
            return
        }
        #expect(targets.count == 2)
        guard case .augmentedAssign(let target, .subtract, _) = statements[2].kind,
            case .subscript = target.kind
        else {
            Issue.record("expected augmented subscript assignment")
            return
        }
    }

    @Test("function definitions with defaults, *args, **kwargs and a docstring")
    func functionDefinition() {
        guard
            case .functionDefinition(let definition)? = parse(
                "def f(a, b=2, *args, c=3, **kw):\n    \"\"\"Doc.\"\"\"\n    return a\n"
            ).first?.kind
        else {
            Issue.record("expected def")
            return
        }
        #expect(definition.parameters.map(\.name) == ["a", "b", "args", "c", "kw"])
        #expect(definition.docstring == "Doc.")
    }

    @Test("f-string replacement fields parse with conversions and nested specs")
    func fstrings() {
        guard case .fstring(let parts)? = expression("f'{x!r} {l.sum():.3f} {v:>{w}}'")?.kind else {
            Issue.record("expected an f-string")
            return
        }
        #expect(parts.count == 5)
    }

    @Test("errors are reported at their positions, several per cell")
    func errorPositions() {
        assertSyntaxErrors("x = ⏏)\ny = 2\n", ["unmatched ')'"])
        assertSyntaxErrors("def f(⏏1):\n    pass\nz = 1 +⏏\n", ["expected a parameter name", "expected an expression"])
        assertSyntaxErrors("x = ⏏(1 +\n", ["'(' was never closed"])
        assertSyntaxErrors("⏏f() = 3\n", ["cannot assign to function call"])
        assertSyntaxErrors("if x:\n⏏pass\n", ["expected an indented block"])
        assertSyntaxErrors("a = 1\n⏏    b = 2\n", ["unexpected indent"])
    }

    @Test("deep nesting is a SyntaxError, not a stack overflow")
    func nestingLimit() {
        let deep = String(repeating: "(", count: 1000) + "1" + String(repeating: ")", count: 1000)
        let (_, errors) = Parser.parse(Source(name: "test", text: deep))
        #expect(errors.first?.message.contains("too many nested") == true)
        let ok = String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50)
        #expect(Parser.parse(Source(name: "test", text: ok)).errors.isEmpty)
    }

    /// Issue 16: each of these trapped (index out of range) and took the server down on every load.
    @Test(
        "an incomplete f-string is a SyntaxError that points into the source",
        arguments: [
            ("print(f'{\"", "unterminated string literal"), ("f\"\\{'", "unterminated string literal"),
            ("f\"{\"'\"", "f-string: expecting '}'"), ("f'{x!", "unterminated string literal"),
            ("f'{", "unterminated string literal"), ("f'''{\"\"\"", "unterminated triple-quoted string literal"),
        ])
    func incompleteFStrings(_ source: String, _ message: String) {
        let errors = Parser.parse(Source(name: "test", text: source)).errors
        #expect(errors.contains { $0.message == message }, "\(errors.map(\.message))")
        #expect(errors.allSatisfy { $0.range.start >= 0 && $0.range.end <= source.utf8.count })
    }

    @Test("a NUL character in code is named, not printed raw")
    func nulCharacter() {
        assertSyntaxErrors("x = 1⏏\u{0}\n", ["source code cannot contain null bytes"])
    }

    @Test("format specs nest replacement fields two deep, as in CPython")
    func formatSpecNesting() {
        #expect(Parser.parse(Source(name: "test", text: "f'{x:{w}.{p}}'")).errors.isEmpty)
        assertSyntaxErrors("f'{x:{y:⏏{z}}}'", ["f-string: expressions nested too deeply"])
        let deep = "f'{x:" + String(repeating: "{x:", count: 3000) + String(repeating: "}", count: 3001) + "'"
        let errors = Parser.parse(Source(name: "test", text: deep)).errors
        #expect(errors.first?.message.contains("nested too deeply") == true)
    }

    /// Comprehension iterables, subscripts and call arguments nest without passing through a whole
    /// expression; they overflowed the stack before every bracket counted.
    @Test(
        "every kind of bracket counts toward the nesting limit",
        arguments: ["[x for x in ", "f(", "x[", "{1: ", "{", "(lambda: ", "-", "not ", "2 ** ", "1 if c else "])
    func everyBracketNests(_ opener: String) {
        let deep = "x = " + String(repeating: opener, count: 3000) + "1"
        let errors = Parser.parse(Source(name: "test", text: deep)).errors
        #expect(errors.contains { $0.message.contains("too many nested") }, "\(errors.prefix(3).map(\.message))")
        let fine = "x = " + String(repeating: opener, count: 40) + "1"
        let fineErrors = Parser.parse(Source(name: "test", text: fine)).errors
        #expect(!fineErrors.contains { $0.message.contains("too many nested") })
    }

    @Test("chains of operators, calls and attributes are limited in length", arguments: ["a + ", "a.", "f()."])
    func chainLimit(_ link: String) {
        let long = "x = " + String(repeating: link, count: Parser.maximumChain + 10) + "b"
        let errors = Parser.parse(Source(name: "test", text: long)).errors
        #expect(errors.first?.message.hasPrefix("expression too long") == true, "\(errors.map(\.message))")
        let fine = "x = " + String(repeating: link, count: 1_000) + "b"
        #expect(Parser.parse(Source(name: "test", text: fine)).errors.isEmpty)
    }
}
