import Foundation
import Tensors

/// A `torch.nn` layer: callable on a tensor (forward only), with parameters as attributes.
class Layer: PyObject, LayerObject, CallableObject {
    /// Parameters by name (`weight`, `bias`), boxed so `layer.weight.data[:] = …` updates them.
    var parameters: [(name: String, box: TensorBox?)] = []
    /// `layer.training`, switched by `train()` and `eval()`.
    var training = true

    override var typeName: String { "Module" }

    /// Applies the layer (recording the operation when the input or a parameter requires grad).
    func forward(_ interpreter: Interpreter, _ input: TrackedTensor) throws(PyError) -> Value {
        interpreter.result(input)
    }

    /// The text inside the parentheses of the repr.
    func extraRepr() -> String { "" }

    override func call(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value? {
        try arguments.expectPositional("forward", 1)
        let input = try interpreter.trackedArgument(arguments.positional[0], "\(typeName).forward(): input")
        try interpreter.checkInterrupt()
        return try forward(interpreter, input)
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        if let parameter = parameters.first(where: { $0.name == name }) {
            return parameter.box.map { .tensor($0) } ?? Value.none
        }
        switch name {
        case "__class__":
            return interpreter.layerType(of: self).map { .object($0) } ?? .type(interpreter.typeObject(of: .object(self)))
        case "forward", "__call__":
            return .builtin(
                BuiltinFunction(name) { [self] interpreter, arguments throws(PyError) in
                    try call(interpreter, arguments) ?? .none
                })
        default:
            return try interpreter.inheritedModuleAttribute(self, name)
        }
    }

    override func setAttribute(_ name: String, _ value: Value) throws(PyError) -> Bool {
        if name == "training", case .bool(let flag) = value {
            training = flag
            return true
        }
        guard let index = parameters.firstIndex(where: { $0.name == name }) else { return false }
        switch value {
        case .tensor(let box): parameters[index].box = box
        case .none: parameters[index].box = nil
        default:
            throw PyError.type(
                "cannot assign '\(Lang.typeName(of: value))' as parameter '\(name)' (torch.Tensor or None expected)")
        }
        return true
    }

    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        "\(typeName)(\(extraRepr()))"
    }

    /// Uniform values in `(-bound, bound)` with `bound = 1/sqrt(fan_in)`, as PyTorch's default
    /// (Kaiming-uniform with `a = sqrt(5)`) initialises weights and biases.
    static func initialised(
        _ shape: [Int], fanIn: Int, _ interpreter: Interpreter
    ) throws(PyError) -> TensorBox {
        let bound = fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
        let box = TensorBox(
            try engine { () throws(TensorError) in
                try Tensor.uniform(low: -bound, high: bound, shape, using: &interpreter.random)
            })
        // Layer weights are `nn.Parameter`s: they require grad, as in PyTorch.
        box.requiresGrad = true
        box.isParameter = true
        return box
    }
}

/// `nn.Conv2d` and `nn.LazyConv2d` (which learns `c_i` from its first input).
final class Conv2dLayer: Layer {
    var inChannels: Int?
    let outChannels: Int
    let kernel: ConvPair
    let stride: ConvPair
    let padding: ConvPadding2D
    let dilation: ConvPair
    let groups: Int
    let hasBias: Bool
    let isLazy: Bool

    init(
        inChannels: Int?, outChannels: Int, kernel: ConvPair, stride: ConvPair, padding: ConvPadding2D,
        dilation: ConvPair, groups: Int, hasBias: Bool, interpreter: Interpreter
    ) throws(PyError) {
        guard outChannels > 0, kernel.height > 0, kernel.width > 0, groups > 0 else {
            throw PyError.value("Conv2d: out_channels, kernel_size and groups must be positive")
        }
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
        self.hasBias = hasBias
        self.isLazy = inChannels == nil
        super.init()
        parameters = [("weight", nil), ("bias", nil)]
        if let inChannels { try materialize(inChannels, interpreter) }
    }

    private func materialize(_ inChannels: Int, _ interpreter: Interpreter) throws(PyError) {
        guard inChannels > 0, inChannels % groups == 0, outChannels % groups == 0 else {
            throw PyError.value(
                "Conv2d: in_channels (c_i = \(inChannels)) and out_channels (c_o = \(outChannels)) must be divisible by groups (\(groups))"
            )
        }
        self.inChannels = inChannels
        let fanIn = inChannels / groups * kernel.height * kernel.width
        let weight = try Layer.initialised(
            [outChannels, inChannels / groups, kernel.height, kernel.width], fanIn: fanIn, interpreter)
        let bias = hasBias ? try Layer.initialised([outChannels], fanIn: fanIn, interpreter) : nil
        parameters = [("weight", weight), ("bias", bias)]
    }

    override var typeName: String { isLazy && inChannels == nil ? "LazyConv2d" : "Conv2d" }

    override func forward(_ interpreter: Interpreter, _ input: TrackedTensor) throws(PyError) -> Value {
        if inChannels == nil {
            guard input.tensor.rank == 3 || input.tensor.rank == 4 else {
                throw PyError.runtime(
                    "LazyConv2d: expected a 3-D (c_i, h, w) or 4-D (N, c_i, h, w) input, got shape \(formatShape(input.shape))"
                )
            }
            try materialize(input.shape[input.tensor.rank - 3], interpreter)
        }
        guard let weightBox = parameters[0].box else { throw PyError.runtime("Conv2d: weight is None") }
        let weight = interpreter.tracked(weightBox)
        let bias = parameters[1].box.map { interpreter.tracked($0) }
        return interpreter.result(
            try engine { () throws(TensorError) in
                try TrackedTensor.conv2d(
                    input: input, weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation,
                    groups: groups)
            })
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "in_channels": return inChannels.map { .int($0) } ?? .int(0)
        case "out_channels": return .int(outChannels)
        case "kernel_size": return .tuple([.int(kernel.height), .int(kernel.width)])
        case "stride": return .tuple([.int(stride.height), .int(stride.width)])
        case "padding":
            switch padding {
            case .explicit(let pad): return .tuple([.int(pad.height), .int(pad.width)])
            case .valid: return .str("valid")
            case .same: return .str("same")
            }
        case "groups": return .int(groups)
        default: return try super.attribute(name, interpreter)
        }
    }

    override func extraRepr() -> String {
        // An unmaterialised LazyConv2d prints `in_channels` as 0, as PyTorch's does.
        var parts = ["\(inChannels ?? 0)", "\(outChannels)", "kernel_size=\(kernel)", "stride=\(stride)"]
        switch padding {
        case .explicit(let pad) where pad != ConvPair(0): parts.append("padding=\(pad)")
        case .valid, .explicit: break
        case .same: parts.append("padding=same")
        }
        if dilation != ConvPair(1) { parts.append("dilation=\(dilation)") }
        if groups != 1 { parts.append("groups=\(groups)") }
        if !hasBias { parts.append("bias=False") }
        return parts.joined(separator: ", ")
    }
}

/// `nn.MaxPool2d` (`nn.AvgPool2d` and the adaptive poolings live in `Layers/`).
final class Pool2dLayer: Layer {
    let kernel: ConvPair
    let stride: ConvPair?
    let padding: ConvPair

    init(kernel: ConvPair, stride: ConvPair?, padding: ConvPair) {
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
    }

    override var typeName: String { "MaxPool2d" }

    override func forward(_ interpreter: Interpreter, _ input: TrackedTensor) throws(PyError) -> Value {
        interpreter.result(
            try engine { () throws(TensorError) in
                try input.maxPool2d(kernelSize: kernel, stride: stride, padding: padding)
            })
    }

    override func extraRepr() -> String {
        func show(_ pair: ConvPair) -> String { pair.height == pair.width ? "\(pair.height)" : "\(pair)" }
        return
            "kernel_size=\(show(kernel)), stride=\(show(stride ?? kernel)), padding=\(show(padding)), dilation=1, ceil_mode=False"
    }
}

/// Parameter-free layers: activations and `Identity`.
final class ElementwiseLayer: Layer {
    let name: String
    let detail: String
    init(name: String, detail: String = "") {
        self.name = name
        self.detail = detail
    }
    override var typeName: String { name }
    override func forward(_ interpreter: Interpreter, _ input: TrackedTensor) throws(PyError) -> Value {
        switch name {
        case "ReLU", "Sigmoid", "Tanh": try interpreter.activation(name.lowercased(), input)
        default: interpreter.result(input)
        }
    }
    override func extraRepr() -> String { detail }
}

/// `nn.Flatten(start_dim=1, end_dim=-1)`.
final class FlattenLayer: Layer {
    let startDim: Int
    let endDim: Int
    init(startDim: Int, endDim: Int) {
        self.startDim = startDim
        self.endDim = endDim
    }
    override var typeName: String { "Flatten" }
    override func forward(_ interpreter: Interpreter, _ input: TrackedTensor) throws(PyError) -> Value {
        let flat = try engine { () throws(TensorError) in try input.tensor.flatten(startDim: startDim, endDim: endDim) }
        return interpreter.result(input.reshaped("ViewBackward0", flat))
    }
    override func extraRepr() -> String { "start_dim=\(startDim), end_dim=\(endDim)" }
}

/// `nn.Linear` and `nn.LazyLinear`.
final class LinearLayer: Layer {
    var inFeatures: Int?
    let outFeatures: Int
    let hasBias: Bool
    let isLazy: Bool

    init(inFeatures: Int?, outFeatures: Int, hasBias: Bool, interpreter: Interpreter) throws(PyError) {
        guard outFeatures > 0 else { throw PyError.value("Linear: out_features must be positive") }
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        self.hasBias = hasBias
        self.isLazy = inFeatures == nil
        super.init()
        parameters = [("weight", nil), ("bias", nil)]
        if let inFeatures { try materialize(inFeatures, interpreter) }
    }

    private func materialize(_ inFeatures: Int, _ interpreter: Interpreter) throws(PyError) {
        self.inFeatures = inFeatures
        let weight = try Layer.initialised([outFeatures, inFeatures], fanIn: inFeatures, interpreter)
        let bias = hasBias ? try Layer.initialised([outFeatures], fanIn: inFeatures, interpreter) : nil
        parameters = [("weight", weight), ("bias", bias)]
    }

    override var typeName: String { isLazy && inFeatures == nil ? "LazyLinear" : "Linear" }

    override func forward(_ interpreter: Interpreter, _ input: TrackedTensor) throws(PyError) -> Value {
        if inFeatures == nil {
            guard let last = input.shape.last else {
                throw PyError.runtime("LazyLinear: the input must have at least one dimension")
            }
            // An image batch (N, c, h, w) reaching a lazy linear layer is a forgotten nn.Flatten():
            // PyTorch would quietly learn in_features = w and fail later, far from the cause.
            guard input.shape.count < 4 else {
                throw PyError.runtime(
                    "LazyLinear(\(outFeatures)) got an input of shape \(Layer.shapeTuple(input.shape)): "
                        + "flatten it first (nn.Flatten())?")
            }
            try materialize(last, interpreter)
        }
        if let inFeatures, input.shape.last != inFeatures {
            let flat = input.shape.count >= 3 && input.shape.dropFirst().reduce(1, *) == inFeatures
            throw PyError.runtime(
                "\(typeName)(in_features=\(inFeatures), out_features=\(outFeatures)) expects \(inFeatures) features "
                    + "in the last dimension but the input has shape \(Layer.shapeTuple(input.shape))"
                    + (flat ? ": flatten it first (nn.Flatten())?" : ""))
        }
        guard let weightBox = parameters[0].box else { throw PyError.runtime("Linear: weight is None") }
        let bias = parameters[1].box.map { interpreter.tracked($0) }
        return interpreter.result(try interpreter.linear(input, interpreter.tracked(weightBox), bias))
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "in_features": .int(inFeatures ?? 0)
        case "out_features": .int(outFeatures)
        default: try super.attribute(name, interpreter)
        }
    }

    override func extraRepr() -> String {
        "in_features=\(inFeatures ?? 0), out_features=\(outFeatures), bias=\(hasBias ? "True" : "False")"
    }
}
