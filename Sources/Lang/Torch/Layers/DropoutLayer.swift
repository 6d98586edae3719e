import Tensors

/// `nn.Dropout(p=0.5)`: in training mode zeroes each element with probability `p` (drawn from
/// the session's seeded generator, so `torch.manual_seed` repeats a run) and scales the rest by
/// `1/(1 − p)`; in evaluation mode the identity.
final class DropoutLayer: Layer {
    var probability: Double
    let inplace: Bool

    init(probability: Double, inplace: Bool) throws(PyError) {
        try Interpreter.checkDropoutProbability(probability)
        self.probability = probability
        self.inplace = inplace
    }

    override var typeName: String { "Dropout" }

    override func forward(_ interpreter: Interpreter, _ input: TrackedTensor) throws(PyError) -> Value {
        try interpreter.dropout(
            input, probability: probability, training: training, layer: "Dropout(p=\(pythonFloatRepr(probability)))")
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "p": .float(probability)
        case "inplace": .bool(inplace)
        default: try super.attribute(name, interpreter)
        }
    }

    override func setAttribute(_ name: String, _ value: Value) throws(PyError) -> Bool {
        switch value {
        case .float(let number) where name == "p":
            try Interpreter.checkDropoutProbability(number)
            probability = number
        case .int(let number) where name == "p":
            try Interpreter.checkDropoutProbability(Double(number))
            probability = Double(number)
        default: return try super.setAttribute(name, value)
        }
        return true
    }

    override func extraRepr() -> String { "p=\(pythonFloatRepr(probability)), inplace=\(pythonBool(inplace))" }
}

extension Interpreter {
    /// `F.dropout(x, p, training)`: a fresh mask from the session's generator in training mode,
    /// the input unchanged otherwise.
    func dropout(_ input: TrackedTensor, probability: Double, training: Bool, layer: String) throws(PyError) -> Value {
        guard training else { return result(input) }
        guard input.tensor.dtype == .float32 else {
            throw PyError.type(
                "\(layer) needs a floating-point input, got \(input.tensor.dtype): convert it with .float()")
        }
        return result(
            try engine { () throws(TensorError) in try input.dropout(probability: probability, using: &random) })
    }

    /// PyTorch's check of a dropout probability (a `ValueError`).
    static func checkDropoutProbability(_ p: Double) throws(PyError) {
        guard p >= 0, p <= 1 else {
            throw PyError.value("dropout probability has to be between 0 and 1, but got \(pythonFloatRepr(p))")
        }
    }
}
