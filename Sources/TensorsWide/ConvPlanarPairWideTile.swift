/// The 16-lane inner loop of `ConvPlanarPair` (AVX-512): two output rows × two 16-lane vectors
/// of positions × up to 6 output channels, up to 24 sums in registers, stored straight into the
/// NCHW output planes.
///
/// For rows of 16 to 32 outputs (LeNet's 28 × 28 first layer), which `ConvPlanarWideTile`'s
/// 32-wide tiles do not fit: the first vector holds positions `0 ..< 16`, the second
/// `W − 16 ..< W`, so a 28-wide row computes 4 positions twice and stores them twice (the same
/// value: both come from the same steps in the same order). Each step loads four input vectors
/// (two rows, two halves) and broadcasts one weight per output channel, 4 + 6 loads per 24
/// multiply-adds. Steps run as one flat loop over a table of input offsets, so the sums stay
/// in registers whatever the kernel's shape.
///
/// Compiled for x86-64-v4: called only after `CPUFeatures` found AVX-512.
public enum ConvPlanarPairWideTile {
    /// Output channels per tile, at most.
    public static let filters = 6

    /// Where a tile reads and writes.
    public struct Walk: Sendable {
        /// Steps per sum (input channels × kernel taps), one offset each in `offsets`.
        public var steps: Int
        /// Floats from the first output row's inputs to the second's.
        public var rowStride: Int
        /// Positions from the first vector to the second (`W − 16`).
        public var half: Int
        /// Floats from one output plane to the next, and from one output row to the next.
        public var outPlane: Int
        public var outWidth: Int

        public init(steps: Int, rowStride: Int, half: Int, outPlane: Int, outWidth: Int) {
            (self.steps, self.rowStride, self.half) = (steps, rowStride, half)
            (self.outPlane, self.outWidth) = (outPlane, outWidth)
        }
    }

    /// Writes `bias[f] + Σ weights · inputs` for `filters` channels (1...6) × two rows of
    /// positions `0 ..< W` at `output + f · outPlane + r · outWidth + p`. Step `s` reads the
    /// inputs at `input + offsets[s]` (first row) and `rowStride` floats further (second row), and
    /// `filters` weights at `weights + s · filters`; `bias` has `filters` floats or is nil.
    @inline(never)
    public static func run(
        _ walk: Walk, filters: Int, offsets: UnsafePointer<Int>, input: UnsafePointer<Float>,
        weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) {
        switch filters {
        case 6: sum(N6.self, walk, offsets, input, weights, bias, output)
        case 5: sum(N5.self, walk, offsets, input, weights, bias, output)
        case 4: sum(N4.self, walk, offsets, input, weights, bias, output)
        case 3: sum(N3.self, walk, offsets, input, weights, bias, output)
        case 2: sum(N2.self, walk, offsets, input, weights, bias, output)
        default: sum(N1.self, walk, offsets, input, weights, bias, output)
        }
    }

    @inline(__always)
    private static func sum<F: Count>(
        _: F.Type, _ walk: Walk, _ offsets: UnsafePointer<Int>, _ input: UnsafePointer<Float>,
        _ weights: UnsafePointer<Float>, _ bias: UnsafePointer<Float>?, _ output: UnsafeMutablePointer<Float>
    ) {
        let f = F.value
        let count = 4 * f
        let halfBytes = 4 * walk.half
        let rowBytes = 4 * walk.rowStride
        var sums = WideSums()
        var w = weights
        for s in 0..<walk.steps {
            let x = UnsafeRawPointer(input + offsets[s])
            let v0 = x.loadUnaligned(as: SIMD16<Float>.self)
            let v1 = x.loadUnaligned(fromByteOffset: halfBytes, as: SIMD16<Float>.self)
            let v2 = x.loadUnaligned(fromByteOffset: rowBytes, as: SIMD16<Float>.self)
            let v3 = x.loadUnaligned(fromByteOffset: rowBytes &+ halfBytes, as: SIMD16<Float>.self)
            let step = w
            sums.add(
                count: count, vectors: 4,
                {
                    switch $0 {
                    case 0: v0
                    case 1: v1
                    case 2: v2
                    default: v3
                    }
                }, { SIMD16<Float>(repeating: step[$0]) })
            w += f
        }
        // Sum 4 · filter + part is the filter's row `part / 2`, vector `part % 2`. One iteration per
        // filter, its four sums named by constants once the loop is unrolled: a loop over the 24 sums
        // picked each through a switch and divided its index, a fifth of the tile's time.
        let rowStep = walk.outWidth
        let half = walk.half
        for filter in 0..<f {
            let offset = SIMD16<Float>(repeating: bias?[filter] ?? 0)
            let at = UnsafeMutableRawPointer(output + filter * walk.outPlane)
            at.storeBytes(of: sums.sum(4 * filter) + offset, as: SIMD16<Float>.self)
            at.storeBytes(of: sums.sum(4 * filter + 1) + offset, toByteOffset: 4 * half, as: SIMD16<Float>.self)
            at.storeBytes(of: sums.sum(4 * filter + 2) + offset, toByteOffset: 4 * rowStep, as: SIMD16<Float>.self)
            at.storeBytes(
                of: sums.sum(4 * filter + 3) + offset, toByteOffset: 4 * (rowStep + half), as: SIMD16<Float>.self)
        }
    }
}
