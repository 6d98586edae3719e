import Testing

@testable import Lang

@Suite("Parser: classes and decorators")
struct ClassParserTests {
    private func parse(_ text: String) -> [Stmt] {
        let (statements, errors) = Parser.parse(Source(name: "test", text: text))
        #expect(errors.isEmpty, "\(errors.map(\.description))")
        return statements
    }

    @Test("a class statement keeps its name, bases, body and docstring")
    func classStatement() throws {
        let text = """
            class Conv2D(nn.Module):
                \"\"\"A layer.\"\"\"
                scale = 2

                def forward(self, x):
                    return x
            """
        let statements = parse(text)
        guard case .classDefinition(let definition)? = statements.first?.kind else {
            Issue.record("expected a class definition")
            return
        }
        #expect(definition.name == "Conv2D")
        #expect(definition.docstring == "A layer.")
        #expect(definition.body.count == 3)
        guard case .attribute(let module, "Module")? = definition.bases.first?.kind,
            case .name("nn") = module.kind
        else {
            Issue.record("expected the base nn.Module")
            return
        }
        #expect(Source(name: "test", text: text).text(in: definition.range) == "class Conv2D(nn.Module)")
    }

    @Test("bases are optional: class A:, class A():, class A(object,)")
    func bases() {
        for (text, count) in [
            ("class A:\n    pass\n", 0), ("class A():\n    pass\n", 0), ("class A(object,):\n    pass\n", 1),
        ] {
            guard case .classDefinition(let definition)? = parse(text).first?.kind else {
                Issue.record("expected a class in \(text)")
                continue
            }
            #expect(definition.bases.count == count)
        }
    }

    @Test("decorators stack over a def or a class, outermost first")
    func decorators() {
        let statements = parse("@a\n@b.c(1)\ndef f(self):\n    pass\n@d\nclass K:\n    pass\n")
        #expect(statements.count == 2)
        guard case .decorated(let decorators, let inner)? = statements.first?.kind,
            case .functionDefinition(let function) = inner.kind
        else {
            Issue.record("expected a decorated def")
            return
        }
        #expect(decorators.count == 2)
        #expect(function.name == "f")
        guard case .name("a") = decorators[0].kind, case .call = decorators[1].kind else {
            Issue.record("decorators out of order")
            return
        }
        guard case .decorated(_, let second)? = statements.last?.kind, case .classDefinition = second.kind else {
            Issue.record("expected a decorated class")
            return
        }
    }

    @Test("class syntax errors point at the offending token, and parsing goes on")
    func errors() {
        assertSyntaxErrors("class ⏏(A):\n    pass\n", ["expected a class name"])
        assertSyntaxErrors("class A(⏏metaclass=M):\n    pass\n", ["class keyword arguments"])
        assertSyntaxErrors("class A⏏\n    pass\nx = 1 +⏏\n", ["expected ':'", "expected an expression"])
        assertSyntaxErrors("class A:\n⏏x = 1\n", ["expected an indented block"])
        assertSyntaxErrors("class A(B ⏏C):\n    pass\n", ["expected ')'"])
        assertSyntaxErrors("class A(⏏*bases):\n    pass\n", ["unpacking"])
        assertSyntaxErrors("@property\n⏏x = 1\n", ["'def' or 'class' after a decorator"])
        assertSyntaxErrors("@property ⏏x\ndef f(): pass\n", ["the end of the decorator line"])
    }
}
