import Tensors

extension Module {
    /// Adds a builtin function attribute.
    func define(_ name: String, _ body: @escaping BuiltinFunction.Body) {
        attributes[name] = .builtin(BuiltinFunction(name, body))
    }

    /// Adds a builtin function attribute with a one-argument path (see ``BuiltinFunction/unary``).
    func define(_ name: String, unary: @escaping BuiltinFunction.UnaryBody, _ body: @escaping BuiltinFunction.Body) {
        attributes[name] = .builtin(BuiltinFunction(name, body, unary: unary))
    }
}

extension Interpreter {
    /// Registers every importable module: `math`, `convbook`, `torch`, `torch.nn`,
    /// `torch.nn.functional`, `torch.nn.init`, `torch.optim`, `torch.cuda`; `d2l` is made on its
    /// first import (``loadD2L()``).
    func installModules() {
        installMath()
        modules["convbook"] = makeConvbookModule()
        let torch = makeTorchModule()
        let functional = makeFunctionalModule()
        installLosses(in: functional)
        let nn = makeNNModule()
        nn.attributes["functional"] = .module(functional)
        // PyTorch also exposes these on `torch` itself (`torch.conv2d(X, K)`); same function objects.
        for name in ["conv2d", "conv3d", "max_pool2d"] where torch.attributes[name] == nil {
            torch.attributes[name] = functional.attributes[name]
        }
        torch.attributes["nn"] = .module(nn)
        let optim = makeOptimModule()
        torch.attributes["optim"] = .module(optim)
        modules["torch.optim"] = optim
        let initModule = makeInitModule()
        nn.attributes["init"] = .module(initModule)
        modules["torch.nn.init"] = initModule
        modules["torch"] = torch
        modules["torch.nn"] = nn
        modules["torch.nn.functional"] = functional
        // Last: every layer constructor defined above becomes its class.
        makeLayerTypes(in: nn)
        installLiveOutputModules()
        installDataModules(torch: torch)
    }

    private func makeTorchModule() -> Module {
        let torch = Module("torch")
        let dtypes: [(String, DType)] = [
            ("float32", .float32), ("float", .float32), ("int64", .int64), ("long", .int64), ("int32", .int32),
            ("int", .int32), ("bool", .bool),
        ]
        for (name, dtype) in dtypes { torch.attributes[name] = .dtype(dtype) }
        torch.attributes["Tensor"] = .type(typeObject(of: .tensor(Tensor(scalar: 0))))
        torch.attributes["Size"] = .type(
            TypeObject("torch.Size") { interpreter, arguments throws(PyError) in
                guard let sizes = arguments.positional.first else { return .size([]) }
                return .size(try interpreter.intList(sizes, "torch.Size"))
            })
        torch.attributes["pi"] = .float(Double.pi)
        let deviceType = TypeObject("torch.device") { interpreter, arguments throws(PyError) in
            .object(try interpreter.makeDevice(arguments))
        }
        torch.attributes["device"] = .type(deviceType)
        typeObjects["device"] = deviceType
        let cuda = makeCudaModule()
        torch.attributes["cuda"] = .module(cuda)
        modules["torch.cuda"] = cuda
        torch.define("tensor") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("tensor", ["data", "dtype", "requires_grad", "device"], required: 1)
            let dtype = try interpreter.dtypeArgument(values[1])
            let data = values[0] ?? .none
            let tensor: Tensor
            if case .tensor(let box) = data {
                if let dtype {
                    tensor = try engine { () throws(TensorError) in try box.tensor.to(dtype) }
                } else {
                    tensor = box.tensor
                }
            } else {
                let nested = try interpreter.nestedValue(data)
                tensor = try engine { () throws(TensorError) in try Tensor(nested, dtype: dtype) }
            }
            return try interpreter.leaf(tensor, requiresGrad: values[2])
        }
        for name in ["zeros", "ones", "rand", "randn", "empty"] {
            torch.define(name) { interpreter, arguments throws(PyError) in
                guard case .tensor(let box) = try interpreter.creation(name, arguments) else { return .none }
                return try interpreter.leaf(box.tensor, requiresGrad: arguments.keyword("requires_grad"))
            }
        }
        for name in ["zeros_like", "ones_like", "rand_like", "randn_like", "empty_like"] {
            torch.define(name) { interpreter, arguments throws(PyError) in
                let values = try arguments.bind(name, ["input", "dtype"], required: 1)
                let tensor = try interpreter.tensorArgument(values[0] ?? .none, "input")
                let dtype = try interpreter.dtypeArgument(values[1])
                let made = try engine { () throws(TensorError) in
                    switch name {
                    case "ones_like": try Tensor.onesLike(tensor, dtype: dtype)
                    case "rand_like": try Tensor.randLike(tensor, using: &interpreter.random)
                    case "randn_like": try Tensor.randnLike(tensor, using: &interpreter.random)
                    default: try Tensor.zerosLike(tensor, dtype: dtype)
                    }
                }
                return .tensor(made)
            }
        }
        torch.define("full") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind(
                "full", ["size", "fill_value", "dtype", "device", "requires_grad"], required: 2)
            let shape = try interpreter.intList(values[0] ?? .none, "full(): size")
            let fill = try interpreter.scalar(values[1] ?? .none, "fill_value")
            let dtype = try interpreter.dtypeArgument(values[2])
            let filled = try engine { () throws(TensorError) in try Tensor.full(shape, fill, dtype: dtype) }
            return try interpreter.leaf(filled, requiresGrad: values[4])
        }
        torch.define("arange") { interpreter, arguments throws(PyError) in
            var call = arguments
            let dtype = try interpreter.dtypeArgument(call.keyword("dtype"))
            let requiresGrad = call.keyword("requires_grad")
            call.keywords.removeAll { $0.name == "dtype" || $0.name == "device" || $0.name == "requires_grad" }
            let values = try call.bind("arange", ["start", "end", "step"], required: 1)
            let first = try interpreter.scalar(values[0] ?? .none, "start")
            guard let end = values[1] else {
                let range = try engine { () throws(TensorError) in try Tensor.arange(first, dtype: dtype) }
                return try interpreter.leaf(range, requiresGrad: requiresGrad)
            }
            let last = try interpreter.scalar(end, "end")
            let step = try values[2].map { (value) throws(PyError) in try interpreter.scalar(value, "step") } ?? .int(1)
            let range = try engine { () throws(TensorError) in
                try Tensor.arange(start: first, end: last, step: step, dtype: dtype)
            }
            return try interpreter.leaf(range, requiresGrad: requiresGrad)
        }
        torch.define("linspace") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("linspace", ["start", "end", "steps"], required: 3)
            let start = try interpreter.floatArgument(values[0] ?? .none, "start")
            let end = try interpreter.floatArgument(values[1] ?? .none, "end")
            let steps = try interpreter.intArgument(values[2] ?? .none, "steps")
            return .tensor(
                try engine { () throws(TensorError) in try Tensor.linspace(start: start, end: end, steps: steps) })
        }
        torch.define("eye") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("eye", ["n", "m", "dtype"], required: 1)
            let n = try interpreter.intArgument(values[0] ?? .none, "n")
            let m = try values[1].orNone.map { (value) throws(PyError) in try interpreter.intArgument(value, "m") }
            let dtype = try interpreter.dtypeArgument(values[2]) ?? .float32
            return .tensor(try engine { () throws(TensorError) in try Tensor.eye(n, m, dtype: dtype) })
        }
        torch.define("normal") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("normal", ["mean", "std", "size"], required: 2)
            let mean = try interpreter.floatArgument(values[0] ?? .none, "mean")
            let std = try interpreter.floatArgument(values[1] ?? .none, "std")
            let shape = try values[2].map { (value) throws(PyError) in try interpreter.intList(value, "size") } ?? []
            return .tensor(
                try engine { () throws(TensorError) in
                    try Tensor.normal(mean: mean, std: std, shape, using: &interpreter.random)
                })
        }
        torch.define("randint") { interpreter, arguments throws(PyError) in
            let values = try arguments.bind("randint", ["low", "high", "size"], required: 2)
            var low = 0
            var high = try interpreter.intArgument(values[0] ?? .none, "low")
            var shapeValue = values[1] ?? .none
            if let size = values[2] {
                low = high
                high = try interpreter.intArgument(values[1] ?? .none, "high")
                shapeValue = size
            }
            let shape = try interpreter.intList(shapeValue, "size")
            return .tensor(
                try engine { () throws(TensorError) in
                    try Tensor.randint(low: Int64(low), high: Int64(high), shape, using: &interpreter.random)
                })
        }
        torch.define("manual_seed") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("manual_seed", 1)
            let seed = try interpreter.intArgument(arguments.positional[0], "seed")
            interpreter.random = RandomGenerator(seed: UInt64(bitPattern: Int64(seed)))
            return .none
        }
        for name in ["stack", "cat", "concat", "concatenate"] {
            torch.define(name) { interpreter, arguments throws(PyError) in
                var call = arguments
                if let axis = call.keywords.firstIndex(where: { $0.name == "axis" }) {
                    call.keywords[axis].name = "dim"
                }
                let values = try call.bind(name, ["tensors", "dim"], required: 1)
                var tensors: [Tensor] = []
                let items = try interpreter.iterateAll(values[0] ?? .none)
                let dim =
                    try values[1].map { (value) throws(PyError) in try interpreter.intArgument(value, "dim") } ?? 0
                if items.contains(where: { interpreter.tracks($0) }) {
                    var operands: [TrackedTensor] = []
                    for item in items { operands.append(try interpreter.trackedArgument(item, "\(name)(): tensors")) }
                    return interpreter.result(
                        try engine { () throws(TensorError) in
                            name == "stack"
                                ? try TrackedTensor.stack(operands, dim: dim)
                                : try TrackedTensor.cat(operands, dim: dim)
                        })
                }
                for item in items {
                    tensors.append(try interpreter.tensorArgument(item, "\(name)(): tensors"))
                }
                return .tensor(
                    try engine { () throws(TensorError) in
                        name == "stack" ? try Tensor.stack(tensors, dim: dim) : try Tensor.cat(tensors, dim: dim)
                    })
            }
        }
        torch.define("equal") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("equal", 2)
            let a = try interpreter.tensorArgument(arguments.positional[0], "input")
            let b = try interpreter.tensorArgument(arguments.positional[1], "other")
            return .bool(a == b)
        }
        torch.define("no_grad") { _, _ in .object(GradModeContext(enabled: false, name: "no_grad")) }
        torch.define("enable_grad") { _, _ in .object(GradModeContext(enabled: true, name: "enable_grad")) }
        torch.define("set_grad_enabled") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("set_grad_enabled", 1)
            let mode = try interpreter.truthy(arguments.positional[0])
            // Like PyTorch, the call itself switches the mode; as a context manager it restores it.
            let context = GradModeContext(enabled: mode, name: "set_grad_enabled", previous: interpreter.gradEnabled)
            interpreter.gradEnabled = mode
            return .object(context)
        }
        torch.define("is_grad_enabled") { interpreter, _ in .bool(interpreter.gradEnabled) }
        torch.define("is_tensor") { _, arguments throws(PyError) in
            try arguments.expectPositional("is_tensor", 1)
            if case .tensor = arguments.positional[0] { return .bool(true) }
            return .bool(false)
        }
        torch.define("allclose") { interpreter, arguments throws(PyError) in
            try interpreter.allclose(arguments.positional, arguments.keywords)
        }
        torch.define("where") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("where", 3)
            let condition = try interpreter.tensorArgument(arguments.positional[0], "condition")
            if interpreter.tracks(arguments.positional[1]) || interpreter.tracks(arguments.positional[2]) {
                guard let input = try interpreter.trackedOperand(arguments.positional[1]),
                    let other = try interpreter.trackedOperand(arguments.positional[2])
                else { throw PyError.type("where(): expected tensors or numbers") }
                return interpreter.result(
                    try engine { () throws(TensorError) in try TrackedTensor.where(condition, input, other) })
            }
            guard let input = try interpreter.tensorOperand(arguments.positional[1]),
                let other = try interpreter.tensorOperand(arguments.positional[2])
            else { throw PyError.type("where(): expected tensors or numbers") }
            return .tensor(try engine { () throws(TensorError) in try Tensor.where(condition, input, other) })
        }
        // Functions that are also tensor methods: torch.f(x, *rest) == x.f(*rest).
        let methodForms = [
            "reshape", "matmul", "mm", "bmm", "dot", "mv", "abs", "exp", "log", "sqrt", "sin", "cos", "tanh", "sigmoid",
            "relu", "sum", "mean", "max", "min", "argmax", "argmin", "prod", "std", "var", "norm", "transpose",
            "permute", "t", "flatten", "squeeze", "unsqueeze", "clamp", "clip", "numel", "maximum", "minimum", "flip",
            "add", "sub", "mul", "div", "pow", "eq", "ne", "lt", "le", "gt", "ge", "floor", "ceil", "round", "neg",
            "sign", "all", "any",
        ]
        for name in methodForms {
            torch.define(
                name,
                unary: { interpreter, value throws(PyError) in try interpreter.callAsMethod(name, unary: consume value)
                }
            ) { interpreter, arguments throws(PyError) in
                try interpreter.callAsMethod(name, arguments)
            }
        }
        return torch
    }

    /// `torch.f(x)` with one positional argument: a reduction of a tensor directly (what
    /// `d2l.reduce_sum(X)` does on every loop iteration), anything else as a bound method call.
    func callAsMethod(_ name: String, unary value: consuming Value) throws(PyError) -> Value {
        if case .tensor(let box) = value, name == "sum" || name == "mean" {
            _ = consume value
            if name == "sum" { return try sum(consume box) }
            return try reduce(box, name, Arguments())
        }
        return try callAsBoundMethod(name, Arguments([value]))
    }

    /// `torch.sum(box)`: into the box itself when the caller passed the only reference to a plain
    /// float tensor (a temporary such as the product in `d2l.reduce_sum(X[…] * K)`), which no
    /// program can tell apart from a new tensor.
    private func sum(_ box: consuming TensorBox) throws(PyError) -> Value {
        if isKnownUniquelyReferenced(&box), box.isReusableForResult, box.tensor.formSum() { return .tensor(box) }
        return try reduce(box, "sum", Arguments())
    }

    /// `torch.f(x, …)` implemented as `x.f(…)`; one positional argument alone takes the
    /// one-argument path (``callAsMethod(_:unary:)``).
    func callAsMethod(_ name: String, _ arguments: Arguments) throws(PyError) -> Value {
        if arguments.positional.count == 1, arguments.keywords.isEmpty {
            return try callAsMethod(name, unary: arguments.positional[0])
        }
        return try callAsBoundMethod(name, arguments)
    }

    /// `torch.f(x, …)` as a call of the bound method `x.f(…)`.
    private func callAsBoundMethod(_ name: String, _ arguments: Arguments) throws(PyError) -> Value {
        var call = arguments
        var receiver: Value
        if let first = call.positional.first {
            receiver = first
            call.positional.removeFirst()
        } else if let index = call.keywords.firstIndex(where: { $0.name == "input" }) {
            receiver = call.keywords[index].value
            call.keywords.remove(at: index)
        } else {
            throw PyError.type("\(name)() missing required argument 'input'")
        }
        if case .tensor = receiver {} else { receiver = .tensor(try tensorArgument(receiver, "input")) }
        if name == "bmm", case .tensor(let box) = receiver, let other = call.positional.first {
            let right = try tensorArgument(other, "mat2")
            return .tensor(try engine { () throws(TensorError) in try box.tensor.bmm(right) })
        }
        return try self.call(try attribute(receiver, name), call)
    }

    /// `torch.zeros/ones/rand/randn/empty(*size, dtype=…)`.
    func creation(_ name: String, _ arguments: Arguments) throws(PyError) -> Value {
        let dtype = try dtypeArgument(arguments.keyword("dtype"))
        var positional = arguments.positional
        if positional.isEmpty, let size = arguments.keyword("size") { positional = [size] }
        let shape = try shapeArguments(positional, name)
        for keyword in arguments.keywords where !["dtype", "size", "device", "requires_grad"].contains(keyword.name) {
            throw PyError.type("\(name)() got an unexpected keyword argument '\(keyword.name)'")
        }
        return .tensor(
            try engine { () throws(TensorError) in
                switch name {
                case "ones": return try Tensor.ones(shape, dtype: dtype ?? .float32)
                case "rand": return try Tensor.rand(shape, using: &random)
                case "randn": return try Tensor.randn(shape, using: &random)
                default: return try Tensor.zeros(shape, dtype: dtype ?? .float32)
                }
            })
    }
}
