import Testing

@testable import Lang

/// Checks `NameAnalysis` against hand-worked expectations from Python's scoping rules.
@Suite struct NameAnalysisTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var source: String
        var defines: Set<String>
        var uses: Set<String>
        var testDescription: String { source.replacingOccurrences(of: "\n", with: "⏎") }
    }

    static let cases: [Case] = [
        Case(source: "Y = X + 1\nZ = Y * 2", defines: ["Y", "Z"], uses: ["X"]),
        Case(source: "x = x + 1", defines: ["x"], uses: ["x"]),
        Case(source: "x = 1\nx += 1", defines: ["x"], uses: []),
        Case(source: "total += step", defines: ["total"], uses: ["total", "step"]),
        Case(source: "a, (b, *c) = pairs", defines: ["a", "b", "c"], uses: ["pairs"]),
        Case(source: "K[0, 1] = v", defines: [], uses: ["K", "v"]),
        Case(source: "net.weight = w", defines: [], uses: ["net", "w"]),
        Case(source: "for i in range(n):\n    s = s + i", defines: ["i", "s"], uses: ["range", "n", "s"]),
        Case(
            source: "import torch\nfrom torch import nn as tnn\nimport d2l.torch as d2l",
            defines: ["torch", "tnn", "d2l"], uses: []),
        Case(source: "import torch.nn.functional", defines: ["torch"], uses: []),
        Case(
            source: "def corr2d(X, K):\n    h = K.shape[0]\n    return X[0:h] * scale\nY = corr2d(A, B)",
            defines: ["corr2d", "Y"], uses: ["A", "B", "scale"]),
        Case(
            source: "def f():\n    return g()\ndef g():\n    return 1", defines: ["f", "g"], uses: []),
        Case(source: "def f(a=default):\n    pass", defines: ["f"], uses: ["default"]),
        // The function reads the global before any call assigns it.
        Case(
            source: "def bump():\n    global count\n    count = count + 1", defines: ["bump", "count"], uses: ["count"]),
        Case(source: "squares = [i * i for i in items if i > lo]", defines: ["squares"], uses: ["items", "lo"]),
        Case(source: "d = {k: v for k, v in pairs}", defines: ["d"], uses: ["pairs"]),
        Case(source: "f = lambda x: x * factor", defines: ["f"], uses: ["factor"]),
        Case(source: "print(f\"{value:>{width}}\")", defines: [], uses: ["print", "value", "width"]),
        Case(source: "with open(p) as fh:\n    data = fh", defines: ["fh", "data"], uses: ["open", "p"]),
        Case(
            source: "try:\n    r = risky()\nexcept ValueError as e:\n    msg = e", defines: ["r", "e", "msg"],
            uses: ["risky", "ValueError"]),
        Case(source: "if flag:\n    a = 1\nelse:\n    b = a", defines: ["a", "b"], uses: ["flag"]),
        Case(source: "del X", defines: [], uses: ["X"]),
        // A class binds its name; its body and methods read what they do not bind themselves.
        Case(
            source:
                "class Conv2D(nn.Module):\n    scale = 2\n    def forward(self, x):\n        return corr2d(x, self.w) * scale\nnet = Conv2D()",
            defines: ["Conv2D", "net"], uses: ["nn", "corr2d", "scale"]),
        Case(
            source:
                "class A:\n    pass\nclass B(A):\n    def f(self):\n        return helper()\ndef helper():\n    return k",
            defines: ["A", "B", "helper"], uses: ["k"]),
        Case(
            source: "@decorate\ndef f():\n    return y", defines: ["f"], uses: ["decorate", "y"]),
        Case(source: "", defines: [], uses: []),
        Case(source: "# only a comment", defines: [], uses: []),
    ]

    @Test(arguments: cases)
    func definesAndUses(_ example: Case) {
        let result = NameAnalysis.analyze(example.source)
        #expect(result.defines == example.defines)
        #expect(result.uses == example.uses)
    }

    /// A cell with a syntax error cannot run, so it binds and reads nothing: no stale marks come from it.
    @Test(arguments: ["A = B\nC = (", "A = B\nprint(f'{\"", "A = B\n  C = D"])
    func codeThatDoesNotParseDefinesAndUsesNothing(_ source: String) {
        let result = NameAnalysis.analyze(source)
        #expect(!result.parses)
        #expect(result.defines.isEmpty)
        #expect(result.uses.isEmpty)
        #expect(NameAnalysis.analyze("A = B").parses)
    }

    /// Re-running an import binds the same module, so imports are not values a run replaces.
    @Test func importsAreNotRebinds() {
        let cell = NameAnalysis.analyze("import torch\nfrom torch import nn\nfrom d2l import torch as d2l\nK = 1")
        #expect(cell.defines == ["torch", "nn", "d2l", "K"])
        #expect(cell.imports == ["torch", "nn", "d2l"])
        #expect(cell.rebinds == ["K"])
        // A name the cell also assigns is a value it replaces.
        #expect(NameAnalysis.analyze("import numpy as np\nnp = 3").rebinds == ["np"])
        #expect(NameAnalysis.analyze("np = 3\nimport numpy as np").rebinds == ["np"])
    }

    @Test func deeplyNestedExpressionsDoNotCrash() {
        let source = "x = " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        _ = NameAnalysis.analyze(source)
    }
}
