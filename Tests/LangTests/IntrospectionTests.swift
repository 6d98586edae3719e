import Lang
import Testing

@Suite("Introspection: completion, inspection, input completeness")
struct IntrospectionTests {
    @Test(
        "complete input",
        arguments: [
            "1", "print('hello, world')", "def f(x):\n  return x*2\n\n\n", "x = [1,\n 2]", "", "# just a comment",
        ])
    func complete(code: String) {
        #expect(InputCompleteness.of(code) == .complete)
    }

    @Test(
        "incomplete input and the indent of the next line",
        arguments: [
            ("print('''hello", ""), ("def f(x):\n  x*2", "  "), ("for i in range(3):", "    "), ("x = (1,", ""),
            ("if x:\n    y = 1\n", "    "), ("f(g([1, 2],", ""), ("d = {'a': [1,  # note", ""), ("f(1, \\", ""),
        ])
    func incomplete(code: String, indent: String) {
        #expect(InputCompleteness.of(code) == .incomplete(indent: indent))
    }

    @Test("invalid input", arguments: ["import = 7q", "x = )", "1 +* 2", "print(\"x)", "f(1 2", "[1 2", "g(a, b c"])
    func invalid(code: String) {
        #expect(InputCompleteness.of(code) == .invalid)
    }

    @Test("inside a call, its keyword arguments complete as `name=`")
    func completesKeywordArguments() throws {
        let session = Session()
        _ = session.run("import torch\ndef scale(x, factor=2, *, offset=0):\n    return x * factor + offset")
        let zeros = try #require(session.completions(in: "torch.zeros(2, d", cursor: 16))
        #expect(zeros.matches.contains("dtype=") && zeros.matches.contains("divmod"))
        #expect(zeros.cursorStart == 15)
        let own = try #require(session.completions(in: "scale(1, ", cursor: 9))
        #expect(["x=", "factor=", "offset="].allSatisfy(own.matches.contains))
        let outside = try #require(session.completions(in: "y = d", cursor: 5))
        #expect(!outside.matches.contains("dtype="))
    }

    @Test("names complete from the session, the builtins and the keywords")
    func completesNames() throws {
        let session = Session()
        _ = session.run("weights = 1\nwidth = 2")
        let found = try #require(session.completions(in: "x = wi", cursor: 6))
        #expect(found.matches == ["width", "with"])
        #expect(found.cursorStart == 4 && found.cursorEnd == 6)
        #expect(session.completions(in: "zi", cursor: 2)?.matches == ["zip"])
        #expect(session.completions(in: "whi", cursor: 3)?.matches == ["while"])
    }

    @Test("attributes complete after a dot: tensors, modules, and modules the code imports")
    func completesAttributes() throws {
        let session = Session()
        _ = session.run("import torch\nX = torch.ones(2, 3)")
        #expect(session.completions(in: "X.sha", cursor: 5)?.matches == ["shape"])
        #expect(session.completions(in: "torch.zer", cursor: 9)?.matches == ["zeros", "zeros_like"])
        let nn = try #require(session.completions(in: "from torch import nn\nnn.Con", cursor: 26))
        #expect(nn.matches.contains("Conv2d"))
        let fresh = Session()
        #expect(fresh.completions(in: "import torch.nn as nn\nnn.Line", cursor: 29)?.matches == ["Linear"])
    }

    @Test("user classes offer their methods and attributes, without running their code")
    func completesInstances() {
        let session = Session()
        _ = session.run(
            """
            class Net:
                def __init__(self):
                    self.scale = 2
                @property
                def secret(self):
                    while True: pass
                def forward(self, x):
                    return x
            net = Net()
            """)
        #expect(session.completions(in: "net.", cursor: 4)?.matches == ["forward", "scale", "secret"])
    }

    @Test("inspecting a tensor tells its shape and dtype")
    func inspectsTensor() throws {
        let session = Session()
        _ = session.run("import torch\nX = torch.ones(2, 3)")
        let inspection = try #require(session.inspection(of: "X.sum()", cursor: 1))
        #expect(inspection.text.contains("Shape: torch.Size([2, 3])"))
        #expect(inspection.text.contains("Dtype: torch.float32"))
    }

    @Test("inspecting a function shows its signature and docstring; a builtin its documentation")
    func inspectsFunctions() throws {
        let session = Session()
        _ = session.run("def corr(X, K, *, pad=0):\n    '''Cross-correlation.'''\n    return X\nimport torch")
        let user = try #require(session.inspection(of: "corr(", cursor: 5))
        #expect(user.text.contains("Signature: corr(X, K, *, pad=0)"))
        #expect(user.text.contains("Cross-correlation."))
        let zeros = try #require(session.inspection(of: "torch.zeros", cursor: 8))
        #expect(zeros.text.contains("torch.zeros(*size"))
        #expect(session.inspection(of: "undefined_name", cursor: 3) == nil)
    }
}
