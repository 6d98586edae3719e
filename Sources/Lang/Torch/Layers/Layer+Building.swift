import Tensors

extension Layer {
    /// A new `nn.Parameter` holding `tensor`: a leaf that requires grad.
    static func parameter(_ tensor: Tensor) -> TensorBox {
        let box = TensorBox(tensor)
        box.requiresGrad = true
        box.isParameter = true
        return box
    }

    /// A shape as Python prints a tuple, for messages: `(1, 16, 5, 5)`, `(6,)`.
    static func shapeTuple(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// Replaces a buffer's values in place (`running_mean`, `num_batches_tracked`), so every
    /// reference to the buffer sees them, as PyTorch's in-place update does.
    static func update(_ buffer: TensorBox, to tensor: Tensor) {
        buffer.noteInPlaceChange()
        buffer.tensor = tensor
    }
}

extension Interpreter {
    /// An optional keyword flag (`affine=False`), `fallback` when absent.
    func flag(_ value: Value?, default fallback: Bool) throws(PyError) -> Bool {
        try value.map { (value) throws(PyError) in try truthy(value) } ?? fallback
    }

    /// An optional real-number argument (`eps=1e-3`), `fallback` when absent or `None`.
    func real(_ value: Value?, _ what: String, default fallback: Double) throws(PyError) -> Double {
        try value.orNone.map { (value) throws(PyError) in try floatArgument(value, what) } ?? fallback
    }
}
