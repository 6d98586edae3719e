import TensorsWide

/// The inner loop of ``ConvWeightGradient``: one tile of the weight gradient, `lanes` output
/// channels × up to 6 (16 lanes) or 8 (8 lanes) weights `(c, k_h, k_w)` of their kernels, summed
/// over every output position of every image (AVX2 + FMA: twelve or eight 8-lane accumulators).
///
/// The tile sizes keep everything in registers: 12 accumulators, 2 gradient vectors and a
/// broadcast are 15 of the 16 vector registers, and the input offsets (one general register per
/// weight) fit beside the pointers. Twelve 8-lane columns spilled both: LeNet's 1→6 weight
/// gradient reloaded offsets and accumulators from the stack in its inner loop.
///
/// Each step loads one position's output gradient for the tile's channels (one or two aligned
/// vectors) and broadcasts, per weight, the input value that weight met at that position; the
/// sums never leave the registers until the walk ends, so the loop is nothing but loads and FMAs.
enum ConvWeightGradientTile {
    /// Most weights per tile with 16 and with 8 lanes.
    static let wideColumns = 6
    static let narrowColumns = 8

    /// How a tile walks the positions (the 16-lane tile's walk).
    typealias Walk = ConvWeightGradientWideTile.Walk

    /// Writes (or, with `accumulate`, adds) the tile's sums: weight `k` of the tile (input offset
    /// `offsets[k]` from a position's first input) for lane `l` goes to `tile[l · tileStride + k]`,
    /// for the first `valid` lanes. `gradient` is the block's position-major output gradient (16 or 8 floats
    /// per position, 32-byte aligned), `input` the first image's padded input at position 0.
    static func run(
        _ walk: Walk, lanes: Int, input: UnsafePointer<Float>, offsets: [Int], gradient: UnsafePointer<Float>,
        tile: UnsafeMutablePointer<Float>, tileStride: Int, valid: Int, accumulate: Bool
    ) {
        precondition(!offsets.isEmpty && offsets.count <= (lanes == 16 ? wideColumns : narrowColumns))
        let o = Offsets(offsets)
        if lanes == 16 {
            switch offsets.count {
            case 6: wide(C6.self, walk, input, o, gradient, tile, tileStride, valid, accumulate)
            case 5: wide(C5.self, walk, input, o, gradient, tile, tileStride, valid, accumulate)
            case 4: wide(C4.self, walk, input, o, gradient, tile, tileStride, valid, accumulate)
            case 3: wide(C3.self, walk, input, o, gradient, tile, tileStride, valid, accumulate)
            case 2: wide(C2.self, walk, input, o, gradient, tile, tileStride, valid, accumulate)
            default: wide(C1.self, walk, input, o, gradient, tile, tileStride, valid, accumulate)
            }
            return
        }
        switch offsets.count {
        case 8: narrow(C8.self, walk, input, o, gradient, tile, tileStride, valid, accumulate)
        case 7: narrow(C7.self, walk, input, o, gradient, tile, tileStride, valid, accumulate)
        case 6: narrow(C6.self, walk, input, o, gradient, tile, tileStride, valid, accumulate)
        case 5: narrow(C5.self, walk, input, o, gradient, tile, tileStride, valid, accumulate)
        case 4: narrow(C4.self, walk, input, o, gradient, tile, tileStride, valid, accumulate)
        case 3: narrow(C3.self, walk, input, o, gradient, tile, tileStride, valid, accumulate)
        case 2: narrow(C2.self, walk, input, o, gradient, tile, tileStride, valid, accumulate)
        default: narrow(C1.self, walk, input, o, gradient, tile, tileStride, valid, accumulate)
        }
    }

    /// 16 lanes: column `k` sums into `low[k]` (channels 0–7) and `high[k]` (8–15).
    private static func wide<Count: ColumnCount>(
        _: Count.Type, _ walk: Walk, _ input: UnsafePointer<Float>, _ o: Offsets, _ gradient: UnsafePointer<Float>,
        _ tile: UnsafeMutablePointer<Float>, _ tileStride: Int, _ valid: Int, _ accumulate: Bool
    ) {
        let n = Count.value
        var s = Accumulators()
        var d = UnsafeRawPointer(gradient)
        var image = input
        let ps = walk.positionStride
        for _ in 0..<walk.images {
            var row = image
            for _ in 0..<walk.rows {
                var x = row
                var left = walk.positions
                while left >= 2 {
                    s.wideStep(d, x, o, n)
                    s.wideStep(d + 64, x + ps, o, n)
                    d += 128
                    x += 2 &* ps
                    left -= 2
                }
                if left > 0 {
                    s.wideStep(d, x, o, n)
                    d += 64
                }
                row += walk.rowStride
            }
            image += walk.imageStride
        }
        let sums = [s.a0, s.a1, s.a2, s.a3, s.a4, s.a5, s.a6, s.a7, s.a8, s.a9, s.a10, s.a11]
        for k in 0..<n {
            for l in 0..<valid {
                let sum = l < 8 ? sums[2 * k][l] : sums[2 * k + 1][l - 8]
                tile[l * tileStride + k] = accumulate ? tile[l * tileStride + k] + sum : sum
            }
        }
    }

    /// 8 lanes: column `k` sums into accumulator `k`, one position per step (two at a time
    /// would hold a second gradient vector and push the eight accumulators out of registers).
    private static func narrow<Count: ColumnCount>(
        _: Count.Type, _ walk: Walk, _ input: UnsafePointer<Float>, _ o: Offsets, _ gradient: UnsafePointer<Float>,
        _ tile: UnsafeMutablePointer<Float>, _ tileStride: Int, _ valid: Int, _ accumulate: Bool
    ) {
        let n = Count.value
        var s = Accumulators()
        var d = UnsafeRawPointer(gradient)
        var image = input
        let ps = walk.positionStride
        for _ in 0..<walk.images {
            var row = image
            for _ in 0..<walk.rows {
                var x = row
                for _ in 0..<walk.positions {
                    s.narrowStep(d, x, o, n)
                    d += 32
                    x += ps
                }
                row += walk.rowStride
            }
            image += walk.imageStride
        }
        let sums = [s.a0, s.a1, s.a2, s.a3, s.a4, s.a5, s.a6, s.a7]
        for k in 0..<n {
            for l in 0..<valid {
                tile[l * tileStride + k] = accumulate ? tile[l * tileStride + k] + sums[k][l] : sums[k][l]
            }
        }
    }

    /// Up to eight input offsets, one per column of the tile.
    private struct Offsets {
        var o0 = 0, o1 = 0, o2 = 0, o3 = 0, o4 = 0, o5 = 0, o6 = 0, o7 = 0

        init(_ offsets: [Int]) {
            func at(_ k: Int) -> Int { k < offsets.count ? offsets[k] : 0 }
            (o0, o1, o2, o3, o4, o5, o6, o7) = (at(0), at(1), at(2), at(3), at(4), at(5), at(6), at(7))
        }
    }

    /// The tile's twelve accumulators.
    private struct Accumulators {
        var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
        var a4 = SIMD8<Float>(), a5 = SIMD8<Float>(), a6 = SIMD8<Float>(), a7 = SIMD8<Float>()
        var a8 = SIMD8<Float>(), a9 = SIMD8<Float>(), a10 = SIMD8<Float>(), a11 = SIMD8<Float>()

        /// One position, 16 lanes: the gradient's two vectors at `d` times each column's input.
        @inline(__always)
        mutating func wideStep(_ d: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ o: Offsets, _ n: Int) {
            let low = d.load(as: SIMD8<Float>.self)
            let high = d.load(fromByteOffset: 32, as: SIMD8<Float>.self)
            var b = SIMD8<Float>(repeating: x[o.o0])
            a0.addProduct(b, low)
            a1.addProduct(b, high)
            guard n > 1 else { return }
            b = SIMD8<Float>(repeating: x[o.o1])
            a2.addProduct(b, low)
            a3.addProduct(b, high)
            guard n > 2 else { return }
            b = SIMD8<Float>(repeating: x[o.o2])
            a4.addProduct(b, low)
            a5.addProduct(b, high)
            guard n > 3 else { return }
            b = SIMD8<Float>(repeating: x[o.o3])
            a6.addProduct(b, low)
            a7.addProduct(b, high)
            guard n > 4 else { return }
            b = SIMD8<Float>(repeating: x[o.o4])
            a8.addProduct(b, low)
            a9.addProduct(b, high)
            guard n > 5 else { return }
            b = SIMD8<Float>(repeating: x[o.o5])
            a10.addProduct(b, low)
            a11.addProduct(b, high)
        }

        /// One position, 8 lanes: the gradient's vector at `d` times each column's input.
        @inline(__always)
        mutating func narrowStep(_ d: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ o: Offsets, _ n: Int) {
            let v = d.load(as: SIMD8<Float>.self)
            a0.addProduct(SIMD8(repeating: x[o.o0]), v)
            guard n > 1 else { return }
            a1.addProduct(SIMD8(repeating: x[o.o1]), v)
            guard n > 2 else { return }
            a2.addProduct(SIMD8(repeating: x[o.o2]), v)
            guard n > 3 else { return }
            a3.addProduct(SIMD8(repeating: x[o.o3]), v)
            guard n > 4 else { return }
            a4.addProduct(SIMD8(repeating: x[o.o4]), v)
            guard n > 5 else { return }
            a5.addProduct(SIMD8(repeating: x[o.o5]), v)
            guard n > 6 else { return }
            a6.addProduct(SIMD8(repeating: x[o.o6]), v)
            guard n > 7 else { return }
            a7.addProduct(SIMD8(repeating: x[o.o7]), v)
        }
    }

    /// A tile's column count as a type, so each count gets its own specialized loop.
    private protocol ColumnCount { static var value: Int { get } }
    private enum C1: ColumnCount { static var value: Int { 1 } }
    private enum C2: ColumnCount { static var value: Int { 2 } }
    private enum C3: ColumnCount { static var value: Int { 3 } }
    private enum C4: ColumnCount { static var value: Int { 4 } }
    private enum C5: ColumnCount { static var value: Int { 5 } }
    private enum C6: ColumnCount { static var value: Int { 6 } }
    private enum C7: ColumnCount { static var value: Int { 7 } }
    private enum C8: ColumnCount { static var value: Int { 8 } }
}
