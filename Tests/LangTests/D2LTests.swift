import Testing

@testable import Lang

/// d2l's class framework as the book uses it: `save_hyperparameters`, `d2l.Module`,
/// `d2l.Classifier`, `add_to_class`, `init_cnn`, the device helpers, and what an unknown name
/// says. Expected texts are what d2l 1.0.3 on PyTorch 2.13 printed for the same programs.
@Suite("d2l framework")
struct D2LTests {
    static let imports = "from d2l import torch as d2l\nimport torch\nfrom torch import nn\n"

    @Test(
        "save_hyperparameters keeps the caller's arguments and locals, in CPython's order, except self, ignore and _names"
    )
    func saveHyperparameters() {
        assertEvaluates(
            D2LTests.imports + """
                class A(d2l.HyperParameters):
                    def __init__(self, a, b=2, *args, c=3, _d=4, **kw):
                        e = 5
                        self.save_hyperparameters(ignore=['b'])
                x = A(1, 7, 8, 9, z=10)
                print(x.hparams)
                print(x.a, x.c, x.args, x.kw, x.e, hasattr(x, 'b'), hasattr(x, '_d'))
                """,
            prints: """
                {'a': 1, 'c': 3, 'args': (8, 9), 'kw': {'z': 10}, 'e': 5}
                1 3 (8, 9) {'z': 10} 5 False False

                """)
    }

    @Test("d2l.Module: super().__init__(), forward calls self.net, configure_optimizers, classes from d2l.torch")
    func module() {
        assertEvaluates(
            D2LTests.imports + """
                class Net(d2l.Module):
                    def __init__(self, lr=0.5, num_hiddens=4):
                        super().__init__()
                        self.save_hyperparameters()
                        self.net = nn.Sequential(nn.LazyLinear(num_hiddens), nn.ReLU(), nn.LazyLinear(2))
                m = Net(num_hiddens=3)
                print(m.hparams, m.lr, m.num_hiddens, m.plot_train_per_epoch, m.plot_valid_per_epoch)
                print(m(torch.ones(5, 7)).shape)
                print(m)
                print(type(m.configure_optimizers()).__name__)
                print(d2l.Module, d2l.Classifier, d2l.Classifier.__mro__[1])
                print(isinstance(m, nn.Module), isinstance(m, d2l.Module), isinstance(m, d2l.Classifier))
                """,
            prints: """
                {'lr': 0.5, 'num_hiddens': 3} 0.5 3 2 1
                torch.Size([5, 2])
                Net(
                  (net): Sequential(
                    (0): Linear(in_features=7, out_features=3, bias=True)
                    (1): ReLU()
                    (2): Linear(in_features=3, out_features=2, bias=True)
                  )
                )
                SGD
                <class 'd2l.torch.Module'> <class 'd2l.torch.Classifier'> <class 'd2l.torch.Module'>
                True True False

                """)
    }

    @Test("d2l.Classifier: accuracy, cross-entropy loss, layer_summary; add_to_class reaches existing instances")
    func classifier() {
        assertEvaluates(
            D2LTests.imports + """
                class C(d2l.Classifier):
                    def __init__(self):
                        super().__init__()
                        self.net = nn.Sequential(nn.Flatten(), nn.LazyLinear(3))
                c = C()
                Y_hat = torch.tensor([[0.1, 2.0, 0.3], [3.0, 0.2, 0.1], [0.0, 0.1, 0.9], [1.0, 0.0, 0.0]])
                Y = torch.tensor([1, 0, 1, 2])
                print(c.accuracy(Y_hat, Y), c.accuracy(Y_hat, Y, averaged=False))
                print(c.loss(Y_hat, Y), c.loss(Y_hat, Y, averaged=False))
                c.layer_summary((2, 1, 2, 2))
                @d2l.add_to_class(C)
                def describe(self):
                    return 'a classifier with ' + str(len(self.net)) + ' layers'
                print(c.describe())
                @d2l.add_to_class(d2l.Module)
                def count(self):
                    return sum(p.numel() for p in self.parameters())
                print(c.count(), describe)
                seen = []
                c.apply_init([torch.ones(2, 4)], lambda m: seen.append(type(m).__name__))
                print(seen)
                """,
            prints: """
                tensor(0.5000) tensor([1., 1., 0., 0.])
                tensor(0.8416) tensor([0.2869, 0.1096, 1.4184, 1.5514])
                Flatten output shape:\t torch.Size([2, 4])
                Linear output shape:\t torch.Size([2, 3])
                a classifier with 2 layers
                15 None
                ['Flatten', 'Linear', 'Sequential']

                """)
    }

    @Test("init_cnn: Xavier-uniform for Linear and Conv2d, nothing for a lazy layer not yet materialised")
    func initCNN() {
        assertEvaluates(
            D2LTests.imports + """
                lin = nn.Linear(20, 30)
                d2l.init_cnn(lin)
                bound = (6 / (20 + 30)) ** 0.5
                print(bool(lin.weight.abs().max() <= bound), bool(lin.weight.abs().max() > 0.9 * bound), lin.weight.shape)
                conv = nn.LazyConv2d(2, 3)
                d2l.init_cnn(conv)
                print(type(conv).__name__)
                print(d2l.LeNet, d2l.Residual, d2l.ResNeXtBlock, d2l.init_cnn.__name__)
                """,
            prints: """
                True True torch.Size([30, 20])
                LazyConv2d
                <class 'd2l.torch.LeNet'> <class 'd2l.torch.Residual'> <class 'd2l.torch.ResNeXtBlock'> init_cnn

                """)
    }

    @Test("devices: cpu(), gpu(i), num_gpus(), try_gpu(), try_all_gpus(); the tensor aliases")
    func helpers() {
        assertEvaluates(
            D2LTests.imports + """
                print(d2l.cpu(), d2l.try_gpu(), d2l.num_gpus(), d2l.try_all_gpus(), d2l.gpu(), d2l.gpu(1), d2l.try_gpu() == torch.device('cpu'))
                print(d2l.reshape(torch.arange(6), (2, 3)), d2l.reduce_sum(torch.ones(3)), d2l.astype(torch.ones(2), torch.int64), d2l.argmax(torch.tensor([[1, 3], [4, 2]]), axis=1), d2l.size(torch.ones(2, 3)))
                import d2l as package
                print(package.torch is d2l, d2l.torch is torch, d2l.nn is nn)
                """,
            prints: """
                cpu cpu 0 [] cuda:0 cuda:1 True
                tensor([[0, 1, 2],
                        [3, 4, 5]]) tensor(3.) tensor([1, 1]) tensor([1, 0]) 6
                True True True

                """)
    }

    @Test(
        "an unknown d2l or torch name says which name and that Convbook implements a subset",
        arguments: [
            (
                "d2l.RNNScratch", "AttributeError",
                "module 'd2l.torch' has no attribute 'RNNScratch' (Convbook implements a subset of d2l; dir(d2l) lists it)"
            ),
            (
                "nn.Transformer", "AttributeError",
                "module 'torch.nn' has no attribute 'Transformer' (Convbook implements a subset of PyTorch; dir(torch.nn) lists it)"
            ),
            (
                "from d2l.torch import TimeMachine", "ImportError",
                "cannot import name 'TimeMachine' from 'd2l.torch' (Convbook implements a subset of d2l; dir(d2l) lists it)"
            ),
        ])
    func unknownNames(_ code: String, _ name: String, _ message: String) {
        assertRaises(D2LTests.imports + code, name, message)
    }

    @Test("dir(d2l) lists the framework")
    func listing() {
        assertEvaluates(
            D2LTests.imports
                + "names = dir(d2l)\nprint(all(n in names for n in ['Classifier', 'Module', 'add_to_class', 'init_cnn', 'try_gpu', 'reduce_sum']))",
            prints: "True\n")
    }

    @Test("an error in a model's forward has a traceback through layer_summary and the model's class")
    func traceback() throws {
        let outcome = Session().run(
            D2LTests.imports + """
                class Block(nn.Module):
                    def __init__(self):
                        super().__init__()
                        self.conv = nn.LazyConv2d(4, kernel_size=3)

                    def forward(self, X):
                        return self.conv(X) + X

                class Net(d2l.Classifier):
                    def __init__(self):
                        super().__init__()
                        self.net = nn.Sequential(Block(), nn.ReLU())

                Net().layer_summary((1, 1, 8, 8))
                """)
        let error = try #require(outcome.error)
        #expect(error.name == .runtimeError)
        #expect(
            error.message
                == "The size of tensor a (6) must match the size of tensor b (8) at non-singleton dimension 3")
        #expect(error.traceback.map(\.function) == ["<module>", "layer_summary", "forward"])
        #expect(error.traceback.map(\.source.name)[1] == "File \"d2l/torch.py\"")
        let rendered = ErrorFormatter.render(error)
        #expect(rendered.contains("    X = layer(X)\n"))
        #expect(rendered.contains("    return self.conv(X) + X\n"))
    }

    @Test("save_hyperparameters(ignore=…) wants a list, as d2l's `ignore + ['self']` does")
    func ignoreList() {
        assertRaises(
            D2LTests.imports + """
                class A(d2l.HyperParameters):
                    def __init__(self, a):
                        self.save_hyperparameters(ignore='a')
                A(1)
                """, "TypeError", "can only concatenate str (not \"list\") to str")
    }
}
