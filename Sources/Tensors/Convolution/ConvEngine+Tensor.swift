extension ConvEngine {
    /// Runs a validated convolution on tensors and wraps the result in `shape`.
    ///
    /// The caller has checked that all operands are float32; the element cap is checked here,
    /// before anything is allocated. With `cachesPacking`, a kernel that packs the weights may
    /// keep the packing for the next call on the same weights (``ConvBlockedWeightCache``): for
    /// weights that are not rewritten on every call.
    static func tensor(
        _ g: ConvGeometry, input: Tensor, weight: Tensor, bias: Tensor?, shape: [Int], forced: Algorithm? = nil,
        cachesPacking: Bool = false
    ) throws(TensorError) -> Tensor {
        let count = try TensorLimits.elementCount(of: shape)
        guard case .float32(let inputValues) = input.storage, case .float32(let weightValues) = weight.storage
        else { throw .type("convolution operands must be float32") }
        var biasValues: [Float]? = nil
        if let bias {
            guard case .float32(let values) = bias.storage else { throw .type("convolution bias must be float32") }
            biasValues = values
        }
        let result = try ElementBuffer.uninitialized(count, for: shape) {
            (buffer: inout UnsafeMutableBufferPointer<Float>, initialized: inout Int) in
            guard let out = buffer.baseAddress, count > 0 else { return }
            inputValues.withUnsafeBufferPointer { x in
                weightValues.withUnsafeBufferPointer { w in
                    // No input channel per group means every output is just its bias.
                    guard let x = x.baseAddress, let w = w.baseAddress, g.patchLength > 0 else {
                        fillConstant(g, bias: biasValues, output: out)
                        return
                    }
                    if let biasValues {
                        biasValues.withUnsafeBufferPointer { b in
                            run(
                                g, input: x, weight: w, bias: b.baseAddress, output: out, forced: forced,
                                weightArray: cachesPacking ? weightValues : nil)
                        }
                    } else {
                        run(
                            g, input: x, weight: w, bias: nil, output: out, forced: forced,
                            weightArray: cachesPacking ? weightValues : nil)
                    }
                }
            }
            initialized = count
        }
        return Tensor(uncheckedShape: shape, storage: .float32(result))
    }

    /// The output of a convolution with nothing to sum: each channel holds its bias (or zero).
    private static func fillConstant(_ g: ConvGeometry, bias: [Float]?, output: UnsafeMutablePointer<Float>) {
        let plane = g.outPlane
        for n in 0..<g.batch {
            for co in 0..<g.outChannels {
                (output + (n * g.outChannels + co) * plane).initialize(repeating: bias?[co] ?? 0, count: plane)
            }
        }
    }
}
