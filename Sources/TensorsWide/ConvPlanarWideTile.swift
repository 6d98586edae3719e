/// The 16-lane inner loop of `ConvPlanar` (AVX-512): 32 consecutive output positions of one
/// row (two 16-lane vectors) × 8 output channels, 16 sums in registers, stored straight into
/// the 8 NCHW output planes.
///
/// The other way round from `ConvBlockedWideTile`: output positions lie in the lanes, each step
/// loads two input vectors (unaligned, from a zero-padded plane) and broadcasts one weight per
/// output channel, 10 loads per 16 multiply-adds. Meant for inputs of few channels (an RGB
/// stem), whose channel-blocked tiles spend more time transposing their sums into the output
/// than summing them.
///
/// Compiled for x86-64-v4: called only after `CPUFeatures` found AVX-512.
public enum ConvPlanarWideTile {
    /// Output positions per tile.
    public static let positions = 32
    /// Output channels per tile.
    public static let filters = 8

    /// How a tile walks its input: `planes` zero-padded input planes `planeStride` floats apart,
    /// `rows` kernel rows `rowStride` floats apart, `columns` kernel columns side by side.
    public struct Walk: Sendable {
        public var planes: Int
        public var planeStride: Int
        public var rows: Int
        public var rowStride: Int
        public var columns: Int

        public init(planes: Int, planeStride: Int, rows: Int, rowStride: Int, columns: Int) {
            (self.planes, self.planeStride, self.rows) = (planes, planeStride, rows)
            (self.rowStride, self.columns) = (rowStride, columns)
        }
    }

    /// Writes `bias[f] + Σ weights · inputs` for the tile's 8 channels × 32 positions at
    /// `output + f · outPlane + p`. `input` is the tile's first input value (position 0, plane 0,
    /// tap (0, 0)); `weights` holds 8 floats per step in the walk's order (plane, row, column);
    /// `bias` has 8 floats or is nil.
    @inline(never)
    public static func run(
        _ walk: Walk, input: UnsafePointer<Float>, weights: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
        output: UnsafeMutablePointer<Float>, outPlane: Int
    ) {
        var sums = WideSums()
        var w = weights
        var plane = input
        for _ in 0..<walk.planes {
            var row = plane
            for _ in 0..<walk.rows {
                for column in 0..<walk.columns {
                    let x = UnsafeRawPointer(row + column)
                    let v0 = x.loadUnaligned(as: SIMD16<Float>.self)
                    let v1 = x.loadUnaligned(fromByteOffset: 64, as: SIMD16<Float>.self)
                    let step = w
                    sums.add(
                        count: 16, vectors: 2, { $0 == 0 ? v0 : v1 }, { SIMD16<Float>(repeating: step[$0]) })
                    w += filters
                }
                row += walk.rowStride
            }
            plane += walk.planeStride
        }
        for i in 0..<16 {
            let offset = SIMD16<Float>(repeating: bias?[i / 2] ?? 0)
            UnsafeMutableRawPointer(output + (i / 2) * outPlane + 16 * (i % 2)).storeBytes(
                of: sums.sum(i) + offset, as: SIMD16<Float>.self)
        }
    }
}
