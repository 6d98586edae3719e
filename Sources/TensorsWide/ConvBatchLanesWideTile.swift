/// The 16-lane forward convolution of a small layer with sixteen images in the lanes (AVX-512):
/// LeNet's second layer, 6 → 16 channels, 5 × 5, 14 × 14 → 10 × 10.
///
/// `Y[n, o, y, x] = b[o] + Σ_c Σ_kh Σ_kw W[o, c, kh, kw] · X[n, c, y − p + kh, x − p + kw]` (stride 1).
/// With one image per lane every lane of every multiply-add is one of these terms, where output
/// channels in the lanes (``ConvBlockedWideTile``) get only one vector × 10 positions out of a
/// 10-wide row and load a broadcast per multiply-add. A tile is one output row of two output
/// channels (up to 24 sums): for each kernel column it broadcasts the two weights and multiplies
/// each of the row's `ow` input vectors into both channels' sums — on LeNet 10 loads and 2
/// broadcasts per 20 multiply-adds, all 100 of a kernel row unrolled with the sums in registers
/// (no spills, per objdump). With padding, the input columns past a row's ends read as zeros.
/// Sixteen images' inputs are transposed in registers into `(c, h, w, 16)` first, and the sums
/// transposed back into each image's `(c_o, oh, ow)`.
///
/// `perf` on LeNet's layer, one thread: the row loop runs at about 94 % of the FMA peak; the
/// transposition out (into 16 images' freshly allocated outputs) takes about a sixth of the
/// time, the one in about a sixteenth.
///
/// Compiled for x86-64-v4: called only after `CPUFeatures` found AVX-512.
public enum ConvBatchLanesWideTile {
    /// Images per call (the lanes).
    public static let images = 16

    /// The sizes of one call, all in elements (stride and dilation 1).
    public typealias Shape = ImageLanesShape

    /// Whether a row loop exists for these widths (input row, output row, kernel row), the column
    /// padding is the one they imply, and every output row reads at least one input row.
    public static func isSupported(_ s: Shape) -> Bool {
        row(for: s, channels: 2) != nil && s.hasImpliedColumnPadding
            && s.padHeight < s.kernelHeight && s.outHeight == s.inHeight + 2 * s.padHeight - s.kernelHeight + 1
            && s.inChannels > 0 && s.outChannels > 0
    }

    /// Floats of scratch a call needs (64-byte aligned): the transposed input and the sums.
    public static func scratchCount(_ s: Shape) -> Int { (s.inputCount + s.outputCount) * images }

    /// Writes the outputs of sixteen images: image `i`'s input at `input + i · inputStride`, its
    /// output to `output + i · outputStride`, the weights `(c_o, c_i, k_h, k_w)` at `weight`,
    /// `bias` (`c_o` floats) or nil; `scratch` holds ``scratchCount(_:)`` floats, 64-byte aligned.
    @inline(never)
    public static func run(
        _ s: Shape, input: UnsafePointer<Float>, inputStride: Int, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, into output: UnsafeMutablePointer<Float>, outputStride: Int,
        scratch: UnsafeMutablePointer<Float>
    ) {
        guard let pair = row(for: s, channels: 2), let single = row(for: s, channels: 1) else {
            preconditionFailure("ConvBatchLanesWideTile: unsupported widths")
        }
        let lanes = scratch
        let sums = scratch + s.inputCount * images
        ImageLanes.gather(input, stride: inputStride, count: s.inputCount, into: lanes)
        let rowFloats = s.inWidth * images
        let taps = s.kernelHeight * s.kernelWidth
        for y in 0..<s.outHeight {
            let (lowest, kernelRows) = s.kernelRows(output: y)
            let walk = Walk(
                steps: s.inChannels * kernelRows, kernelRows: kernelRows, channelStride: s.inHeight * rowFloats,
                rowStride: rowFloats, weightChannelStride: taps, kernelWidth: s.kernelWidth,
                filterStride: s.inChannels * taps, outPlane: s.outHeight * s.outWidth * images)
            let first = lanes + (y - s.padHeight + lowest) * rowFloats
            var o = 0
            while o < s.outChannels {
                let two = s.outChannels - o >= 2
                (two ? pair : single)(
                    walk, first, weight + o * s.inChannels * taps + lowest * s.kernelWidth, bias.map { $0 + o },
                    sums + (o * s.outHeight + y) * s.outWidth * images)
                o += two ? 2 : 1
            }
        }
        ImageLanes.scatter(sums, count: s.outputCount, into: output, stride: outputStride)
    }

    typealias Walk = ImageLanesWalk

    typealias RowLoop = (
        Walk, UnsafePointer<Float>, UnsafePointer<Float>, UnsafePointer<Float>?, UnsafeMutablePointer<Float>
    ) -> Void

    /// The row loop specialised for the shape's widths and `channels` (1 or 2) per tile, or nil.
    static func row(for s: Shape, channels: Int) -> RowLoop? {
        // LeNet's second layer (14 → 10, unpadded), its padded variant, and small 3×3 neighbours.
        switch (s.inWidth, s.outWidth, s.kernelWidth, channels) {
        case (14, 10, 5, 2): rowLoop(N14.self, N10.self, N5.self, N2.self)
        case (14, 10, 5, 1): rowLoop(N14.self, N10.self, N5.self, N1.self)
        case (10, 10, 5, 2): rowLoop(N10.self, N10.self, N5.self, N2.self)
        case (10, 10, 5, 1): rowLoop(N10.self, N10.self, N5.self, N1.self)
        case (7, 5, 3, 2): rowLoop(N7.self, N5.self, N3.self, N2.self)
        case (7, 5, 3, 1): rowLoop(N7.self, N5.self, N3.self, N1.self)
        case (7, 7, 3, 2): rowLoop(N7.self, N7.self, N3.self, N2.self)
        case (7, 7, 3, 1): rowLoop(N7.self, N7.self, N3.self, N1.self)
        default: nil
        }
    }

    private static func rowLoop<X: Count, W: Count, K: Count, C: Count>(
        _: X.Type, _: W.Type, _: K.Type, _: C.Type
    ) -> RowLoop {
        { walk, input, weights, bias, target in
            sumRow(X.self, W.self, K.self, C.self, walk, input, weights, bias, target)
        }
    }

    /// The sums of one output row (`W` positions) of `C` output channels from input rows `X`
    /// wide and kernel rows `K` wide, stored at `target` (`W` vectors per channel).
    @inline(never)
    private static func sumRow<X: Count, W: Count, K: Count, C: Count>(
        _: X.Type, _: W.Type, _: K.Type, _: C.Type, _ walk: Walk, _ input: UnsafePointer<Float>,
        _ weights: UnsafePointer<Float>, _ bias: UnsafePointer<Float>?, _ target: UnsafeMutablePointer<Float>
    ) {
        var sums = WideSums()
        var source = UnsafeRawPointer(input)
        var w = weights
        var kernelRow = 0
        // Column x of the output reads column x − p + k of the input.
        let pad = (W.value + K.value - 1 - X.value) / 2
        for _ in 0..<walk.steps {
            let (first, second, row) = (w, w + walk.filterStride, source)
            for k in 0..<K.value {
                let a = SIMD16<Float>(repeating: first[k])
                let b = C.value > 1 ? SIMD16<Float>(repeating: second[k]) : a
                // Sum i is output column i % W of channel i / W; a column in the padding reads zeros.
                sums.add(
                    count: C.value * W.value, vectors: W.value,
                    { x in
                        let column = x + k - pad
                        guard pad == 0 || (column >= 0 && column < X.value) else { return SIMD16() }
                        return row.load(fromByteOffset: 64 * column, as: SIMD16<Float>.self)
                    }, { $0 == 0 ? a : b })
            }
            // Next kernel row: one input row down; after the last, the next input channel.
            kernelRow += 1
            w += K.value
            source += 4 * walk.rowStride
            if kernelRow == walk.kernelRows {
                kernelRow = 0
                w += walk.weightChannelStride - walk.kernelRows * K.value
                source += 4 * (walk.channelStride - walk.kernelRows * walk.rowStride)
            }
        }
        let out = UnsafeMutableRawPointer(target)
        for i in 0..<24 where i < C.value * W.value {
            let (filter, x) = i.quotientAndRemainder(dividingBy: W.value)
            let offset = SIMD16<Float>(repeating: bias?[filter] ?? 0)
            out.storeBytes(
                of: sums.sum(i) + offset, toByteOffset: 4 * (filter * walk.outPlane + 16 * x), as: SIMD16<Float>.self)
        }
    }
}
