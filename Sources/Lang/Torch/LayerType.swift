/// A built-in layer class of `torch.nn` (`nn.Conv2d`, `nn.Sequential`): calling it makes a
/// layer, and it is what `type(layer)` and `layer.__class__` give, so the book's
/// `type(m) == nn.Linear` and `isinstance(m, nn.Conv2d)` work as in PyTorch.
///
/// A lazy layer's class is the lazy one until its first input materialises it, then the class it
/// became (PyTorch's `cls_to_become`): ``Interpreter/layerType(of:)`` goes by the layer's current
/// ``Layer/typeName``.
final class LayerType: PyObject, CallableObject {
    /// The class name (`Conv2d`).
    let name: String
    /// The module PyTorch defines it in (`torch.nn.modules.conv`).
    let moduleName: String
    /// Makes a layer from the constructor's arguments.
    let construct: BuiltinFunction
    /// The built-in class this one derives from, besides `nn.Module` (`LazyLinear` is a `Linear`).
    var base: LayerType?

    init(name: String, moduleName: String, construct: BuiltinFunction) {
        self.name = name
        self.moduleName = moduleName
        self.construct = construct
    }

    override var typeName: String { "type" }

    /// Whether `layer` is an instance of this class or of one derived from it.
    func isInstance(_ layer: Layer, _ interpreter: Interpreter) -> Bool {
        var current = interpreter.layerTypes[layer.typeName]
        while let cls = current {
            if cls === self { return true }
            current = cls.base
        }
        return false
    }

    override func call(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value? {
        try construct.body(interpreter, arguments)
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "__name__", "__qualname__": return .str(self.name)
        case "__module__": return .str(moduleName)
        case "__bases__": return .tuple([base.map { .object($0) } ?? .object(interpreter.moduleClass)])
        default: break
        }
        // `nn.Linear.forward`, `nn.Conv2d.parameters`: nn.Module's methods, unbound.
        return interpreter.moduleClass.lookup(name)
    }

    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        "<class '\(moduleName).\(name)'>"
    }
}

extension Interpreter {
    /// Where PyTorch defines each built-in layer class, for `repr(nn.Conv2d)` and `__module__`.
    private static let layerModules: [String: String] = {
        var table: [String: String] = [:]
        let groups: [(String, [String])] = [
            ("conv", ["Conv1d", "Conv2d", "Conv3d", "LazyConv1d", "LazyConv2d", "LazyConv3d", "ConvTranspose2d"]),
            (
                "pooling",
                [
                    "MaxPool1d", "MaxPool2d", "AvgPool1d", "AvgPool2d", "AdaptiveAvgPool1d", "AdaptiveAvgPool2d",
                    "AdaptiveMaxPool1d", "AdaptiveMaxPool2d",
                ]
            ),
            (
                "activation",
                ["ReLU", "Sigmoid", "Tanh", "Softmax", "LogSoftmax", "GELU", "LeakyReLU", "ELU", "SiLU", "Softplus"]
            ),
            ("linear", ["Linear", "LazyLinear", "Identity", "Bilinear"]),
            ("flatten", ["Flatten", "Unflatten"]),
            ("container", ["Sequential", "ModuleList", "ModuleDict", "ParameterList", "ParameterDict"]),
            ("dropout", ["Dropout", "Dropout1d", "Dropout2d", "AlphaDropout"]),
            (
                "batchnorm",
                ["BatchNorm1d", "BatchNorm2d", "BatchNorm3d", "LazyBatchNorm1d", "LazyBatchNorm2d", "LazyBatchNorm3d"]
            ),
            ("normalization", ["LayerNorm", "GroupNorm", "LocalResponseNorm"]),
            (
                "loss",
                ["MSELoss", "CrossEntropyLoss", "L1Loss", "NLLLoss", "BCELoss", "BCEWithLogitsLoss", "HuberLoss"]
            ),
            ("sparse", ["Embedding"]),
            ("rnn", ["RNN", "GRU", "LSTM"]),
        ]
        for (module, names) in groups {
            for name in names { table[name] = "torch.nn.modules." + module }
        }
        return table
    }()

    /// The lazy classes that derive from the class they become.
    private static let layerBases = [
        "LazyConv1d": "Conv1d", "LazyConv2d": "Conv2d", "LazyConv3d": "Conv3d", "LazyLinear": "Linear",
        "LazyBatchNorm1d": "BatchNorm1d", "LazyBatchNorm2d": "BatchNorm2d",
    ]

    /// Turns every built-in layer constructor of `torch.nn` (a capitalised builtin such as
    /// `Conv2d`) into its ``LayerType``, wherever it was defined. Runs once, after every layer is
    /// installed.
    func makeLayerTypes(in nn: Module) {
        for (name, value) in nn.attributes {
            guard case .builtin(let construct) = value, name.first?.isUppercase == true, name != "Parameter" else {
                continue
            }
            let type = LayerType(
                name: name, moduleName: Interpreter.layerModules[name] ?? "torch.nn.modules", construct: construct)
            layerTypes[name] = type
            nn.attributes[name] = .object(type)
        }
        for (name, baseName) in Interpreter.layerBases {
            layerTypes[name]?.base = layerTypes[baseName]
        }
    }

    /// `type(layer)`: the built-in class of a layer, by the name it has now.
    func layerType(of layer: Layer) -> LayerType? {
        layerTypes[layer.typeName]
    }
}
