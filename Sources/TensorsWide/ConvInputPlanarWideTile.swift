/// The 16-lane input gradient of a convolution onto few input channels (AVX-512): an RGB stem's
/// `dX`, 64 output channels → 3 input channels, 3 × 3, on 224 × 224 images.
///
/// `dX[c, y, x] = Σ_o Σ_kh Σ_kw dY[o, y + p − kh, x + p − kw] · W[o, c, kh, kw]` (stride 1), with
/// input positions in the lanes. A tile is `P` vectors of one input row (16 · `P` columns) × all
/// `C` input channels: each step of its walk, one (output channel, kernel row, kernel column),
/// loads `P` unaligned vectors of one output-gradient row shifted by the kernel column and
/// multiplies each into the `C` sums of its columns with the step's `C` weights broadcast:
/// `P + C` loads per `P · C` multiply-adds. The output gradient is read from a band copy whose
/// rows have zero columns on both sides and whose rows outside the gradient are zero, so every
/// step is the same (`c_o · k_h · k_w` steps per tile, the weights packed in that order).
///
/// The forward kernels put output channels in the lanes; with 3 of them (the transposed stem)
/// that is 3 of 16 lanes, which is why the transposed convolution ran at 15 % of the FMA peak.
///
/// Compiled for x86-64-v4: called only after `CPUFeatures` found AVX-512.
public enum ConvInputPlanarWideTile {
    /// The most input channels a tile sums.
    public static let maximumChannels = 4

    /// The most vectors per tile for `channels` input channels: enough sums in flight for two
    /// FMA units of four cycles' latency, within the 32 registers.
    public static func vectors(channels: Int) -> Int { channels == 4 ? 6 : 8 }

    /// How a tile walks the band: `outChannels` output channels of `kernelHeight` rows of
    /// `kernelWidth` steps; from one kernel row's gradient row to the next `rowStride` floats
    /// back, from one output channel's rows to the next `channelStride` floats on.
    public struct Walk: Sendable {
        public var outChannels: Int
        public var kernelHeight: Int
        public var kernelWidth: Int
        public var rowStride: Int
        public var channelStride: Int

        public init(outChannels: Int, kernelHeight: Int, kernelWidth: Int, rowStride: Int, channelStride: Int) {
            (self.outChannels, self.kernelHeight, self.kernelWidth) = (outChannels, kernelHeight, kernelWidth)
            (self.rowStride, self.channelStride) = (rowStride, channelStride)
        }
    }

    /// Writes one tile's sums to `tile` (`channels` rows of `16 · vectors` floats): `gradient` is
    /// the band float that lane 0 of vector 0 reads at the first step (output channel 0, kernel
    /// row 0, kernel column 0), `weights` the packed `(c_o, k_h, k_w, channels)` weights.
    @inline(never)
    public static func run(
        _ walk: Walk, channels: Int, vectors: Int, gradient: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        tile: UnsafeMutablePointer<Float>
    ) {
        switch channels {
        case 1: widths(N1.self, vectors, walk, gradient, weights, tile)
        case 2: widths(N2.self, vectors, walk, gradient, weights, tile)
        case 3: widths(N3.self, vectors, walk, gradient, weights, tile)
        default: widths(N4.self, vectors, walk, gradient, weights, tile)
        }
    }

    @inline(__always)
    private static func widths<C: Count>(
        _: C.Type, _ vectors: Int, _ walk: Walk, _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>,
        _ tile: UnsafeMutablePointer<Float>
    ) {
        switch vectors {
        case 8: sum(C.self, N8.self, walk, x, w, tile)
        case 7: sum(C.self, N7.self, walk, x, w, tile)
        case 6: sum(C.self, N6.self, walk, x, w, tile)
        case 5: sum(C.self, N5.self, walk, x, w, tile)
        case 4: sum(C.self, N4.self, walk, x, w, tile)
        case 3: sum(C.self, N3.self, walk, x, w, tile)
        case 2: sum(C.self, N2.self, walk, x, w, tile)
        default: sum(C.self, N1.self, walk, x, w, tile)
        }
    }

    /// The kernel body for `C` channels × `P` vectors, one flat loop over the walk's steps.
    @inline(never)
    private static func sum<C: Count, P: Count>(
        _: C.Type, _: P.Type, _ walk: Walk, _ gradient: UnsafePointer<Float>, _ weights: UnsafePointer<Float>,
        _ tile: UnsafeMutablePointer<Float>
    ) {
        guard C.value * P.value <= 24 else { preconditionFailure("ConvInputPlanarWideTile: tile too wide") }
        var sums = WideSums()
        var source = UnsafeRawPointer(gradient)
        var w = weights
        var column = 0
        var row = 0
        let steps = walk.outChannels * walk.kernelHeight * walk.kernelWidth
        // After a kernel row: back to its first column, one gradient row up. After the last
        // kernel row: the next output channel's first row.
        let rowBytes = 4 * (walk.kernelWidth - walk.rowStride)
        let channelBytes = 4 * (walk.channelStride + walk.kernelHeight * walk.rowStride)
        for _ in 0..<steps {
            let b0 = SIMD16<Float>(repeating: w[0])
            let b1 = SIMD16<Float>(repeating: C.value > 1 ? w[1] : 0)
            let b2 = SIMD16<Float>(repeating: C.value > 2 ? w[2] : 0)
            let b3 = SIMD16<Float>(repeating: C.value > 3 ? w[3] : 0)
            // Sum i is channel i / P, vector i % P.
            sums.add(
                count: C.value * P.value, vectors: P.value,
                { source.loadUnaligned(fromByteOffset: 64 * $0, as: SIMD16<Float>.self) },
                {
                    switch $0 {
                    case 0: b0
                    case 1: b1
                    case 2: b2
                    default: b3
                    }
                })
            w += C.value
            source -= 4
            column += 1
            if column == walk.kernelWidth {
                column = 0
                source += rowBytes
                row += 1
                if row == walk.kernelHeight {
                    row = 0
                    source += channelBytes
                }
            }
        }
        sums.store(tile, count: C.value * P.value)
    }
}
