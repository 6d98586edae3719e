import Testing

@testable import Lang

/// Builtins called with one positional argument take a path of their own (no argument list is
/// built); they must behave exactly as PyTorch and d2l do, as the general call does. The expected
/// text is what PyTorch 2 prints for the same code (checked with CPython + torch).
@Suite("One-argument builtin calls")
struct OneArgumentCallTests {
    @Test("reductions of a tensor print what PyTorch prints")
    func reductions() {
        assertEvaluates(
            """
            import torch
            from d2l import torch as d2l
            X = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
            print(torch.sum(X), d2l.reduce_sum(X), d2l.reduce_mean(X), torch.mean(X))
            print(d2l.reduce_sum(X[0:1, 0:2] * X[1:2, 0:2]), torch.sum(X, 0), torch.abs(torch.tensor([-1.5, 2.0])))
            """,
            prints: "tensor(10.) tensor(10.) tensor(2.5000) tensor(2.5000)\n"
                + "tensor(11.) tensor([4., 6.]) tensor([1.5000, 2.0000])\n")
    }

    @Test("a reduction of a tensor that requires grad is recorded")
    func recorded() {
        assertEvaluates(
            """
            import torch
            from d2l import torch as d2l
            w = torch.ones(2, requires_grad=True)
            s = d2l.reduce_sum(w * 2)
            s.backward()
            print(s, w.grad)
            """,
            prints: "tensor(4., grad_fn=<SumBackward0>) tensor([2., 2.])\n")
    }

    @Test("errors name the argument and point at it")
    func errors() {
        assertRaises("import torch\ntorch.sum('a')", "TypeError", "must be Tensor, not str")
        assertRaises("import torch\ntorch.sum(missing)", "NameError", "name 'missing' is not defined", at: "missing")
    }

    @Test("a module attribute called in a loop follows a later assignment to it, as Python's lookup does")
    func reassignedModuleAttribute() {
        assertEvaluates(
            """
            import torch
            from d2l import torch as d2l
            X = torch.ones(2)
            results = []
            for k in range(4):
                results.append(d2l.reduce_sum(X))
                results.append(torch.sum(X))
                if k == 1:
                    d2l.reduce_sum = lambda t: 'replaced'
            print(results)
            """,
            prints: "[tensor(2.), tensor(2.), tensor(2.), tensor(2.), 'replaced', tensor(2.), 'replaced', tensor(2.)]\n"
        )
    }

    @Test("a loop reads locals before globals of the same name, as Python does")
    func localsFirst() {
        assertEvaluates(
            """
            i = 'global'
            def f():
                seen = []
                for i in range(3):
                    seen.append(i)
                return seen, i
            print(f(), i)
            """,
            prints: "([0, 1, 2], 2) global\n")
    }
}
