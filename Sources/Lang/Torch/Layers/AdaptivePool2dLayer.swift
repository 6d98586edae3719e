import Tensors

/// `nn.AdaptiveAvgPool2d(output_size)` and `nn.AdaptiveMaxPool2d(output_size, return_indices=False)`:
/// pool any input to exactly `output_size` (`(1, 1)` is global pooling); a `None` entry keeps
/// that input dimension.
final class AdaptivePool2dLayer: Layer {
    let isMax: Bool
    let outputSize: AdaptiveOutputSize
    let returnIndices: Bool

    init(isMax: Bool, outputSize: AdaptiveOutputSize, returnIndices: Bool) {
        self.isMax = isMax
        self.outputSize = outputSize
        self.returnIndices = returnIndices
    }

    override var typeName: String { isMax ? "AdaptiveMaxPool2d" : "AdaptiveAvgPool2d" }

    override func forward(_ interpreter: Interpreter, _ input: TrackedTensor) throws(PyError) -> Value {
        try interpreter.checkPoolingInput(input.shape, layer: "\(typeName)(output_size=\(outputSize.text))")
        return try interpreter.adaptivePool(input, outputSize, isMax: isMax, returnIndices: returnIndices)
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "output_size": outputSize.value
        case "return_indices" where isMax: .bool(returnIndices)
        default: try super.attribute(name, interpreter)
        }
    }

    override func extraRepr() -> String { "output_size=\(outputSize.text)" }
}

/// An adaptive pooling's `output_size`: an int, or a pair whose entries may be `None` (keep
/// the input's size there).
struct AdaptiveOutputSize {
    let height: Int?
    let width: Int?
    /// As given, for the repr: `3`, `(1, 1)`, `(2, None)`.
    let text: String
    /// As given, for the attribute.
    let value: Value

    init(_ value: Value, _ interpreter: Interpreter) throws(PyError) {
        self.value = value
        func size(_ item: Value) throws(PyError) -> Int? {
            if case .none = item { return nil }
            let number = try interpreter.intArgument(item, "output_size")
            guard number >= 0 else { throw PyError.value("output_size must be non-negative, got \(number)") }
            return number
        }
        switch value {
        case .int, .bool, .none:
            height = try size(value)
            width = height
            text = height.map(String.init) ?? "None"
        default:
            let items = try interpreter.iterateAll(value)
            guard items.count == 2 else {
                throw PyError.value("output_size must be an int or a pair, got \(items.count) values")
            }
            height = try size(items[0])
            width = try size(items[1])
            text = "(\(height.map(String.init) ?? "None"), \(width.map(String.init) ?? "None"))"
        }
    }

    /// The size for an input of `shape` (`None` entries take the input's; the engine rejects
    /// an input with fewer than 3 dimensions).
    func resolved(for shape: [Int]) -> ConvPair {
        guard shape.count >= 2 else { return ConvPair(height ?? 1, width ?? 1) }
        return ConvPair(height ?? shape[shape.count - 2], width ?? shape[shape.count - 1])
    }
}

extension Interpreter {
    /// `F.adaptive_avg_pool2d` / `F.adaptive_max_pool2d` (with `(values, indices)` when asked).
    func adaptivePool(
        _ input: TrackedTensor, _ outputSize: AdaptiveOutputSize, isMax: Bool, returnIndices: Bool
    ) throws(PyError) -> Value {
        let size = outputSize.resolved(for: input.shape)
        guard isMax else {
            return result(try engine { () throws(TensorError) in try input.adaptiveAvgPool2d(outputSize: size) })
        }
        let (values, indices) = try engine { () throws(TensorError) in try input.adaptiveMaxPool2d(outputSize: size) }
        return returnIndices ? .tuple([result(values), .tensor(indices)]) : result(values)
    }
}
