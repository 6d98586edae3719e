extension Tensor {
    /// Plain SGD's update in place, `p ← p − lr · g` for every element, each computed in double
    /// precision and rounded once (`Float(Double(p) − lr · Double(g))`, `torch.optim.SGD`'s formula
    /// without momentum or weight decay); elements past the shorter of the two are left alone.
    ///
    /// Here rather than in the optimizer so that it runs on the engine's vector width (four doubles
    /// a register where the language's own code has two); the arithmetic is the same, so the bits are.
    ///
    /// - Throws: ``TensorError`` when this tensor is not float32 or its buffer, shared with another
    ///   tensor, cannot be copied under the memory limit.
    public mutating func subtractScaled(_ gradient: [Float], learningRate lr: Double) throws(TensorError) {
        guard dtype == .float32 else { throw .type("subtractScaled: expected a float32 tensor, got \(dtype)") }
        try withMutableFloats { target in
            gradient.withUnsafeBufferPointer { g in
                target.withUnsafeMutableBufferPointer { p in
                    for i in 0..<Swift.min(p.count, g.count) { p[i] = Float(Double(p[i]) - lr * Double(g[i])) }
                }
            }
        }
    }
}
