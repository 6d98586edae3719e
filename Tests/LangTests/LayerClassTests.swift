import Testing

@testable import Lang

/// Built-in layers as classes (`type(m) == nn.Linear`, lazy layers becoming `Conv2d`),
/// `nn.Sequential` as a container of named modules, `Module.apply`, and how module attributes
/// register. Every expected text is what PyTorch 2.13 printed for the same program.
@Suite("nn layer classes and Sequential")
struct LayerClassTests {
    @Test("nn.Conv2d and friends are classes: type(), __class__, isinstance, issubclass, repr")
    func layerClasses() {
        assertEvaluates(
            """
            import torch
            from torch import nn
            print(nn.Conv2d, nn.Linear.__name__, nn.Sequential.__module__, type(nn.ReLU()), issubclass(nn.Conv2d, nn.Module), issubclass(nn.LazyLinear, nn.Linear), issubclass(nn.Linear, nn.Conv2d))
            print(isinstance(nn.ReLU(), nn.Module), isinstance(nn.ReLU(), nn.Linear), type(nn.Sequential()) == nn.Sequential)
            """,
            prints: """
                <class 'torch.nn.modules.conv.Conv2d'> Linear torch.nn.modules.container <class 'torch.nn.modules.activation.ReLU'> True True False
                True False True

                """)
    }

    @Test("a lazy layer prints and reports its lazy class until its first input, then the class it became")
    func lazyLayersBecomeTheirClass() {
        assertEvaluates(
            """
            import torch
            from torch import nn
            c = nn.LazyConv2d(4, 3)
            l = nn.LazyLinear(5)
            print(c, l, type(c) == nn.Conv2d, isinstance(c, nn.Conv2d), c.__class__.__name__, type(l).__name__)
            y = c(torch.ones(1, 2, 5, 5))
            y = l(torch.ones(2, 3))
            print(c, l, type(c) == nn.Conv2d, type(l) == nn.Linear, type(c) is nn.Conv2d, c.__class__.__name__, type(l).__name__)
            """,
            prints: """
                LazyConv2d(0, 4, kernel_size=(3, 3), stride=(1, 1)) LazyLinear(in_features=0, out_features=5, bias=True) False True LazyConv2d LazyLinear
                Conv2d(2, 4, kernel_size=(3, 3), stride=(1, 1)) Linear(in_features=3, out_features=5, bias=True) True True True Conv2d Linear

                """)
    }

    @Test("a layer class cannot be a base class here, and the message says what to do")
    func layerBase() {
        assertRaises(
            "from torch import nn\nclass MyLinear(nn.Linear):\n    pass", "TypeError",
            "'Linear' is a built-in layer and cannot be a base class here")
    }

    @Test("Sequential: len, indexing, slicing keeps names, iteration, truth, add_module and append")
    func sequential() {
        assertEvaluates(
            """
            import torch
            from torch import nn
            net = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
            print(len(net), net[0], net[-1], bool(net), bool(nn.Sequential()))
            print(net[1:])
            print([type(m).__name__ for m in net])
            net.add_module('extra', nn.Sigmoid())
            net.add_module('nothing', None)
            print(net, len(net), net.extra)
            net.append(nn.Tanh())
            print(net[::2])
            print(nn.Sequential(), repr(nn.Sequential()), net[9:], nn.ModuleList())
            """,
            prints: """
                3 Linear(in_features=2, out_features=3, bias=True) Linear(in_features=3, out_features=1, bias=True) True False
                Sequential(
                  (1): ReLU()
                  (2): Linear(in_features=3, out_features=1, bias=True)
                )
                ['Linear', 'ReLU', 'Linear']
                Sequential(
                  (0): Linear(in_features=2, out_features=3, bias=True)
                  (1): ReLU()
                  (2): Linear(in_features=3, out_features=1, bias=True)
                  (extra): Sigmoid()
                  (nothing): None
                ) 5 Sigmoid()
                Sequential(
                  (0): Linear(in_features=2, out_features=3, bias=True)
                  (2): Linear(in_features=3, out_features=1, bias=True)
                  (nothing): None
                )
                Sequential() Sequential() Sequential() ModuleList()

                """)
    }

    @Test(
        "add_module and indexing errors are PyTorch's",
        arguments: [
            ("n.add_module('a.b', nn.ReLU())", "KeyError", "module name can\\'t contain \".\", got: a.b"),
            ("n.add_module('', nn.ReLU())", "KeyError", "module name can\\'t be empty string"),
            ("n.add_module('x', 3)", "TypeError", "int is not a Module subclass"),
            ("n.add_module(3, nn.ReLU())", "TypeError", "module name should be a string. Got int"),
            ("n.add_module('training', nn.ReLU())", "KeyError", "attribute 'training' already exists"),
            ("n[3]", "IndexError", "index 3 is out of range"),
        ])
    func sequentialErrors(_ code: String, _ name: String, _ message: String) {
        assertRaises("import torch\nfrom torch import nn\nn = nn.Sequential(nn.ReLU())\n" + code, name, message)
    }

    @Test("apply visits children first, depth-first, then the module itself")
    func applyOrder() {
        assertEvaluates(
            """
            from torch import nn
            order = []
            outer = nn.Sequential(nn.Sequential(nn.Linear(1, 1), nn.ReLU()), nn.Sequential(nn.Tanh()), nn.Sigmoid())
            outer.apply(lambda m: order.append(type(m).__name__))
            print(order)
            """,
            prints: "['Linear', 'ReLU', 'Sequential', 'Tanh', 'Sequential', 'Sigmoid', 'Sequential']\n")
    }

    @Test("a module attribute set to None or to a plain tensor is a plain attribute; modules are truthy")
    func plainAttributes() {
        assertEvaluates(
            """
            import torch
            from torch import nn
            class M(nn.Module):
                def __init__(self, use_conv):
                    super().__init__()
                    self.conv = nn.LazyConv2d(2, 1) if use_conv else None
                    self.t = torch.zeros(2)
                    self.lin = nn.Linear(1, 1)
                def forward(self, X):
                    if self.conv:
                        return 'conv'
                    return 'no conv'
            m = M(False)
            print(m, m.conv, m.t)
            print(list(dict(m.named_parameters()).keys()), m(None), M(True)(None))
            print(m.__class__.__name__, bool(m), bool(None), not m)
            """,
            prints: """
                M(
                  (lin): Linear(in_features=1, out_features=1, bias=True)
                ) None tensor([0., 0.])
                ['lin.weight', 'lin.bias'] no conv conv
                M True False False

                """)
    }
}
