import Testing

@testable import Lang

/// The layers of the LeNet and modern-CNN chapters as programs use them: modes, buffers,
/// functional forms, and errors that name the layer. (Numbers against PyTorch are in
/// `LayerModuleTests`.)
@Suite("nn layers: modes, functional forms and errors")
struct LayerBehaviourTests {
    @Test("BatchNorm: buffers, train/eval, parameters registered, lazy features learned")
    func batchNormModes() {
        assertEvaluates(
            """
            import torch
            from torch import nn
            bn = nn.BatchNorm2d(2)
            print(bn.running_mean, bn.running_var, bn.num_batches_tracked, bn.training)
            X = torch.arange(16.).reshape(2, 2, 2, 2)
            Y = bn(X)
            print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
            print(Y.mean(dim=(0, 2, 3)).abs().max() < 1e-6, type(Y.grad_fn).__name__)
            bn.eval()
            Z = bn(X)
            print(bn.num_batches_tracked, bn.training, Z.shape)
            print([name for name, p in bn.named_parameters()], bn.num_features, bn.eps, bn.momentum)
            net = nn.Sequential(nn.LazyConv2d(6, kernel_size=5), nn.LazyBatchNorm2d(), nn.Sigmoid())
            print(net(torch.ones(2, 1, 8, 8)).shape, net[1].running_mean.shape, net[1].weight.shape)
            print(len(list(net.parameters())))
            """,
            prints: """
                tensor([0., 0.]) tensor([1., 1.]) tensor(0) True
                tensor([0.5500, 0.9500]) tensor([2.8714, 2.8714]) tensor(1)
                tensor(True) NativeBatchNormBackward0
                tensor(1) False torch.Size([2, 2, 2, 2])
                ['weight', 'bias'] 2 1e-05 0.1
                torch.Size([2, 6, 4, 4]) torch.Size([6]) torch.Size([6])
                4

                """)
    }

    @Test("BatchNorm in eval mode normalizes with the running statistics, without updating them")
    func batchNormEvaluation() {
        assertEvaluates(
            """
            import torch
            from torch import nn
            bn = nn.BatchNorm1d(2)
            bn.running_mean.data = torch.tensor([1., 2.])
            bn.running_var.data = torch.tensor([4., 9.])
            bn.eval()
            print(bn(torch.tensor([[3., 8.], [1., 2.]])), bn.num_batches_tracked)
            """,
            prints:
                "tensor([[1.0000, 2.0000],\n        [0.0000, 0.0000]], grad_fn=<NativeBatchNormBackward0>) tensor(0)\n")
    }

    @Test("momentum=None averages the batches cumulatively")
    func cumulativeAverage() {
        assertEvaluates(
            """
            import torch
            from torch import nn
            bn = nn.BatchNorm1d(1, momentum=None)
            for mean in [2., 4., 9.]:
                bn(torch.tensor([[mean - 1], [mean + 1]]))
            print(bn.running_mean, bn.num_batches_tracked)
            """,
            prints: "tensor([5.]) tensor(3)\n")
    }

    @Test("Dropout drops in training (seeded), is the identity in eval, and its gradient is the mask")
    func dropout() {
        assertEvaluates(
            """
            import torch
            from torch import nn
            drop = nn.Dropout(0.25)
            X = torch.ones(10000, requires_grad=True)
            torch.manual_seed(1)
            Y = drop(X)
            torch.manual_seed(1)
            print(torch.equal(Y, drop(X)), abs(float((Y == 0).float().mean()) - 0.25) < 0.02)
            print(float(Y.max()), float(Y[Y != 0].min()))
            Y.sum().backward()
            print(torch.equal(X.grad, Y.detach()))
            drop.eval()
            print(torch.equal(drop(X), X), drop)
            """,
            prints: "True True\n1.3333333730697632 1.3333333730697632\nTrue\nTrue Dropout(p=0.25, inplace=False)\n")
    }

    @Test("F.dropout, F.batch_norm, F.layer_norm and the adaptive poolings")
    func functional() {
        assertEvaluates(
            """
            import torch
            import torch.nn.functional as F
            X = torch.arange(8.).reshape(2, 4)
            print(torch.equal(F.dropout(X, 0.5, training=False), X), F.dropout(X, p=1.0).sum())
            mean, var = torch.zeros(4), torch.ones(4)
            Y = F.batch_norm(X, mean, var, training=True, momentum=0.5)
            print(Y, mean, var)
            print(F.batch_norm(X, mean, var))
            print(F.layer_norm(X, (4,)))
            P = torch.arange(16.).reshape(1, 1, 4, 4)
            values, indices = F.adaptive_max_pool2d(P, (2, 1), return_indices=True)
            print(values.flatten(), indices.flatten(), F.adaptive_avg_pool2d(P, (None, 2)).shape)
            """,
            prints: """
                True tensor(0.)
                tensor([[-1.0000, -1.0000, -1.0000, -1.0000],
                        [ 1.0000,  1.0000,  1.0000,  1.0000]]) tensor([1.0000, 1.5000, 2.0000, 2.5000]) tensor([4.5000, 4.5000, 4.5000, 4.5000])
                tensor([[-0.4714, -0.2357,  0.0000,  0.2357],
                        [ 1.4142,  1.6499,  1.8856,  2.1213]])
                tensor([[-1.3416, -0.4472,  0.4472,  1.3416],
                        [-1.3416, -0.4472,  0.4472,  1.3416]])
                tensor([ 7., 15.]) tensor([ 7, 15]) torch.Size([1, 1, 4, 2])

                """)
    }

    @Test(
        "bad inputs name the layer and say what it expected",
        arguments: [
            (
                "nn.BatchNorm2d(6)(torch.ones(2, 16, 5, 5))", "RuntimeError",
                "BatchNorm2d(6) expects 6 channels (c_i) but the input has 16"
            ),
            (
                "nn.BatchNorm2d(6)(torch.ones(6, 5, 5))", "ValueError",
                "BatchNorm2d(6) expects a 4-D input (N, c_i, h, w) but got shape (6, 5, 5)"
            ),
            (
                "nn.BatchNorm1d(6)(torch.ones(1, 6))", "ValueError",
                "Expected more than 1 value per channel when training, got input size torch.Size([1, 6])"
            ),
            ("nn.BatchNorm1d(120)(torch.ones(2, 16, 5, 5))", "ValueError", "use nn.BatchNorm2d"),
            (
                "nn.LazyLinear(120)(torch.ones(1, 16, 5, 5))", "RuntimeError",
                "LazyLinear(120) got an input of shape (1, 16, 5, 5): flatten it first (nn.Flatten())?"
            ),
            (
                "nn.Linear(400, 120)(torch.ones(1, 16, 5, 5))", "RuntimeError",
                "Linear(in_features=400, out_features=120) expects 400 features in the last dimension but the input "
                    + "has shape (1, 16, 5, 5): flatten it first (nn.Flatten())?"
            ),
            (
                "nn.LayerNorm(6)(torch.ones(2, 5))", "RuntimeError",
                "LayerNorm((6,)) normalizes the last dimension of its input, which must be (6,), but the input has "
                    + "shape (2, 5)"
            ),
            ("nn.Dropout(1.5)", "ValueError", "dropout probability has to be between 0 and 1, but got 1.5"),
            (
                "nn.AdaptiveAvgPool2d((1, 1))(torch.ones(2, 512))", "RuntimeError",
                "AdaptiveAvgPool2d(output_size=(1, 1)) expects a 3-D (c_i, h, w) or 4-D (N, c_i, h, w) input"
            ),
            ("nn.LazyConv2d(8, 3, groups=3)(torch.ones(1, 4, 5, 5))", "ValueError", "divisible by groups (3)"),
            (
                "F.batch_norm(torch.ones(2, 3), None, None)", "RuntimeError",
                "running_mean and running_var must be given when training=False"
            ),
        ])
    func errors(_ call: String, _ name: String, _ message: String) {
        assertRaises(
            "import torch\nfrom torch import nn\nimport torch.nn.functional as F\n" + call, name, message)
    }

    @Test("the eval mode of a one-sample batch is fine; a LeNet with batch norm runs end to end")
    func lenetWithBatchNorm() {
        assertEvaluates(
            """
            import torch
            from torch import nn
            net = nn.Sequential(
                nn.LazyConv2d(6, kernel_size=5), nn.LazyBatchNorm2d(), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
                nn.LazyConv2d(16, kernel_size=5), nn.LazyBatchNorm2d(), nn.Sigmoid(), nn.AvgPool2d(kernel_size=2, stride=2),
                nn.Flatten(), nn.LazyLinear(120), nn.LazyBatchNorm1d(), nn.Sigmoid(), nn.LazyLinear(84),
                nn.LazyBatchNorm1d(), nn.Sigmoid(), nn.LazyLinear(10))
            X = torch.rand(4, 1, 28, 28)
            loss = net(X).sum()
            loss.backward()
            print(net[1], net[10].weight.grad.shape, net[0].weight.grad.shape)
            net.eval()
            print(net(X[:1]).shape)
            """,
            prints: """
                BatchNorm2d(6, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True) torch.Size([120]) torch.Size([6, 1, 5, 5])
                torch.Size([1, 10])

                """)
    }
}
