/// The inner loop of ``ConvBlocked``: up to 6 output positions of one row × 16 output channels,
/// summed over one block of 8 input channels and every kernel tap (AVX2 + FMA: twelve 8-lane
/// accumulators, two weight vectors and one broadcast input live at a time).
///
/// Output channels lie in the vector lanes, so each step loads its 16 weights as two aligned
/// vectors and broadcasts one input value per position; no load ever straddles a cache line.
/// With a stride-1 kernel row, taps `(k_w, c)` follow each other in the channel-blocked input,
/// so a kernel row is one run of `8 · k_w` steps.
enum ConvBlockedKernel {
    /// Output positions per tile.
    static let positions = 6

    /// Adds (or, with `first`, stores) the tile's sums into `tile`: `count` positions of 16
    /// floats each, position-major.
    ///
    /// - Parameters:
    ///   - input: the tile's first input value (position 0, tap (0, 0), channel 0).
    ///   - rowStride: floats from one kernel row's inputs to the next.
    ///   - positionStride: floats from one output position's inputs to the next (`8 · s_w`).
    ///   - rows: kernel rows (`k_h`).
    ///   - steps: steps per kernel row (`8 · k_w`).
    ///   - weights: `rows · steps` groups of 16 output-channel weights, 32-byte aligned.
    ///   - count: positions in the tile, 1...6.
    static func run(
        input: UnsafePointer<Float>, rowStride: Int, positionStride: Int, rows: Int, steps: Int,
        weights: UnsafePointer<Float>, tile: UnsafeMutablePointer<Float>, first: Bool, count: Int
    ) {
        if count == positions {
            run(
                input: input, rowStride: rowStride, positionStride: positionStride, rows: rows, steps: steps,
                weights: weights, tile: tile, first: first, count: count, full: true)
        } else {
            run(
                input: input, rowStride: rowStride, positionStride: positionStride, rows: rows, steps: steps,
                weights: weights, tile: tile, first: first, count: count, full: false)
        }
    }

    /// The kernel body; `full` is a constant at both call sites, so the full tile compiles
    /// without the per-position branches.
    @inline(__always)
    private static func run(
        input: UnsafePointer<Float>, rowStride: Int, positionStride: Int, rows: Int, steps: Int,
        weights: UnsafePointer<Float>, tile: UnsafeMutablePointer<Float>, first: Bool, count: Int, full: Bool
    ) {
        var c00 = SIMD8<Float>()
        var c01 = SIMD8<Float>()
        var c10 = SIMD8<Float>()
        var c11 = SIMD8<Float>()
        var c20 = SIMD8<Float>()
        var c21 = SIMD8<Float>()
        var c30 = SIMD8<Float>()
        var c31 = SIMD8<Float>()
        var c40 = SIMD8<Float>()
        var c41 = SIMD8<Float>()
        var c50 = SIMD8<Float>()
        var c51 = SIMD8<Float>()
        if !first {
            load(&c00, &c01, tile, 0, count: count, full: full)
            load(&c10, &c11, tile, 1, count: count, full: full)
            load(&c20, &c21, tile, 2, count: count, full: full)
            load(&c30, &c31, tile, 3, count: count, full: full)
            load(&c40, &c41, tile, 4, count: count, full: full)
            load(&c50, &c51, tile, 5, count: count, full: full)
        }
        var w = UnsafeRawPointer(weights)
        var x0 = input
        for _ in 0..<rows {
            let x1 = x0 + positionStride
            let x2 = x1 + positionStride
            let x3 = x2 + positionStride
            let x4 = x3 + positionStride
            let x5 = x4 + positionStride
            for s in 0..<steps {
                let w0 = w.load(as: SIMD8<Float>.self)
                let w1 = w.load(fromByteOffset: 32, as: SIMD8<Float>.self)
                var b = SIMD8<Float>(repeating: x0[s])
                c00.addProduct(b, w0)
                c01.addProduct(b, w1)
                if full || count > 1 {
                    b = SIMD8<Float>(repeating: x1[s])
                    c10.addProduct(b, w0)
                    c11.addProduct(b, w1)
                }
                if full || count > 2 {
                    b = SIMD8<Float>(repeating: x2[s])
                    c20.addProduct(b, w0)
                    c21.addProduct(b, w1)
                }
                if full || count > 3 {
                    b = SIMD8<Float>(repeating: x3[s])
                    c30.addProduct(b, w0)
                    c31.addProduct(b, w1)
                }
                if full || count > 4 {
                    b = SIMD8<Float>(repeating: x4[s])
                    c40.addProduct(b, w0)
                    c41.addProduct(b, w1)
                }
                if full || count > 5 {
                    b = SIMD8<Float>(repeating: x5[s])
                    c50.addProduct(b, w0)
                    c51.addProduct(b, w1)
                }
                w += 64
            }
            x0 += rowStride
        }
        store(c00, c01, tile, 0, count: count, full: full)
        store(c10, c11, tile, 1, count: count, full: full)
        store(c20, c21, tile, 2, count: count, full: full)
        store(c30, c31, tile, 3, count: count, full: full)
        store(c40, c41, tile, 4, count: count, full: full)
        store(c50, c51, tile, 5, count: count, full: full)
    }

    @inline(__always)
    private static func load(
        _ low: inout SIMD8<Float>, _ high: inout SIMD8<Float>, _ tile: UnsafeMutablePointer<Float>, _ position: Int,
        count: Int, full: Bool
    ) {
        guard full || position < count else { return }
        let at = UnsafeRawPointer(tile + 16 * position)
        low = at.loadUnaligned(as: SIMD8<Float>.self)
        high = at.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
    }

    @inline(__always)
    private static func store(
        _ low: SIMD8<Float>, _ high: SIMD8<Float>, _ tile: UnsafeMutablePointer<Float>, _ position: Int,
        count: Int, full: Bool
    ) {
        guard full || position < count else { return }
        let at = UnsafeMutableRawPointer(tile + 16 * position)
        at.storeBytes(of: low, as: SIMD8<Float>.self)
        at.storeBytes(of: high, toByteOffset: 32, as: SIMD8<Float>.self)
    }
}
