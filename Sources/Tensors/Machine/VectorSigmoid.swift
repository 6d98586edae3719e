import TensorsWide

/// The logistic function and its gradient on whole vector registers.
///
/// `sigmoid` runs on every activation of the book's LeNet, forward and backward (about 0.8 million
/// values per batch of 128); a scalar `expf` per value was a quarter of an epoch's time. The
/// algorithm (Cephes' `expf` polynomial with fused multiply-adds, then one division) is
/// `TensorsWide`'s ``LogisticLanes``, written once for any width: 16 lanes through
/// ``LogisticWide`` where ``CPUFeatures`` allows AVX-512, 8 lanes (AVX2) here otherwise. It stays
/// within 2 ulp of the scalar ``UnaryFunction/sigmoid`` and 2.1 ulp of the exact value. A register
/// holding a value whose `e^(−|x|)` would be subnormal (`|x| > 87`) or a NaN, and the last few
/// values, go through the scalar function, which keeps those exact.
enum VectorSigmoid {
    /// Values below which a call stays on the calling thread.
    static let parallelMinimum = 1 << 16

    /// Runs `body(start, count)` over `count` values in whole blocks of sixteen, split across the
    /// engine's threads for large counts.
    private static func split(_ count: Int, _ body: (Int, Int) -> Void) {
        guard count >= parallelMinimum else { return body(0, count) }
        let blocks = (count + 15) / 16
        Parallel.forEach(blocks, minimumChunk: parallelMinimum / 16) { range in
            let start = range.lowerBound * 16
            body(start, min(count, range.upperBound * 16) - start)
        }
    }

    /// `sigmoid(x)` of `count` values, on 16 lanes when `wide` (only where AVX-512 is in use).
    static func forward(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int,
        wide: Bool = CPUFeatures.current.useAVX512
    ) {
        split(count) { start, part in forwardRun(x + start, y + start, count: part, wide: wide) }
    }

    /// ``forward(_:_:count:wide:)`` on the calling thread. A part of a larger call gives the same bits as
    /// that call when it starts a block of sixteen counted from the call's first value (the vector loop
    /// then meets the same registers) and, unless it is the last part, ends one.
    static func forwardRun(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int, wide: Bool) {
        let width = wide ? 16 : 8
        var index = 0
        while index < count {
            index +=
                wide
                ? LogisticWide.forward(x + index, y + index, count: count - index)
                : LogisticLanes.forward(SIMD8<Float>.self, x + index, y + index, count: count - index)
            // The register the vector loop stopped at (|x| > 87 or NaN), or the values after the last whole one.
            for lane in index..<min(count, index + width) { y[lane] = UnaryFunction.sigmoid.apply(x[lane]) }
            index += width
        }
    }

    /// The input gradient `dy · y · (1 − y)` from the output gradient and the forward's output.
    static func backward(
        _ dy: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, count: Int,
        wide: Bool = CPUFeatures.current.useAVX512
    ) {
        split(count) { start, part in
            let (dy, y, dx) = (dy + start, y + start, dx + start)
            let done =
                wide
                ? LogisticWide.backward(dy, y, dx, count: part)
                : LogisticLanes.backward(SIMD8<Float>.self, dy, y, dx, count: part)
            for index in done..<part { dx[index] = dy[index] * y[index] * (1 - y[index]) }
        }
    }
}
