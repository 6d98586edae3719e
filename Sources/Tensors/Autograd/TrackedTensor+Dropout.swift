extension TrackedTensor {
    /// `F.dropout(x, p, training=True)`: `x · mask` with a fresh ``Tensor/dropoutMask(_:probability:using:)``;
    /// the gradient is `mask` times the upstream gradient (PyTorch records it as `MulBackward0`).
    ///
    /// With `p = 0` nothing is dropped and the input itself is returned, as in PyTorch.
    /// - Throws: ``TensorError`` for `p` outside `[0, 1]` or a non-float input.
    public func dropout(probability p: Double, using generator: inout RandomGenerator) throws(TensorError)
        -> TrackedTensor
    {
        try Tensor.checkDropoutProbability(p)
        guard tensor.dtype == .float32 else {
            throw .type("dropout: input must be float32, got \(tensor.dtype); convert it with .float()")
        }
        guard p > 0, tensor.count > 0 else { return self }
        let mask = try Tensor.dropoutMask(shape, probability: p, using: &generator)
        let result = try tensor * mask
        return Self.record("MulBackward0", result, inputs: [self]) { gradient, _ throws(TensorError) in
            [try gradient * mask]
        }
    }
}
