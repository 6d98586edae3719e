import Testing

@testable import Lang

/// `nn.Sequential` runs `nn.Sigmoid()` followed by `nn.AvgPool2d` in one pass of the engine. Nothing of
/// that may show: the results, gradients and `grad_fn`s are those of the layers called one by one, and
/// errors name the layer that raised them.
@Suite("Sigmoid and average pooling in a Sequential")
struct SigmoidPoolingLayerTests {
    @Test("the book's LeNet gives the layer-by-layer values and gradients, bit for bit")
    func sameAsLayerByLayer() {
        assertEvaluates(
            """
            import torch
            from torch import nn
            torch.manual_seed(0)
            net = nn.Sequential(
                nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
                nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
                nn.Flatten(), nn.Linear(16 * 5 * 5, 10))
            X = torch.randn(3, 1, 28, 28) * 3
            out = net(X)
            out.sum().backward()
            grads = [p.grad.clone() for p in net.parameters()]
            net.zero_grad()
            h = X
            for i in range(len(net)):
                h = net[i](h)
            h.sum().backward()
            print(torch.equal(out, h), all(torch.equal(a, p.grad) for a, p in zip(grads, net.parameters())))
            first = net[:3](X)
            print(first.grad_fn.name(), first.grad_fn.next_functions[0][0].name())
            """,
            prints: "True True\nAvgPool2DBackward0 SigmoidBackward0\n")
    }

    @Test("an input too small for the pooling names the pooling layer, as without the fusion")
    func errorNamesThePooling() {
        let session = Session()
        let result = session.run(
            """
            import torch
            from torch import nn
            net = nn.Sequential(nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2))
            net(torch.zeros(1, 1, 1, 1))
            """)
        let message = result.error?.message ?? "no error"
        #expect(message.contains("in layer 1 of the Sequential, AvgPool2d(kernel_size=2"), "\(message)")
        let flat = session.run("net(torch.zeros(4, 4))")
        let flatMessage = flat.error?.message ?? "no error"
        #expect(flatMessage.contains("3-D (c_i, h, w) or 4-D"), "\(flatMessage)")
        #expect(flatMessage.contains("in layer 1 of the Sequential"), "\(flatMessage)")
        // The session goes on.
        #expect(session.run("1 + 1").result == "2")
    }
}
