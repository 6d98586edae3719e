import Testing

@testable import Lang

/// `torch.device`, `torch.cuda` and the tensor operations the modern-CNN chapter's code uses
/// (`torch.cat(…, dim=1)`, `mean`/`var` over several dimensions, in-place `+=`). Every expected
/// text is what PyTorch 2.13 printed for the same program.
@Suite("torch devices and the chapter's tensor operations")
struct TorchDeviceTests {
    @Test("a device prints, compares and hashes as PyTorch's; there is no GPU")
    func devices() {
        assertEvaluates(
            """
            import torch
            d = torch.device('cpu')
            print(d, repr(d), d.type, d.index, type(d), isinstance(d, torch.device))
            print(torch.device('cuda:1'), repr(torch.device('cuda', 0)), torch.cuda.is_available(), torch.cuda.device_count())
            X = torch.ones(2)
            print(X.device, X.device == d, X.device != torch.device('cpu'), X.device == torch.device('cuda:0'), {d: 1}[X.device])
            """,
            prints: """
                cpu device(type='cpu') cpu None <class 'torch.device'> True
                cuda:1 device(type='cuda', index=0) False 0
                cpu True False False 1

                """)
    }

    @Test(
        "bad device strings are PyTorch's RuntimeErrors",
        arguments: [
            ("torch.device('foo')", "device type at start of device string: foo"),
            ("torch.device('cuda:x')", "Invalid device string: 'cuda:x'"),
            (
                "torch.device('cuda:0', 0)",
                "type (string) must not include an index because index was passed explicitly"
            ),
            ("torch.device(0)", "Cannot access accelerator device when none is available."),
        ])
    func badDevices(_ code: String, _ message: String) {
        assertRaises("import torch\n" + code, "RuntimeError", message)
    }

    @Test("to(device) returns the tensor itself; to(dtype), to(device, dtype), to(other) convert")
    func toDevice() {
        assertEvaluates(
            """
            import torch
            X = torch.ones(2)
            d = torch.device('cpu')
            print(X.to(d) is X, X.to('cpu') is X, X.to(torch.float32) is X, X.to(d, torch.int64), X.to(device='cpu', dtype=torch.int64).dtype, X.to(torch.ones(1, dtype=torch.int64)).dtype)
            print(torch.ones(2).long().type(), X.type(), torch.ones(1).bool().type())
            """,
            prints: """
                True True True tensor([1, 1]) torch.int64 torch.int64
                torch.LongTensor torch.FloatTensor torch.BoolTensor

                """)
    }

    @Test("moving to a GPU says that this runs on the CPU")
    func noGPU() {
        assertRaises("import torch\ntorch.ones(2).to('cuda')", "AssertionError", "Torch not compiled with CUDA enabled")
        assertRaises("import torch\ntorch.ones(2).cuda()", "AssertionError", "d2l.try_gpu() gives the CPU")
    }

    @Test("Y += X changes the tensor in place: aliases see it and the version counts it")
    func inPlaceAdd() {
        assertEvaluates(
            """
            import torch
            X = torch.arange(6, dtype=torch.float32).reshape(2, 3)
            Y = X
            Y += torch.ones(3)
            print(X, X is Y, X._version)
            Z = X.clone()
            Z *= 2
            print(Z._version, X._version)
            w = torch.ones(2, requires_grad=True)
            h = w * 2
            h += 1
            h.sum().backward()
            print(h, w.grad)
            """,
            prints: """
                tensor([[1., 2., 3.],
                        [4., 5., 6.]]) True 1
                1 1
                tensor([3., 3.], grad_fn=<AddBackward0>) tensor([2., 2.])

                """)
    }

    @Test("cat along dim 1, sqrt, flatten, is_grad_enabled")
    func functions() {
        assertEvaluates(
            """
            import torch
            A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
            print(torch.cat((A, A * 10), dim=1), torch.cat((A, A), 0).shape)
            print(torch.sqrt(torch.tensor([4.0, 9.0, 2.0])))
            print(torch.flatten(torch.ones(2, 3, 4)).shape, torch.flatten(torch.ones(2, 3, 4), 1).shape, torch.flatten(torch.ones(2, 3, 4), 0, 1).shape)
            with torch.no_grad():
                print(torch.is_grad_enabled())
            print(torch.is_grad_enabled())
            """,
            prints: """
                tensor([[ 1.,  2., 10., 20.],
                        [ 3.,  4., 30., 40.]]) torch.Size([4, 2])
                tensor([2.0000, 3.0000, 1.4142])
                torch.Size([24]) torch.Size([2, 12]) torch.Size([6, 4])
                False
                True

                """)
    }

    @Test("mean and var over several dimensions, with keepdim, as the batch-norm code computes them")
    func reductions() {
        assertEvaluates(
            """
            import torch
            V = torch.arange(16, dtype=torch.float32).reshape(2, 2, 2, 2)
            print(V.mean(dim=(0, 2, 3), keepdim=True).shape, V.mean(dim=(0, 2, 3)), V.var(dim=(0, 2, 3), keepdim=True).flatten())
            print(((V - V.mean(dim=(0, 2, 3), keepdim=True)) ** 2).mean(dim=(0, 2, 3), keepdim=True).flatten())
            print(V.mean(dim=0).shape, V.var(), V.var(dim=1, unbiased=False).shape)
            """,
            prints: """
                torch.Size([1, 2, 1, 1]) tensor([5.5000, 9.5000]) tensor([19.7143, 19.7143])
                tensor([17.2500, 17.2500])
                torch.Size([2, 2, 2]) tensor(22.6667) torch.Size([2, 2, 2])

                """)
    }

    @Test("a broadcasting error names the last dimension that does not match, as PyTorch does")
    func broadcastMessage() {
        assertRaises(
            "import torch\ntorch.ones(1, 4, 6, 6) + torch.ones(1, 1, 8, 8)", "RuntimeError",
            "The size of tensor a (6) must match the size of tensor b (8) at non-singleton dimension 3")
    }
}
