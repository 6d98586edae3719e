import Tensors

/// `nn.LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=True, bias=True)`: normalizes
/// every sample over its last dimensions, then scales and shifts element-wise by `weight` and
/// `bias` (parameters of shape `normalized_shape`). The same in training and evaluation mode.
final class LayerNormLayer: Layer {
    let normalizedShape: [Int]
    var eps: Double
    let elementwiseAffine: Bool
    let hasBias: Bool

    init(normalizedShape: [Int], eps: Double, elementwiseAffine: Bool, bias: Bool) throws(PyError) {
        guard !normalizedShape.isEmpty, normalizedShape.allSatisfy({ $0 > 0 }) else {
            throw PyError.value(
                "LayerNorm: normalized_shape must be one or more positive sizes, got \(Layer.shapeTuple(normalizedShape))"
            )
        }
        self.normalizedShape = normalizedShape
        self.eps = eps
        self.elementwiseAffine = elementwiseAffine
        self.hasBias = elementwiseAffine && bias
        super.init()
        let (ones, zeros) = try engine { () throws(TensorError) in
            (try Tensor.ones(normalizedShape), try Tensor.zeros(normalizedShape))
        }
        parameters = [
            ("weight", elementwiseAffine ? Layer.parameter(ones) : nil),
            ("bias", hasBias ? Layer.parameter(zeros) : nil),
        ]
    }

    override var typeName: String { "LayerNorm" }

    override func forward(_ interpreter: Interpreter, _ input: TrackedTensor) throws(PyError) -> Value {
        guard input.shape.count >= normalizedShape.count,
            Array(input.shape.suffix(normalizedShape.count)) == normalizedShape
        else {
            let last = normalizedShape.count == 1 ? "last dimension" : "last \(normalizedShape.count) dimensions"
            throw PyError.runtime(
                "LayerNorm(\(Layer.shapeTuple(normalizedShape))) normalizes the \(last) of its input, which must be "
                    + "\(Layer.shapeTuple(normalizedShape)), but the input has shape \(Layer.shapeTuple(input.shape))")
        }
        let weight = parameters[0].box.map { interpreter.tracked($0) }
        let bias = parameters[1].box.map { interpreter.tracked($0) }
        return interpreter.result(
            try engine { () throws(TensorError) in
                try TrackedTensor.layerNorm(
                    input, normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps)
            })
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "normalized_shape": .tuple(normalizedShape.map { .int($0) })
        case "eps": .float(eps)
        case "elementwise_affine": .bool(elementwiseAffine)
        default: try super.attribute(name, interpreter)
        }
    }

    override func setAttribute(_ name: String, _ value: Value) throws(PyError) -> Bool {
        switch (name, value) {
        case ("eps", .float(let number)): eps = number
        case ("eps", .int(let number)): eps = Double(number)
        default: return try super.setAttribute(name, value)
        }
        return true
    }

    override func extraRepr() -> String {
        "\(Layer.shapeTuple(normalizedShape)), eps=\(pythonFloatRepr(eps)), "
            + "elementwise_affine=\(pythonBool(elementwiseAffine)), bias=\(pythonBool(hasBias))"
    }
}
