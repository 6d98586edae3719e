import Testing

@testable import Lang

/// The nn.Module base class: registration by assignment, names, traversal, modes and reprs.
/// (Expected names and reprs follow PyTorch 2.x; `Golden/modules.py` compares whole programs
/// with PyTorch's own output.)
@Suite("nn.Module subclasses")
struct ModuleTests {
    static let net = """
        import torch
        from torch import nn
        class Block(nn.Module):
            def __init__(self, c):
                super().__init__()
                self.conv = nn.Conv2d(c, c, 3, padding=1)
                self.scale = nn.Parameter(torch.ones(c))
            def forward(self, x):
                return self.conv(x) * self.scale.reshape(-1, 1, 1)
        class Net(nn.Module):
            def __init__(self):
                super().__init__()
                self.first = Block(2)
                self.body = nn.Sequential(Block(2), nn.ReLU())
                self.shared = self.first
                self.w = nn.Parameter(torch.zeros(1))
            def forward(self, x):
                return self.body(self.first(x)) + self.w
        net = Net()

        """

    @Test("named_parameters: own first, then submodules depth-first, dotted, shared ones once")
    func namedParameters() {
        assertEvaluates(
            ModuleTests.net + "print([n for n, p in net.named_parameters()])\nprint(len(list(net.parameters())))",
            prints: "['w', 'first.scale', 'first.conv.weight', 'first.conv.bias', 'body.0.scale', "
                + "'body.0.conv.weight', 'body.0.conv.bias']\n7\n")
        assertEvaluates(
            ModuleTests.net + "print([n for n, p in net.named_parameters(prefix='m', recurse=False)])",
            prints: "['m.w']\n")
    }

    @Test("children and modules list each module once, in registration order")
    func traversal() {
        assertEvaluates(
            ModuleTests.net
                + "print([type(m).__name__ for m in net.children()], [n for n, m in net.named_modules()])",
            prints: "['Block', 'Sequential'] ['', 'first', 'first.conv', 'body', 'body.0', 'body.0.conv', 'body.1']\n")
    }

    @Test("parameters() is a one-pass generator, as in PyTorch")
    func generator() {
        let outcome = Session().run(
            ModuleTests.net + "g = net.parameters()\nprint(len(list(g)), len(list(g)))\nprint(g)")
        #expect(outcome.errors.isEmpty)
        #expect(outcome.stdout.hasPrefix("7 0\n<generator object Module.parameters at 0x"))
    }

    @Test("train() and eval() switch every module, built-in layers included, and return the module")
    func modes() {
        assertEvaluates(
            ModuleTests.net
                + "m = net.eval()\nprint(m is net, net.training, net.body[0].conv.training, net.body[1].training)\n"
                + "net.train()\nprint(net.first.training, net.body.training)\nnet.train(False)\nprint(net.first.conv.training)",
            prints: "True False False False\nTrue True\nFalse\n")
    }

    @Test("a module forward runs through __call__, inside Sequential too")
    func forward() {
        assertEvaluates(
            ModuleTests.net + "print(net(torch.ones(1, 2, 5, 5)).shape, net.body[0](torch.ones(2, 4, 4)).shape)",
            prints: "torch.Size([1, 2, 5, 5]) torch.Size([2, 4, 4])\n")
    }

    @Test("repr nests children with two-space indents; extra_repr is used")
    func repr() {
        assertEvaluates(
            ModuleTests.net + "print(net)",
            prints: """
                Net(
                  (first): Block(
                    (conv): Conv2d(2, 2, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
                  )
                  (body): Sequential(
                    (0): Block(
                      (conv): Conv2d(2, 2, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
                    )
                    (1): ReLU()
                  )
                  (shared): Block(
                    (conv): Conv2d(2, 2, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
                  )
                )

                """)
        assertEvaluates(
            "from torch import nn\nclass E(nn.Module):\n    def extra_repr(self):\n        return 'k=1'\nprint(E(), nn.Module())",
            prints: "E(k=1) Module()\n")
    }

    @Test("assignments register parameters and modules; None unregisters; tensors stay plain attributes")
    func registration() {
        assertEvaluates(
            """
            import torch
            from torch import nn
            class M(nn.Module):
                def __init__(self):
                    super().__init__()
                    self.a = nn.Parameter(torch.ones(2))
                    self.plain = torch.ones(3)
                    self.lin = nn.Linear(2, 1)
            m = M()
            print([n for n, _ in m.named_parameters()], m.plain.shape, 'plain' in m.__dict__)
            m.a = None
            m.lin = None
            print([n for n, _ in m.named_parameters()], m.a, m.lin)
            m.a = nn.Parameter(torch.zeros(1))
            print([n for n, _ in m.named_parameters()], isinstance(m, nn.Module))
            """,
            prints: "['a', 'lin.weight', 'lin.bias'] torch.Size([3]) True\n[] None None\n['a'] True\n")
        assertRaises(
            "import torch\nfrom torch import nn\nclass M(nn.Module):\n    def __init__(self):\n"
                + "        super().__init__()\n        self.a = nn.Parameter(torch.ones(2))\nm = M()\nm.a = torch.ones(2)",
            "TypeError", "cannot assign 'torch.FloatTensor' as parameter 'a' (torch.nn.Parameter or None expected)",
            at: "m.a")
    }

    @Test("forgetting super().__init__() raises PyTorch's AttributeError at the assignment")
    func missingSuperInit() {
        assertRaises(
            """
            import torch
            from torch import nn
            class Conv2D(nn.Module):
                def __init__(self, kernel_size):
                    self.weight = nn.Parameter(torch.rand(kernel_size))
            Conv2D((1, 2))
            """, "AttributeError", "cannot assign parameters before Module.__init__() call", at: "self.weight")
        assertRaises(
            "from torch import nn\nclass N(nn.Module):\n    def __init__(self):\n        self.c = nn.ReLU()\nN()",
            "AttributeError", "cannot assign module before Module.__init__() call", at: "self.c")
        assertRaises(
            "from torch import nn\nclass N(nn.Module):\n    def __init__(self):\n        pass\nN()(1)",
            "AttributeError", "N.__init__ must call super().__init__()")
    }

    @Test("a module calling itself stops at the recursion limit, never a stack overflow")
    func recursion() {
        assertRaises(
            "from torch import nn\nclass Loop(nn.Module):\n    def forward(self, x):\n        return self(x + 1)\nLoop()(0)",
            "RecursionError", "maximum recursion depth exceeded")
    }

    @Test("a module without forward raises PyTorch's NotImplementedError")
    func missingForward() {
        assertRaises(
            "from torch import nn\nclass N(nn.Module):\n    pass\nN()(1)", "NotImplementedError",
            "Module [N] is missing the required \"forward\" function")
    }

    @Test("zero_grad sets every parameter's grad to None, built-in layers' included")
    func zeroGrad() throws {
        let interpreter = Interpreter(limits: ExecutionLimits(), interrupt: InterruptFlag())
        let source = Source(name: "test", text: ModuleTests.net)
        let (statements, errors) = Parser.parse(source)
        #expect(errors.isEmpty)
        interpreter.source = source
        _ = try interpreter.execute(statements)
        let net = try #require(ModuleRef(try interpreter.lookup("net")))
        let parameters = try interpreter.namedParameters(net, prefix: "", recurse: true)
        for (_, box) in parameters { box.grad = TensorBox(box.tensor) }
        _ = try interpreter.call(try interpreter.attribute(net.value, "zero_grad"), Arguments())
        #expect(parameters.count == 7)
        #expect(parameters.allSatisfy { $0.box.grad == nil })
    }

    @Test("after backward, zero_grad() clears the gradients of the class's and its layers' parameters")
    func zeroGradAfterBackward() {
        assertEvaluates(
            ModuleTests.net
                + "net(torch.ones(1, 2, 4, 4)).sum().backward()\n"
                + "print([p.grad is None for p in net.parameters()])\nnet.zero_grad()\n"
                + "print([p.grad is None for p in net.parameters()])",
            prints: "[False, False, False, False, False, False, False]\n[True, True, True, True, True, True, True]\n")
    }

    @Test("old-style nn.Module.__init__(self), bound-method reprs and del of attributes")
    func oldStyleInit() {
        assertEvaluates(
            """
            import torch
            from torch import nn
            class Old(nn.Module):
                def __init__(self):
                    nn.Module.__init__(self)
                    self.w = nn.Parameter(torch.ones(2))
                    self.tag = 'x'
            o = Old()
            print(o.parameters, [n for n, _ in o.named_parameters()])
            del o.w
            del o.tag
            print([n for n, _ in o.named_parameters()], hasattr(o, 'tag'))
            """,
            prints: "<bound method Module.parameters of Old()> ['w']\n[] False\n")
    }

    @Test("nn.Parameter marks its tensor; built-in layers offer the same Module methods")
    func builtInLayers() {
        assertEvaluates(
            """
            import torch
            from torch import nn
            seq = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Linear(4, 2))
            print([n for n, _ in seq.named_parameters()], len(seq), [type(m).__name__ for m in seq.children()])
            print(seq.eval() is seq, seq[0].training, seq.training, isinstance(seq[1], nn.Module))
            seq[0].training = True
            print(seq[0].training)
            print(seq[0].extra_repr())
            """,
            prints: "['0.weight', '0.bias', '2.weight', '2.bias'] 3 ['Conv2d', 'ReLU', 'Linear']\n"
                + "True False False True\nTrue\n1, 2, kernel_size=(3, 3), stride=(1, 1)\n")
    }

    @Test("nn.ModuleList registers its modules under their indices and iterates over them")
    func moduleList() {
        assertEvaluates(
            """
            import torch
            from torch import nn
            class Stack(nn.Module):
                def __init__(self, n):
                    super().__init__()
                    self.layers = nn.ModuleList([nn.Linear(2, 2) for _ in range(n)])
                    self.layers.append(nn.ReLU())
                def forward(self, x):
                    for layer in self.layers:
                        x = layer(x)
                    return x
            s = Stack(2)
            print([n for n, _ in s.named_parameters()], len(s.layers), type(s.layers[-1]).__name__)
            print(s(torch.ones(3, 2)).shape)
            print(s)
            """,
            prints: """
                ['layers.0.weight', 'layers.0.bias', 'layers.1.weight', 'layers.1.bias'] 3 ReLU
                torch.Size([3, 2])
                Stack(
                  (layers): ModuleList(
                    (0-1): 2 x Linear(in_features=2, out_features=2, bias=True)
                    (2): ReLU()
                  )
                )

                """)
        assertRaises("from torch import nn\nnn.ModuleList([1])", "TypeError", "int is not a Module subclass")
    }

    @Test("user classes cannot derive from a built-in layer; the message says what to do")
    func layerBase() {
        assertRaises(
            "from torch import nn\nclass C(nn.Conv2d):\n    pass", "TypeError",
            "derive from nn.Module and keep it as an attribute", at: "nn.Conv2d")
    }
}
