import Tensors

/// `nn.AvgPool2d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
/// divisor_override=None)`: the mean of each window (PyTorch's defaults: padding zeros count in
/// the divisor, the output size rounds down).
final class AvgPool2dLayer: Layer {
    let kernel: ConvPair
    let stride: ConvPair?
    let padding: ConvPair
    let ceilMode: Bool
    let countIncludePad: Bool
    let divisorOverride: Int?
    /// `kernel_size`, `stride` and `padding` as given (`2` or `(2, 3)`), for the repr.
    private let texts: (kernel: String, stride: String, padding: String)

    init(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) {
        let values = try arguments.bind(
            "AvgPool2d",
            ["kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override"], required: 1)
        let kernel = try interpreter.pair(values[0], "kernel_size", default: 1)
        let stride = try values[1].orNone.map { (value) throws(PyError) in
            try interpreter.pair(value, "stride", default: 1)
        }
        let padding = try interpreter.pair(values[2], "padding", default: 0)
        let kernelText = try interpreter.pairText(values[0], kernel)
        let strideText = try stride.map { (stride) throws(PyError) in try interpreter.pairText(values[1], stride) }
        texts = (kernelText, strideText ?? kernelText, try interpreter.pairText(values[2], padding))
        self.kernel = kernel
        self.stride = stride
        self.padding = padding
        ceilMode = try interpreter.flag(values[3], default: false)
        countIncludePad = try interpreter.flag(values[4], default: true)
        divisorOverride = try values[5].orNone.map { (value) throws(PyError) in
            try interpreter.intArgument(value, "divisor_override")
        }
    }

    override var typeName: String { "AvgPool2d" }

    override func forward(_ interpreter: Interpreter, _ input: TrackedTensor) throws(PyError) -> Value {
        try interpreter.checkPoolingInput(input.shape, layer: "AvgPool2d(kernel_size=\(texts.kernel))")
        return interpreter.result(
            try engine { () throws(TensorError) in
                try input.avgPool2d(
                    kernelSize: kernel, stride: stride, padding: padding, ceilMode: ceilMode,
                    countIncludePad: countIncludePad, divisorOverride: divisorOverride)
            })
    }

    /// This layer applied to `sigmoid(input)`: the two layers' work in one pass where the engine has one
    /// (``TrackedTensor/sigmoidAvgPool2d(kernelSize:stride:padding:ceilMode:countIncludePad:divisorOverride:)``).
    func forward(_ interpreter: Interpreter, afterSigmoidOf input: TrackedTensor) throws(PyError) -> Value {
        try interpreter.checkPoolingInput(input.shape, layer: "AvgPool2d(kernel_size=\(texts.kernel))")
        return interpreter.result(
            try engine { () throws(TensorError) in
                try input.sigmoidAvgPool2d(
                    kernelSize: kernel, stride: stride, padding: padding, ceilMode: ceilMode,
                    countIncludePad: countIncludePad, divisorOverride: divisorOverride
                ).pooled
            })
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "ceil_mode": .bool(ceilMode)
        case "count_include_pad": .bool(countIncludePad)
        case "divisor_override": divisorOverride.map { .int($0) } ?? Value.none
        default: try super.attribute(name, interpreter)
        }
    }

    override func extraRepr() -> String {
        "kernel_size=\(texts.kernel), stride=\(texts.stride), padding=\(texts.padding)"
    }
}

extension Interpreter {
    /// A pair argument as PyTorch's repr shows it: an int as given (`2`), a pair as a tuple (`(2, 3)`).
    func pairText(_ value: Value?, _ pair: ConvPair) throws(PyError) -> String {
        switch value.orNone {
        case .int(let number)?: "\(number)"
        case .bool(let flag)?: flag ? "1" : "0"
        case nil: pair.height == pair.width ? "\(pair.height)" : "(\(pair.height), \(pair.width))"
        default: "(\(pair.height), \(pair.width))"
        }
    }

    /// Checks that a 2-D pooling layer gets `(c_i, h, w)` or `(N, c_i, h, w)`.
    func checkPoolingInput(_ shape: [Int], layer: String) throws(PyError) {
        guard shape.count == 3 || shape.count == 4 else {
            throw PyError.runtime(
                "\(layer) expects a 3-D (c_i, h, w) or 4-D (N, c_i, h, w) input but got shape "
                    + "\(Layer.shapeTuple(shape))")
        }
    }
}
