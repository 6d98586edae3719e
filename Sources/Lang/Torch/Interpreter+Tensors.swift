import Tensors

// Placeholder tensor surface until the engine lands; replaced after merging `engine`.
extension Interpreter {
    func tensorTruth(_ tensor: Tensor) throws(PyError) -> Bool {
        guard tensor.count == 1 else {
            throw PyError.runtime("Boolean value of Tensor with more than one value is ambiguous")
        }
        return tensor.floats[0] != 0
    }
    func tensorUnary(_ op: UnaryOperator, _ tensor: Tensor) throws(PyError) -> Value { throw unavailable() }
    func tensorBinary(_ op: BinaryOperator, _ lhs: Value, _ rhs: Value) throws(PyError) -> Value { throw unavailable() }
    func tensorCompare(_ op: CompareOperator, _ lhs: Value, _ rhs: Value) throws(PyError) -> Value {
        throw unavailable()
    }
    func tensorContains(_ tensor: Tensor, _ value: Value) throws(PyError) -> Bool { throw unavailable() }
    func tensorGetItem(_ tensor: Tensor, _ index: Value) throws(PyError) -> Value { throw unavailable() }
    func tensorSetItem(_ box: TensorBox, _ index: Value, _ value: Value) throws(PyError) { throw unavailable() }
    func tensorIterator(_ tensor: Tensor) throws(PyError) -> ValueIterator { throw unavailable() }
    func tensorRepr(_ tensor: Tensor) throws(PyError) -> String { "tensor(...)" }
    func tensorItem(_ tensor: Tensor) throws(PyError) -> Value { .float(Double(tensor.floats.first ?? 0)) }
    func tensorAbs(_ tensor: Tensor) throws(PyError) -> Value { throw unavailable() }
    func tensorAttribute(_ box: TensorBox, _ name: String) throws(PyError) -> Value { throw unavailable() }
    func tensorSetAttribute(_ box: TensorBox, _ name: String, _ value: Value) throws(PyError) { throw unavailable() }
    func assignInPlace(_ box: TensorBox, _ tensor: Tensor) throws(PyError) { box.tensor = tensor }
    func installModules() { installMath() }

    private func unavailable() -> PyError { PyError.runtime("tensors are not available yet") }
}

extension Tensor {
    /// The single element as an integer, if the tensor holds exactly one integral element.
    var scalarInt: Int? {
        guard count == 1 else { return nil }
        switch storage {
        case .int64(let values): return Int(values[0])
        case .bool(let values): return values[0] ? 1 : 0
        case .float32(let values): return values[0].rounded() == values[0] ? Int(exactly: values[0]) : nil
        }
    }

    /// The single element as a double.
    var scalarDouble: Double? {
        guard count == 1 else { return nil }
        return Double(floats[0])
    }
}

/// The session's random source (wraps the engine's generator once merged).
struct RandomSource {
    var state: UInt64
    init(seed: UInt64) { state = seed }
}
