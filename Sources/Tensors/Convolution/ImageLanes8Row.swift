/// The row loop of the 8-lane kernels with eight images in the lanes (AVX2): one row of up to 14
/// sums, each a vector of eight images, from rows of vectors `J` wide and kernel rows `K` wide,
/// over a walk of (channel, kernel row) steps. The forward convolution (``ConvBatchLanes8``: one
/// output row of one output channel) and the input gradient (``ConvInputRows`` on AVX2: one input
/// row of one input channel) are the same loop with the column offsets of a tap
/// mirrored: forward, sum `x` reads source column `x − p + k`; for the input gradient, `x + p − k`.
///
/// For each kernel column it broadcasts the weight and multiplies it into every sum its column
/// reaches, the source vectors read from memory as the multiply-add's operand: 14 sums and the
/// broadcast are 15 of AVX2's 16 registers (the 16-lane tiles hold 16 to 24 sums in AVX-512's 32).
/// No multiply-add touches a column of the padding or past a row's end.
enum ImageLanes8Row {
    /// One tile's walk: `steps` (channel, kernel row) pairs, kernel rows fastest.
    struct Walk {
        var steps: Int
        var kernelRows: Int
        /// Floats from one kernel row's source row to the next (negative for the input gradient,
        /// whose next kernel row reads the output-gradient row above).
        var rowStep: Int
        /// Floats, and weights, added after a channel's last kernel row to reach the next channel.
        var channelStep: Int
        var weightChannelStep: Int
    }

    /// A row loop: walk, first source row, first kernel row's weights, a value added to every
    /// sum (the bias), and where the sums go (`S` vectors, 32-byte aligned).
    typealias Loop = (Walk, UnsafePointer<Float>, UnsafePointer<Float>, Float, UnsafeMutablePointer<Float>) -> Void

    /// The loop for `sums` vectors per row from `source` vectors per row under kernel rows of
    /// `kernel` taps, forward or for the input gradient, or nil when there is none. The widths are
    /// LeNet's second layer (forward 14 → 10; input gradient 10 → 14, also padded 14 → 14) and a
    /// few small neighbours.
    static func loop(sums: Int, source: Int, kernel: Int, gradient: Bool) -> Loop? {
        switch (sums, source, kernel, gradient) {
        case (10, 14, 5, false): make(L10.self, L14.self, L5.self, LaneForward.self)
        case (10, 10, 5, false): make(L10.self, L10.self, L5.self, LaneForward.self)
        case (5, 7, 3, false): make(L5.self, L7.self, L3.self, LaneForward.self)
        case (7, 7, 3, false): make(L7.self, L7.self, L3.self, LaneForward.self)
        case (14, 10, 5, true): make(L14.self, L10.self, L5.self, LaneGradient.self)
        case (14, 14, 5, true): make(L14.self, L14.self, L5.self, LaneGradient.self)
        case (10, 6, 5, true): make(L10.self, L6.self, L5.self, LaneGradient.self)
        case (10, 10, 5, true): make(L10.self, L10.self, L5.self, LaneGradient.self)
        case (8, 6, 3, true): make(L8.self, L6.self, L3.self, LaneGradient.self)
        case (8, 8, 3, true): make(L8.self, L8.self, L3.self, LaneGradient.self)
        default: nil
        }
    }

    private static func make<S: LaneCount, J: LaneCount, K: LaneCount, D: LaneDirection>(
        _: S.Type, _: J.Type, _: K.Type, _: D.Type
    ) -> Loop {
        { walk, source, weights, offset, target in
            sumRow(S.self, J.self, K.self, D.self, walk, source, weights, offset, target)
        }
    }

    @inline(never)
    private static func sumRow<S: LaneCount, J: LaneCount, K: LaneCount, D: LaneDirection>(
        _: S.Type, _: J.Type, _: K.Type, _: D.Type, _ walk: Walk, _ source: UnsafePointer<Float>,
        _ weights: UnsafePointer<Float>, _ offset: Float, _ target: UnsafeMutablePointer<Float>
    ) {
        // The padding the widths imply: forward S = J + 2p − K + 1; for the gradient J = S + 2p − K + 1.
        let pad = D.isGradient ? (J.value + K.value - 1 - S.value) / 2 : (S.value + K.value - 1 - J.value) / 2
        var sums = LaneRowSums()
        var row = UnsafeRawPointer(source)
        var w = weights
        var kernelRow = 0
        for _ in 0..<walk.steps {
            @inline(__always)
            func tap(_ k: Int) {
                guard k < K.value else { return }
                let b = SIMD8<Float>(repeating: w[k])
                sums.add(count: S.value, width: J.value, b, row) { x in D.isGradient ? x + pad - k : x - pad + k }
            }
            tap(0)
            tap(1)
            tap(2)
            tap(3)
            tap(4)
            kernelRow += 1
            w += K.value
            row += 4 * walk.rowStep
            if kernelRow == walk.kernelRows {
                kernelRow = 0
                w += walk.weightChannelStep
                row += 4 * walk.channelStep
            }
        }
        sums.store(target, count: S.value, adding: SIMD8(repeating: offset))
    }
}

/// Small counts as types, so each width gets its own loop with every count a constant.
protocol LaneCount { static var value: Int { get } }
enum L3: LaneCount { static var value: Int { 3 } }
enum L5: LaneCount { static var value: Int { 5 } }
enum L6: LaneCount { static var value: Int { 6 } }
enum L7: LaneCount { static var value: Int { 7 } }
enum L8: LaneCount { static var value: Int { 8 } }
enum L10: LaneCount { static var value: Int { 10 } }
enum L14: LaneCount { static var value: Int { 14 } }

/// Which way a tap's column offset goes (``ImageLanes8Row``).
protocol LaneDirection { static var isGradient: Bool { get } }
enum LaneForward: LaneDirection { static var isGradient: Bool { false } }
enum LaneGradient: LaneDirection { static var isGradient: Bool { true } }

/// Up to 14 sums of 8 lanes, addressed by constant indices.
struct LaneRowSums {
    var s0 = SIMD8<Float>(), s1 = SIMD8<Float>(), s2 = SIMD8<Float>(), s3 = SIMD8<Float>()
    var s4 = SIMD8<Float>(), s5 = SIMD8<Float>(), s6 = SIMD8<Float>(), s7 = SIMD8<Float>()
    var s8 = SIMD8<Float>(), s9 = SIMD8<Float>(), s10 = SIMD8<Float>(), s11 = SIMD8<Float>()
    var s12 = SIMD8<Float>(), s13 = SIMD8<Float>()

    /// Adds `b` times the vector at column `column(i)` of `row` to sum `i`, for the first `count`
    /// sums whose column lies in `0 ..< width`.
    @inline(__always)
    mutating func add(
        count: Int, width: Int, _ b: SIMD8<Float>, _ row: UnsafeRawPointer, column: (Int) -> Int
    ) {
        @inline(__always)
        func term(_ i: Int, _ s: inout SIMD8<Float>) {
            let j = column(i)
            guard i < count, j >= 0, j < width else { return }
            s.addProduct(b, row.load(fromByteOffset: 32 * j, as: SIMD8<Float>.self))
        }
        term(0, &s0)
        term(1, &s1)
        term(2, &s2)
        term(3, &s3)
        term(4, &s4)
        term(5, &s5)
        term(6, &s6)
        term(7, &s7)
        term(8, &s8)
        term(9, &s9)
        term(10, &s10)
        term(11, &s11)
        term(12, &s12)
        term(13, &s13)
    }

    /// The first `count` sums plus `offset`, one after another at `target` (32-byte aligned).
    @inline(__always)
    func store(_ target: UnsafeMutablePointer<Float>, count: Int, adding offset: SIMD8<Float>) {
        let raw = UnsafeMutableRawPointer(target)
        @inline(__always)
        func put(_ i: Int, _ v: SIMD8<Float>) {
            if i < count { raw.storeBytes(of: v + offset, toByteOffset: 32 * i, as: SIMD8<Float>.self) }
        }
        put(0, s0)
        put(1, s1)
        put(2, s2)
        put(3, s3)
        put(4, s4)
        put(5, s5)
        put(6, s6)
        put(7, s7)
        put(8, s8)
        put(9, s9)
        put(10, s10)
        put(11, s11)
        put(12, s12)
        put(13, s13)
    }
}
