/// The logistic function and its gradient eight lanes at a time (one AVX2 register).
///
/// `sigmoid` runs on every activation of the book's LeNet, forward and backward (about 0.8 million
/// values per batch of 128); a scalar `expf` per value was a quarter of an epoch's time. Here
/// `e^(−|x|)` comes from Cephes' `expf` (a degree-6 polynomial on `[−ln 2 / 2, ln 2 / 2]` times a
/// power of two built in the exponent bits; the sigmoid within 3 ulp of the exact value), and the result is
/// `1 / (1 + e)` for `x ≥ 0` and `e / (1 + e)` below, as the scalar ``UnaryFunction/sigmoid`` does,
/// so it never overflows. A block of eight holding a value whose `e^(−|x|)` would be subnormal
/// (`|x| > 87`) or a NaN goes through the scalar function instead, which keeps those exact.
enum VectorSigmoid {
    typealias Lanes = SIMD8<Float>

    /// `e^t` for `t` in `[−87, 0]`.
    @inline(__always)
    static func exp(_ t: Lanes) -> Lanes {
        let log2e: Float = 1.442_695_04
        // Adding 1.5 · 2²³ rounds t · log₂e to the nearest integer n and leaves n in the low bits.
        let magic: Float = 12_582_912
        let shifted = t * log2e + magic
        let n = shifted - magic
        // Cephes' two-part ln 2, so r = t − n ln 2 keeps its low bits.
        var r = t - n * 0.693_359_375
        r = r + n * 2.121_944_4e-4
        var p: Lanes = Lanes(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        p = p * (r * r) + r + 1
        let exponent = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        let scale = unsafeBitCast((exponent &+ 127) &<< 23, to: Lanes.self)
        return p * scale
    }

    /// Values below which a call stays on the calling thread.
    static let parallelMinimum = 1 << 16

    /// Runs `body(start, count)` over `count` values in whole blocks of eight, split across the
    /// engine's threads for large counts.
    private static func split(_ count: Int, _ body: (Int, Int) -> Void) {
        guard count >= parallelMinimum else { return body(0, count) }
        let blocks = (count + 7) / 8
        Parallel.forEach(blocks, minimumChunk: parallelMinimum / 16) { range in
            let start = range.lowerBound * 8
            body(start, min(count, range.upperBound * 8) - start)
        }
    }

    /// `sigmoid(x)` of `count` values.
    static func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        split(count) { start, part in forwardRun(x + start, y + start, count: part) }
    }

    private static func forwardRun(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int) {
        var index = 0
        while index + 8 <= count {
            let v = UnsafeRawPointer(x + index).loadUnaligned(as: Lanes.self)
            let a = v.replacing(with: -v, where: v .< 0)
            if all(a .<= 87) {
                let e = exp(-a)
                let s = 1 / (1 + e)
                let result = s.replacing(with: e * s, where: v .< 0)
                UnsafeMutableRawPointer(y + index).storeBytes(of: result, as: Lanes.self)
            } else {
                for lane in index..<index + 8 { y[lane] = UnaryFunction.sigmoid.apply(x[lane]) }
            }
            index += 8
        }
        while index < count {
            y[index] = UnaryFunction.sigmoid.apply(x[index])
            index += 1
        }
    }

    /// The input gradient `dy · y · (1 − y)` from the output gradient and the forward's output.
    static func backward(
        _ dy: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, count: Int
    ) {
        split(count) { start, part in backwardRun(dy + start, y + start, dx + start, count: part) }
    }

    private static func backwardRun(
        _ dy: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, count: Int
    ) {
        var index = 0
        while index + 8 <= count {
            let g = UnsafeRawPointer(dy + index).loadUnaligned(as: Lanes.self)
            let s = UnsafeRawPointer(y + index).loadUnaligned(as: Lanes.self)
            UnsafeMutableRawPointer(dx + index).storeBytes(of: g * s * (1 - s), as: Lanes.self)
            index += 8
        }
        while index < count {
            dx[index] = dy[index] * y[index] * (1 - y[index])
            index += 1
        }
    }
}
