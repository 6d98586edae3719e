extension PoolEngine {
    /// ``halvingAverageGradient(_:divisor:gradient:into:)`` followed by the sigmoid's gradient
    /// (``VectorSigmoid/backward(_:_:_:count:wide:)``) in one pass: each input position gets
    /// `share · y · (1 − y)`, with `share` the pooling gradient it would have got (`0 + dy / divisor`
    /// under a window, 0 elsewhere) and `y` the sigmoid's output there. The arithmetic is the two
    /// passes' own, so the results are the same bits (a NaN `y` outside every window still gives NaN).
    static func halvingAverageGradient(
        _ g: PoolGeometry, divisor: Int, gradient: UnsafePointer<Float>, sigmoidOutput y: UnsafePointer<Float>,
        into dx: UnsafeMutablePointer<Float>
    ) {
        halvingSpread(g, divisor: divisor, gradient: gradient, HalvingSigmoidShare(output: y, target: dx))
    }
}

/// A pooling gradient's share times the sigmoid's `y · (1 − y)`, in ``VectorSigmoid``'s order.
struct HalvingSigmoidShare: HalvingGradientSpread {
    /// The sigmoid's output, the pooling's input.
    let output: UnsafePointer<Float>
    let target: UnsafeMutablePointer<Float>

    @inline(__always) func write<V: SIMD>(_ share: V, at offset: Int) where V.Scalar == Float {
        let s = UnsafeRawPointer(output + offset).loadUnaligned(as: V.self)
        UnsafeMutableRawPointer(target + offset).storeBytes(of: share * s * (1 - s), as: V.self)
    }

    @inline(__always) func write(_ share: Float, at offset: Int) {
        target[offset] = share * output[offset] * (1 - output[offset])
    }
}
