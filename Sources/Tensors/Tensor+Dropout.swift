extension Tensor {
    /// The multiplier of one dropout pass: each element is kept with probability `1 − p` and
    /// then worth `1/(1 − p)`, or dropped (0) with probability `p`, so the expected value of
    /// `x · mask` is `x` (`torch.nn.functional.dropout` in training mode).
    ///
    /// Element `i` is kept when the generator's `i`-th double is at least `p`; the same seed gives
    /// the same mask. With `p = 1` every element is dropped.
    ///
    /// ```swift
    /// var generator = RandomGenerator(seed: 0)
    /// let mask = try Tensor.dropoutMask([4], probability: 0.5, using: &generator)   // e.g. [2, 0, 0, 2]
    /// ```
    ///
    /// - Throws: ``TensorError`` for `p` outside `[0, 1]` or a shape over the element limit.
    public static func dropoutMask(
        _ shape: [Int], probability p: Double, using generator: inout RandomGenerator
    ) throws(TensorError) -> Tensor {
        try checkDropoutProbability(p)
        let count = try TensorLimits.elementCount(of: shape)
        guard p < 1 else {
            return Tensor(
                uncheckedShape: shape, storage: .float32(try ElementBuffer.repeating(0, count: count, for: shape)))
        }
        let kept = Float(1 / (1 - p))
        var values = try ElementBuffer.repeating(Float(0), count: count, for: shape)
        for index in 0..<count where generator.nextDouble() >= p {
            values[index] = kept
        }
        return Tensor(uncheckedShape: shape, storage: .float32(values))
    }

    /// Checks a dropout probability with PyTorch's message.
    static func checkDropoutProbability(_ p: Double) throws(TensorError) {
        guard p >= 0, p <= 1 else {
            throw .value("dropout probability has to be between 0 and 1, but got \(PythonFloat.repr(p))")
        }
    }
}
