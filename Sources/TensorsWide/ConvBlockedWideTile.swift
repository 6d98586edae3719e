/// The 16-lane inner loop of `ConvBlocked` (AVX-512): up to 24 output positions of one row ×
/// 16, 32 or 64 output channels (one, two or four 16-lane vectors), summed over blocks of input
/// channels and every kernel tap, in up to 24 of the 32 vector registers.
///
/// The same walk as the 8-lane kernel (`ConvBlockedTile`): output channels lie in the lanes,
/// each step loads its weights as aligned vectors and broadcasts one input value per position.
/// With four vectors (64 channels) × 6 positions a step is 10 loads for 24 multiply-adds, the
/// ratio of MLAS's AVX-512 NCHWc kernel; two vectors go 12 positions wide and one 12 (each
/// narrower tile keeps at least 12 sums in flight, what two FMA units of 4-cycle latency need
/// for 8).
///
/// Compiled for x86-64-v4: called only after `CPUFeatures` found AVX-512.
public enum ConvBlockedWideTile {
    /// How the kernel walks a tile's inputs, as the 8-lane kernel's walk: `planes` input blocks,
    /// each `rows` kernel rows of `steps` steps (`c · k_w` for blocks of `c` channels).
    public struct Walk: Sendable {
        public var planes: Int
        /// Floats from one input block to the next.
        public var planeStride: Int
        public var rows: Int
        /// Floats from one kernel row's inputs to the next.
        public var rowStride: Int
        public var steps: Int
        /// Floats from one output position's inputs to the next (`c · s_w`).
        public var positionStride: Int

        public init(planes: Int, planeStride: Int, rows: Int, rowStride: Int, steps: Int, positionStride: Int) {
            (self.planes, self.planeStride, self.rows) = (planes, planeStride, rows)
            (self.rowStride, self.steps, self.positionStride) = (rowStride, steps, positionStride)
        }
    }

    /// The most positions per tile with `vectors` 16-lane vectors of output channels (1, 2 or 4).
    public static func positions(vectors: Int) -> Int { vectors == 4 ? 6 : 12 }

    /// Adds (or, with `first`, stores) the tile's sums into `tile`: `count` positions
    /// (1...``positions(vectors:)``) of `16 · vectors` floats each, position-major, 64-byte aligned.
    /// `input` is the tile's first input value (position 0, tap (0, 0), channel 0); `weights` holds
    /// `16 · vectors` output-channel weights per step in the walk's order, 64-byte aligned.
    @inline(never)
    public static func run(
        _ walk: Walk, vectors: Int, input: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        tile: UnsafeMutablePointer<Float>, first: Bool, count: Int
    ) {
        switch vectors {
        case 4: positions(V4.self, walk, input, weights, tile, first, count)
        case 2: positions(V2.self, walk, input, weights, tile, first, count)
        default: positions(V1.self, walk, input, weights, tile, first, count)
        }
    }

    /// Picks the tile width.
    @inline(__always)
    private static func positions<V: Count>(
        _: V.Type, _ walk: Walk, _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>,
        _ tile: UnsafeMutablePointer<Float>, _ first: Bool, _ count: Int
    ) {
        switch count {
        case 12: strides(V.self, N12.self, walk, x, w, tile, first)
        case 11: strides(V.self, N11.self, walk, x, w, tile, first)
        case 10: strides(V.self, N10.self, walk, x, w, tile, first)
        case 9: strides(V.self, N9.self, walk, x, w, tile, first)
        case 8: strides(V.self, N8.self, walk, x, w, tile, first)
        case 7: strides(V.self, N7.self, walk, x, w, tile, first)
        case 6: strides(V.self, N6.self, walk, x, w, tile, first)
        case 5: strides(V.self, N5.self, walk, x, w, tile, first)
        case 4: strides(V.self, N4.self, walk, x, w, tile, first)
        case 3: strides(V.self, N3.self, walk, x, w, tile, first)
        case 2: strides(V.self, N2.self, walk, x, w, tile, first)
        default: strides(V.self, N1.self, walk, x, w, tile, first)
        }
    }

    /// Fixes the position stride of wide tiles at stride 1 and 2 (8 and 16 for blocks of 8
    /// channels, 1 and 2 for single channels), so their broadcasts address the input with
    /// constant offsets.
    @inline(__always)
    private static func strides<V: Count, P: Count>(
        _: V.Type, _: P.Type, _ walk: Walk, _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>,
        _ tile: UnsafeMutablePointer<Float>, _ first: Bool
    ) {
        guard V.value * P.value <= 24 else { preconditionFailure("ConvBlockedWideTile: tile too wide") }
        if P.value >= 4 && walk.positionStride == 8 {
            sum(Shape<V, P, N8>.self, walk, x, w, tile, first)
        } else if P.value >= 4 && walk.positionStride == 1 {
            sum(Shape<V, P, N1>.self, walk, x, w, tile, first)
        } else if P.value >= 4 && walk.positionStride == 16 {
            sum(Shape<V, P, N16>.self, walk, x, w, tile, first)
        } else if P.value >= 4 && walk.positionStride == 2 {
            sum(Shape<V, P, N2>.self, walk, x, w, tile, first)
        } else {
            sum(Shape<V, P, N0>.self, walk, x, w, tile, first)
        }
    }

    /// The kernel body for one tile shape. Steps go two at a time, which halves the loop's own
    /// instructions next to the multiply-adds.
    @inline(never)
    private static func sum<S: TileShape>(
        _: S.Type, _ walk: Walk, _ input: UnsafePointer<Float>, _ weights: UnsafePointer<Float>,
        _ tile: UnsafeMutablePointer<Float>, _ first: Bool
    ) {
        let vectors = S.vectors
        let count = S.vectors * S.positions
        let ps = S.positionStride ?? walk.positionStride
        let stepBytes = 64 * vectors
        var sums = WideSums()
        if !first { sums.load(tile, count: count) }
        // One step: the weights at `w` times input `s` of each position (`x + p · ps`); equal
        // broadcasts (one position, several vectors) are loaded once.
        @inline(__always)
        func step(_ w: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ s: Int) {
            sums.add(
                count: count, vectors: vectors, { w.load(fromByteOffset: 64 * $0, as: SIMD16<Float>.self) },
                { SIMD16<Float>(repeating: x[$0 &* ps &+ s]) })
        }
        let steps = walk.steps
        var w = UnsafeRawPointer(weights)
        var plane = input
        for _ in 0..<walk.planes {
            var x = plane
            for _ in 0..<walk.rows {
                var s = 0
                while s + 1 < steps {
                    step(w, x, s)
                    step(w + stepBytes, x, s + 1)
                    w += 2 * stepBytes
                    s += 2
                }
                if s < steps {
                    step(w, x, s)
                    w += stepBytes
                }
                x += walk.rowStride
            }
            plane += walk.planeStride
        }
        sums.store(tile, count: count)
    }

    /// A tile's vectors per position, positions, and (when fixed) position stride, as types.
    private protocol TileShape {
        static var vectors: Int { get }
        static var positions: Int { get }
        static var positionStride: Int? { get }
    }
    private enum Shape<V: Count, P: Count, S: Count>: TileShape {
        static var vectors: Int { V.value }
        static var positions: Int { P.value }
        /// `N0` stands for "read the walk's".
        static var positionStride: Int? { S.value == 0 ? nil : S.value }
    }
}
