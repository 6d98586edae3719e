/// The inner loop of ``ConvBlocked``: up to 6 output positions of one row × 16 output channels,
/// summed over one block of input channels (8, or 1) and every kernel tap (AVX2 + FMA: twelve 8-lane
/// accumulators, two weight vectors and one broadcast input live at a time).
///
/// Output channels lie in the vector lanes, so each step loads its 16 weights as two aligned
/// vectors and broadcasts one input value per position; no load ever straddles a cache line.
/// With a stride-1 kernel row, taps `(k_w, c)` follow each other in the channel-blocked input,
/// so a kernel row is one run of `c · k_w` steps for blocks of `c` channels.
enum ConvBlockedTile {
    /// Output positions per tile.
    static let positions = 6

    /// How the kernel walks a tile's inputs: `planes` input blocks, each `rows` kernel rows of
    /// `steps` steps (`c · k_w` for blocks of `c` channels).
    struct Walk {
        var planes: Int
        /// Floats from one input block to the next.
        var planeStride: Int
        var rows: Int
        /// Floats from one kernel row's inputs to the next.
        var rowStride: Int
        var steps: Int
        /// Floats from one output position's inputs to the next (`c · s_w`).
        var positionStride: Int
    }

    /// Adds (or, with `first`, stores) the tile's sums into `tile`: `count` positions (1...6) of
    /// 16 floats each, position-major. `input` is the tile's first input value (position 0,
    /// tap (0, 0), channel 0); `weights` holds 16 output-channel weights per step, in the walk's
    /// order, 32-byte aligned (the caller aligns them to 64).
    static func run(
        _ walk: Walk, input: UnsafePointer<Float>, weights: UnsafePointer<Float>, tile: UnsafeMutablePointer<Float>,
        first: Bool, count: Int
    ) {
        // Each shape is its own specialization of the body, with `count` (and for stride 1 the
        // position stride) constant, so it compiles without per-position branches.
        switch count {
        case positions where walk.positionStride == 8: sum(Six<Stride8>.self, walk, input, weights, tile, first)
        case positions: sum(Six<AnyStride>.self, walk, input, weights, tile, first)
        case 5 where walk.positionStride == 8: sum(Five<Stride8>.self, walk, input, weights, tile, first)
        case 5: sum(Five<AnyStride>.self, walk, input, weights, tile, first)
        case 4 where walk.positionStride == 8: sum(Four<Stride8>.self, walk, input, weights, tile, first)
        case 4: sum(Four<AnyStride>.self, walk, input, weights, tile, first)
        case 3: sum(Three.self, walk, input, weights, tile, first)
        case 2: sum(Two.self, walk, input, weights, tile, first)
        default: sum(One.self, walk, input, weights, tile, first)
        }
    }

    /// The kernel body for `count` positions. Steps go two at a time, which halves the loop's
    /// own instructions next to the 24 FMAs.
    private static func sum<Shape: TileShape>(
        _: Shape.Type, _ walk: Walk, _ input: UnsafePointer<Float>, _ weights: UnsafePointer<Float>,
        _ tile: UnsafeMutablePointer<Float>, _ first: Bool
    ) {
        let count = Shape.count
        let ps = Shape.positionStride ?? walk.positionStride
        var sums = Sums()
        if !first { sums.load(tile, count: count) }
        let steps = walk.steps
        var w = UnsafeRawPointer(weights)
        var plane = input
        for _ in 0..<walk.planes {
            var x = plane
            for _ in 0..<walk.rows {
                var s = 0
                while s + 1 < steps {
                    sums.add(w, x, s, ps, count: count)
                    sums.add(w + 64, x, s + 1, ps, count: count)
                    w += 128
                    s += 2
                }
                if s < steps {
                    sums.add(w, x, s, ps, count: count)
                    w += 64
                }
                x += walk.rowStride
            }
            plane += walk.planeStride
        }
        sums.store(tile, count: count)
    }

    /// The tile's twelve accumulators: position `p` holds filters 0–7 in `low[p]`, 8–15 in `high[p]`.
    private struct Sums {
        var l0 = SIMD8<Float>(), h0 = SIMD8<Float>()
        var l1 = SIMD8<Float>(), h1 = SIMD8<Float>()
        var l2 = SIMD8<Float>(), h2 = SIMD8<Float>()
        var l3 = SIMD8<Float>(), h3 = SIMD8<Float>()
        var l4 = SIMD8<Float>(), h4 = SIMD8<Float>()
        var l5 = SIMD8<Float>(), h5 = SIMD8<Float>()

        /// One step: the 16 weights at `w` times input `s` of each position (`x + p · ps`).
        @inline(__always)
        mutating func add(
            _ w: UnsafeRawPointer, _ x: UnsafePointer<Float>, _ s: Int, _ ps: Int, count: Int
        ) {
            let w0 = w.load(as: SIMD8<Float>.self)
            let w1 = w.load(fromByteOffset: 32, as: SIMD8<Float>.self)
            var b = SIMD8<Float>(repeating: x[s])
            l0.addProduct(b, w0)
            h0.addProduct(b, w1)
            guard count > 1 else { return }
            b = SIMD8<Float>(repeating: x[ps &+ s])
            l1.addProduct(b, w0)
            h1.addProduct(b, w1)
            guard count > 2 else { return }
            b = SIMD8<Float>(repeating: x[2 &* ps &+ s])
            l2.addProduct(b, w0)
            h2.addProduct(b, w1)
            guard count > 3 else { return }
            b = SIMD8<Float>(repeating: x[3 &* ps &+ s])
            l3.addProduct(b, w0)
            h3.addProduct(b, w1)
            guard count > 4 else { return }
            b = SIMD8<Float>(repeating: x[4 &* ps &+ s])
            l4.addProduct(b, w0)
            h4.addProduct(b, w1)
            guard count > 5 else { return }
            b = SIMD8<Float>(repeating: x[5 &* ps &+ s])
            l5.addProduct(b, w0)
            h5.addProduct(b, w1)
        }

        @inline(__always)
        mutating func load(_ tile: UnsafeMutablePointer<Float>, count: Int) {
            func at(_ p: Int) -> UnsafeRawPointer { UnsafeRawPointer(tile + 16 * p) }
            l0 = at(0).loadUnaligned(as: SIMD8<Float>.self)
            h0 = at(0).loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            guard count > 1 else { return }
            l1 = at(1).loadUnaligned(as: SIMD8<Float>.self)
            h1 = at(1).loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            guard count > 2 else { return }
            l2 = at(2).loadUnaligned(as: SIMD8<Float>.self)
            h2 = at(2).loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            guard count > 3 else { return }
            l3 = at(3).loadUnaligned(as: SIMD8<Float>.self)
            h3 = at(3).loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            guard count > 4 else { return }
            l4 = at(4).loadUnaligned(as: SIMD8<Float>.self)
            h4 = at(4).loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            guard count > 5 else { return }
            l5 = at(5).loadUnaligned(as: SIMD8<Float>.self)
            h5 = at(5).loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
        }

        @inline(__always)
        func store(_ tile: UnsafeMutablePointer<Float>, count: Int) {
            func put(_ p: Int, _ low: SIMD8<Float>, _ high: SIMD8<Float>) {
                let at = UnsafeMutableRawPointer(tile + 16 * p)
                at.storeBytes(of: low, as: SIMD8<Float>.self)
                at.storeBytes(of: high, toByteOffset: 32, as: SIMD8<Float>.self)
            }
            put(0, l0, h0)
            guard count > 1 else { return }
            put(1, l1, h1)
            guard count > 2 else { return }
            put(2, l2, h2)
            guard count > 3 else { return }
            put(3, l3, h3)
            guard count > 4 else { return }
            put(4, l4, h4)
            guard count > 5 else { return }
            put(5, l5, h5)
        }
    }

    /// A tile's width and, when fixed, its position stride, as types: each tile shape gets its
    /// own specialized copy of ``sum(_:_:_:_:_:_:)``.
    fileprivate protocol TileShape {
        static var count: Int { get }
        /// Fixed for tiles of 4–6 positions at stride 1 only; the others read the walk's.
        static var positionStride: Int? { get }
    }
    private protocol PositionStride { static var value: Int? { get } }
    private enum Stride8: PositionStride { static var value: Int? { 8 } }
    private enum AnyStride: PositionStride { static var value: Int? { nil } }
    private enum Six<S: PositionStride>: TileShape {
        static var count: Int { 6 }
        static var positionStride: Int? { S.value }
    }
    private enum Five<S: PositionStride>: TileShape {
        static var count: Int { 5 }
        static var positionStride: Int? { S.value }
    }
    private enum Four<S: PositionStride>: TileShape {
        static var count: Int { 4 }
        static var positionStride: Int? { S.value }
    }
    private enum Three: TileShape { static var count: Int { 3 } }
    private enum Two: TileShape { static var count: Int { 2 } }
    private enum One: TileShape { static var count: Int { 1 } }
}

extension ConvBlockedTile.TileShape {
    fileprivate static var positionStride: Int? { nil }
}
