import Testing

@testable import Lang

/// A `Conv2d` layer run again and again under `no_grad` keeps its packed weights in the engine
/// (`ConvBlockedWeightCache`); the program writes the weights in place in every way a notebook
/// does and checks each time that the layer still convolves with their new values (against the
/// same convolution on a fresh copy of the weights, which nothing has seen before).
@Suite("Kept weight packings in the language: no stale weights after in-place writes")
struct ConvWeightCacheLangTests {
    @Test("no_grad evaluation after -=, item assignment, add_, copy_ and an SGD step")
    func writesAreSeen() {
        assertEvaluates(
            """
            import torch
            from torch import nn
            import torch.nn.functional as F
            torch.manual_seed(0)
            x = torch.randn(2, 16, 10, 12)
            net = nn.Conv2d(16, 32, kernel_size=3, padding=1)
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
            with torch.no_grad():
                net.weight -= 0.5
            print(same())
            with torch.no_grad():
                net.weight[0, 0, 0, 0] = 3.0
            print(same())
            with torch.no_grad():
                net.weight.add_(1.0)
            print(same())
            with torch.no_grad():
                net.weight.copy_(torch.randn(32, 16, 3, 3))
            print(same())
            loss = net(x).sum()
            loss.backward()
            trainer.step()
            print(same(), same())
            print(bool((fresh() - before).abs().max() > 1))
            """,
            prints: "True True\nTrue\nTrue\nTrue\nTrue\nTrue True\nTrue\n")
    }
}
