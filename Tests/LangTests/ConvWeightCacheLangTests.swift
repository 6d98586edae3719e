import Diagnostics
import Testing

@testable import Lang
@testable import Tensors

/// A `Conv2d` layer run again and again under `no_grad` keeps its packed weights in the engine
/// (`ConvBlockedWeightCache`); the program writes the weights in place in every way a notebook
/// does and checks each time that the layer still convolves with their new values (against the
/// same convolution on a fresh copy of the weights, which nothing has seen before).
@Suite("Kept weight packings in the language: no stale weights after in-place writes")
struct ConvWeightCacheLangTests {
    @Test("no_grad evaluation after -=, item assignment, add_, copy_ and an SGD step")
    func writesAreSeen() throws {
        let session = Session()
        // Each cell's output, then whether the engine keeps a packing of the weights' current buffer.
        var outputs: [String] = []
        var kept: [Bool] = []
        for cell in Self.cells {
            let outcome = session.run(cell)
            #expect(outcome.errors.isEmpty, "\(outcome.errors.map(ErrorFormatter.render))")
            outputs.append(outcome.stdout)
            guard case .tensor(let weight) = try session.interpreter.lookup("w"),
                case .float32(let values) = weight.tensor.storage
            else {
                Issue.record("w is not a float tensor")
                return
            }
            kept.append(ConvBlockedWeightCache.shared.holds(values))
        }
        #expect(outputs == ["True True\n", "True\n", "True\n", "True\n", "True\n", "True True\nTrue\n"])
        // Every cell's layer calls saw the weights' buffer at least twice, so its packing is kept:
        // the calls went through the cache (the SGD step's backward pass packs without keeping, then
        // the no_grad calls keep the new weights' packing).
        #expect(kept == [true, true, true, true, true, true])
    }

    /// The program, a cell per write; `w` is the layer's weight parameter (its box, which every
    /// write updates).
    static let cells = [
        """
        import torch
        from torch import nn
        import torch.nn.functional as F
        torch.manual_seed(0)
        x = torch.randn(2, 16, 10, 12)
        net = nn.Conv2d(16, 32, kernel_size=3, padding=1)
        w = net.weight
        trainer = torch.optim.SGD(net.parameters(), lr=0.5)
        def fresh():
            with torch.no_grad():
                return F.conv2d(x, net.weight.clone(), net.bias, padding=1)
        def same():
            with torch.no_grad():
                a = net(x)
                b = net(x)
            expected = fresh()
            return bool((a - expected).abs().max() < 1e-4) and bool((b - expected).abs().max() < 1e-4)
        print(same(), same())
        before = fresh()
        """,
        """
        with torch.no_grad():
            net.weight -= 0.5
        print(same())
        """,
        """
        with torch.no_grad():
            net.weight[0, 0, 0, 0] = 3.0
        print(same())
        """,
        """
        with torch.no_grad():
            net.weight.add_(1.0)
        print(same())
        """,
        """
        with torch.no_grad():
            net.weight.copy_(torch.randn(32, 16, 3, 3))
        print(same())
        """,
        """
        loss = net(x).sum()
        loss.backward()
        trainer.step()
        print(same(), same())
        print(bool((fresh() - before).abs().max() > 1))
        """,
    ]
}
