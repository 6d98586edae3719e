/// The 16-lane input gradient of a small convolution with sixteen images in the lanes
/// (AVX-512): LeNet's 6 → 16 channels, 5 × 5, on 14 × 14 images.
///
/// `dX[n, c, y, x] = Σ_o Σ_kh Σ_kw dY[n, o, y + p − kh, x + p − kw] · W[o, c, kh, kw]` (stride 1).
/// With one image per lane every multiply-add is one of these terms: no lane holds a column
/// past the row's end and no term multiplies a zero of the padding, where a whole input row per
/// vector (``ConvInputRowsWideTile``) spends 62 % of its multiply-adds on LeNet's 14-wide rows
/// and 10-wide output gradient. A tile is one input row of one channel (at most 16 sums, one per
/// column); each output-gradient row it reads is `ow` vectors, every one multiplied into the
/// up to `k_w` sums it reaches with the `k_w` weights of that kernel row held as broadcasts.
/// Sixteen images' output gradients are transposed in registers into `(o, oh, ow, 16)` first,
/// and the sums transposed back into each image's `(c_i, h, w)`.
///
/// Compiled for x86-64-v4: called only after `CPUFeatures` found AVX-512.
public enum ConvInputBatchWideTile {
    /// Images per call (the lanes).
    public static let images = 16

    /// The sizes of one call, all in elements (the output gradient is the shape's output).
    public typealias Shape = ImageLanesShape

    /// Whether a row loop exists for these widths (input row, output-gradient row, kernel row)
    /// and the column padding is the one they imply.
    public static func isSupported(_ s: Shape) -> Bool {
        row(for: s) != nil && s.hasImpliedColumnPadding
    }

    /// Floats of scratch a call needs (64-byte aligned): the transposed output gradient and sums.
    public static func scratchCount(_ s: Shape) -> Int { (s.outputCount + s.inputCount) * images }

    /// Writes the input gradients of sixteen images: image `i`'s output gradient at
    /// `gradient + i · gradientStride`, its input gradient to `dx + i · inputStride`, the weights
    /// `(c_o, c_i, k_h, k_w)` at `weight`; `scratch` holds ``scratchCount(_:)`` floats, 64-byte aligned.
    @inline(never)
    public static func run(
        _ s: Shape, gradient: UnsafePointer<Float>, gradientStride: Int, weight: UnsafePointer<Float>,
        into dx: UnsafeMutablePointer<Float>, inputStride: Int, scratch: UnsafeMutablePointer<Float>
    ) {
        guard let row = row(for: s) else { preconditionFailure("ConvInputBatchWideTile: unsupported widths") }
        let lanes = scratch
        let sums = scratch + s.outputCount * images
        ImageLanes.gather(gradient, stride: gradientStride, count: s.outputCount, into: lanes)
        let rowFloats = s.outWidth * images
        for y in 0..<s.inHeight {
            let (lowest, kernelRows) = s.kernelRows(input: y)
            for c in 0..<s.inChannels {
                let target = sums + (c * s.inHeight + y) * s.inWidth * images
                // The first term's rows: output-gradient row y + p − lowest of channel 0.
                let first = lanes + (y + s.padHeight - lowest) * rowFloats
                let weights = weight + (c * s.kernelHeight + lowest) * s.kernelWidth
                row(
                    Walk(
                        steps: s.outChannels * kernelRows, kernelRows: kernelRows,
                        channelStride: s.outHeight * rowFloats, rowStride: rowFloats,
                        weightChannelStride: s.inChannels * s.kernelHeight * s.kernelWidth, kernelWidth: s.kernelWidth),
                    first, weights, target)
            }
        }
        ImageLanes.scatter(sums, count: s.inputCount, into: dx, stride: inputStride)
    }

    typealias Walk = ImageLanesWalk

    typealias RowLoop = (Walk, UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void

    /// The row loop specialised for the shape's widths, or nil.
    static func row(for s: Shape) -> RowLoop? {
        // LeNet's second layer (14 → 10, unpadded), its padded variant, and a few small neighbours.
        switch (s.inWidth, s.outWidth, s.kernelWidth) {
        case (14, 10, 5): rowLoop(N14.self, N10.self, N5.self)
        case (14, 14, 5): rowLoop(N14.self, N14.self, N5.self)
        case (10, 6, 5): rowLoop(N10.self, N6.self, N5.self)
        case (10, 10, 5): rowLoop(N10.self, N10.self, N5.self)
        case (16, 14, 3): rowLoop(N16.self, N14.self, N3.self)
        case (16, 16, 3): rowLoop(N16.self, N16.self, N3.self)
        case (8, 6, 3): rowLoop(N8.self, N6.self, N3.self)
        case (8, 8, 3): rowLoop(N8.self, N8.self, N3.self)
        default: nil
        }
    }

    private static func rowLoop<X: Count, W: Count, K: Count>(_: X.Type, _: W.Type, _: K.Type) -> RowLoop {
        { walk, gradient, weights, target in sumRow(X.self, W.self, K.self, walk, gradient, weights, target) }
    }

    /// The sums of one input row (`X` columns) from output-gradient rows `W` wide and kernel rows
    /// `K` wide, stored at `target` (`X` vectors).
    @inline(never)
    private static func sumRow<X: Count, W: Count, K: Count>(
        _: X.Type, _: W.Type, _: K.Type, _ walk: Walk, _ gradient: UnsafePointer<Float>,
        _ weights: UnsafePointer<Float>, _ target: UnsafeMutablePointer<Float>
    ) {
        // Column x of the input reads column x + p − kw of the output gradient.
        let pad = (W.value + K.value - 1 - X.value) / 2
        var sums = RowSums()
        var source = UnsafeRawPointer(gradient)
        var w = weights
        var kernelRow = 0
        for _ in 0..<walk.steps {
            let w0 = SIMD16<Float>(repeating: w[0])
            let w1 = SIMD16<Float>(repeating: K.value > 1 ? w[1] : 0)
            let w2 = SIMD16<Float>(repeating: K.value > 2 ? w[2] : 0)
            let w3 = SIMD16<Float>(repeating: K.value > 3 ? w[3] : 0)
            let w4 = SIMD16<Float>(repeating: K.value > 4 ? w[4] : 0)
            @inline(__always)
            func column(_ j: Int) {
                guard j < W.value else { return }
                let v = source.load(fromByteOffset: 64 * j, as: SIMD16<Float>.self)
                @inline(__always)
                func tap(_ k: Int, _ weight: SIMD16<Float>) {
                    let x = j + k - pad
                    if k < K.value && x >= 0 && x < X.value { sums.add(x, weight, v) }
                }
                tap(0, w0)
                tap(1, w1)
                tap(2, w2)
                tap(3, w3)
                tap(4, w4)
            }
            column(0)
            column(1)
            column(2)
            column(3)
            column(4)
            column(5)
            column(6)
            column(7)
            column(8)
            column(9)
            column(10)
            column(11)
            column(12)
            column(13)
            column(14)
            column(15)
            // Next kernel row: one output-gradient row up; after the last, the next channel.
            kernelRow += 1
            w += K.value
            source -= 4 * walk.rowStride
            if kernelRow == walk.kernelRows {
                kernelRow = 0
                w += walk.weightChannelStride - walk.kernelRows * K.value
                source += 4 * (walk.channelStride + walk.kernelRows * walk.rowStride)
            }
        }
        sums.store(target, count: X.value)
    }
}

/// Up to 16 sums of 16 lanes, addressed by constant indices.
private struct RowSums {
    var s0 = SIMD16<Float>(), s1 = SIMD16<Float>(), s2 = SIMD16<Float>(), s3 = SIMD16<Float>()
    var s4 = SIMD16<Float>(), s5 = SIMD16<Float>(), s6 = SIMD16<Float>(), s7 = SIMD16<Float>()
    var s8 = SIMD16<Float>(), s9 = SIMD16<Float>(), s10 = SIMD16<Float>(), s11 = SIMD16<Float>()
    var s12 = SIMD16<Float>(), s13 = SIMD16<Float>(), s14 = SIMD16<Float>(), s15 = SIMD16<Float>()

    @inline(__always)
    mutating func add(_ i: Int, _ w: SIMD16<Float>, _ v: SIMD16<Float>) {
        switch i {
        case 0: s0.addProduct(w, v)
        case 1: s1.addProduct(w, v)
        case 2: s2.addProduct(w, v)
        case 3: s3.addProduct(w, v)
        case 4: s4.addProduct(w, v)
        case 5: s5.addProduct(w, v)
        case 6: s6.addProduct(w, v)
        case 7: s7.addProduct(w, v)
        case 8: s8.addProduct(w, v)
        case 9: s9.addProduct(w, v)
        case 10: s10.addProduct(w, v)
        case 11: s11.addProduct(w, v)
        case 12: s12.addProduct(w, v)
        case 13: s13.addProduct(w, v)
        case 14: s14.addProduct(w, v)
        default: s15.addProduct(w, v)
        }
    }

    /// The first `count` sums, one after another at `target` (64-byte aligned).
    @inline(__always)
    func store(_ target: UnsafeMutablePointer<Float>, count: Int) {
        let raw = UnsafeMutableRawPointer(target)
        func put(_ i: Int, _ v: SIMD16<Float>) {
            if i < count { raw.storeBytes(of: v, toByteOffset: 64 * i, as: SIMD16<Float>.self) }
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
        put(14, s14)
        put(15, s15)
    }
}
