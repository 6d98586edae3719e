import Testing

@testable import Lang

/// A temporary tensor that no one else holds may take an operation's result in its own box and
/// buffer (`X[i:i + h, j:j + w] * K`, `d2l.reduce_sum(…)` of it). That must never show: named
/// tensors, `.data`/`detach()` views and tensors saved for backward keep their values, and every
/// result is what PyTorch computes. The expected values are worked out by hand from the inputs (the loop's sums with NumPy).
@Suite("Reuse of temporary tensors")
struct TemporaryReuseTests {
    @Test("a named operand keeps its values, whichever side it is on")
    func namedOperands() {
        assertEvaluates(
            """
            import torch
            X = torch.arange(6, dtype=torch.float32).reshape((2, 3))
            K = torch.ones((2, 3))
            a = X[0:2, 0:3]
            b = a * K
            c = K - a
            d = a - a
            print(a.tolist(), b.tolist(), c.tolist(), d.tolist(), X.tolist(), K.tolist())
            """,
            prints: "[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]] [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]] "
                + "[[1.0, 0.0, -1.0], [-2.0, -3.0, -4.0]] [[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]] "
                + "[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]] [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]]\n")
    }

    @Test("temporaries on either side give the operator's result, in operand order")
    func temporaryOperands() {
        assertEvaluates(
            """
            import torch
            X = torch.arange(6, dtype=torch.float32).reshape((2, 3))
            K = torch.ones((2, 3))
            six = K[0:1, 0:3] * 6
            print((X[0:2, 0:3] - K).tolist(), (K - X[0:2, 0:3]).tolist())
            print((six / (X[0:1, 0:3] + 1)).tolist(), ((X[0:1, 0:3] + 1) / six).tolist())
            print((X[0:2, 0:3] * K + K * X[0:2, 0:3]).tolist(), six.tolist(), X.tolist())
            """,
            prints: "[[-1.0, 0.0, 1.0], [2.0, 3.0, 4.0]] [[1.0, 0.0, -1.0], [-2.0, -3.0, -4.0]]\n"
                + "[[6.0, 3.0, 2.0]] [[0.1666666716337204, 0.3333333432674408, 0.5]]\n"
                + "[[0.0, 2.0, 4.0], [6.0, 8.0, 10.0]] [[6.0, 6.0, 6.0]] [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]\n")
    }

    @Test("broadcasting, integer and mixed-type temporaries give PyTorch's shapes and types")
    func otherOperands() {
        assertEvaluates(
            """
            import torch
            from d2l import torch as d2l
            X = torch.arange(6, dtype=torch.float32).reshape((2, 3))
            print(X[0:2, 0:3] * torch.ones(3), torch.ones(3) * X[0:2, 0:3])
            print(torch.arange(3) * torch.ones(3), torch.ones(3) * torch.arange(3), torch.arange(3) * torch.arange(3))
            print(d2l.reduce_sum(torch.arange(4) * torch.arange(4)), d2l.reduce_sum(torch.zeros(0) * torch.zeros(0)))
            """,
            prints: "tensor([[0., 1., 2.],\n        [3., 4., 5.]]) tensor([[0., 1., 2.],\n        [3., 4., 5.]])\n"
                + "tensor([0., 1., 2.]) tensor([0., 1., 2.]) tensor([0, 1, 4])\n"
                + "tensor(14) tensor(0.)\n")
    }

    @Test("a view made by .data or detach() (of a view) never takes a result, and writes reach its base")
    func views() {
        assertEvaluates(
            """
            import torch
            from d2l import torch as d2l
            w = torch.ones(3, requires_grad=True)
            r = w.data * torch.full((3,), 2.0)
            q = torch.full((3,), 5.0) - w.detach()
            s = d2l.reduce_sum(w.data)
            print(r, q, s)
            print(w)
            v = w.data.detach().data
            v[0] = 5.0
            print(w, d2l.reduce_sum(w.detach().data) * torch.ones(1))
            """,
            prints: "tensor([2., 2., 2.]) tensor([4., 4., 4.]) tensor(3.)\n"
                + "tensor([1., 1., 1.], requires_grad=True)\n"
                + "tensor([5., 1., 1.], requires_grad=True) tensor([7.])\n")
    }

    @Test("a tensor saved for backward keeps its values when its box is reused")
    func savedForBackward() {
        assertEvaluates(
            """
            import torch
            w = torch.ones(3, requires_grad=True)
            saved = []
            def f(t):
                saved.append(w * t)
                return t
            z = f(torch.arange(3, dtype=torch.float32) + torch.ones(3)) * torch.full((3,), 10.0)
            saved[0].sum().backward()
            print(z, w.grad)
            """,
            prints: "tensor([10., 20., 30.]) tensor([1., 2., 3.])\n")
    }

    @Test("the sum of a temporary is a new 0-d tensor, and the book's loop matches a plain sum")
    func sums() {
        assertEvaluates(
            """
            import torch
            from d2l import torch as d2l
            X = torch.arange(16, dtype=torch.float32).reshape((4, 4))
            K = torch.tensor([[1.0, -1.0], [2.0, 0.5]])
            Y = torch.zeros((3, 3))
            for i in range(3):
                for j in range(3):
                    Y[i, j] = d2l.reduce_sum(X[i:i + 2, j:j + 2] * K)
            s = d2l.reduce_sum(X[0:2, 0:2] * K)
            print(s, s.shape, Y.tolist(), X[0, 0:2].tolist())
            """,
            prints: "tensor(9.5000) torch.Size([]) "
                + "[[9.5, 12.0, 14.5], [19.5, 22.0, 24.5], [29.5, 32.0, 34.5]] [0.0, 1.0]\n")
    }

    @Test("a value an assignment leaves unreferenced becomes the spare box; a value still named never does")
    func spareBox() {
        assertEvaluates(
            """
            import torch
            from d2l import torch as d2l
            X = torch.arange(16, dtype=torch.float32).reshape((4, 4))
            K = torch.ones((2, 2))
            Y = torch.zeros((2, 2))
            Y[0, 0] = d2l.reduce_sum(X[0:2, 0:2] * K)
            a = X[0:2, 0:2]
            b = X[2:4, 2:4]
            t = X[0:2, 1:3] * K
            u = X[1:3, 0:2]
            c = d = X[0:2, 0:2] * K
            e = X[2:4, 0:2]
            print(a.tolist(), b.tolist(), t.tolist(), u.tolist(), c is d, d.tolist(), e.tolist(), Y.tolist())
            """,
            prints: "[[0.0, 1.0], [4.0, 5.0]] [[10.0, 11.0], [14.0, 15.0]] [[1.0, 2.0], [5.0, 6.0]] "
                + "[[4.0, 5.0], [8.0, 9.0]] True [[0.0, 1.0], [4.0, 5.0]] [[8.0, 9.0], [12.0, 13.0]] "
                + "[[10.0, 0.0], [0.0, 0.0]]\n")
    }
}
