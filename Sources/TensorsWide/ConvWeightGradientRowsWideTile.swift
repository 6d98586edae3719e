/// The 16-lane inner loop of `ConvWeightGradientRows` (AVX-512): the weight gradient with
/// output positions in the lanes, read straight from the NCHW output gradient.
///
/// A tile is `channels` output channels × `rows` kernel rows × `kernelWidth` columns of one input
/// channel: 2 × 3 × 3 = 18 sums for a 3 × 3 kernel, 4 × 1 × 5 = 20 for a 5 × 5 one. Each step
/// takes 16 consecutive output positions of one row: one aligned-or-not vector of output
/// gradient per channel and one unaligned input vector per weight (from a zero-padded plane,
/// shifted by the weight's row and column), every input vector multiplied into every channel's
/// sum: 2 + 9 loads per 18 multiply-adds. The lanes are added up once per call, so a call
/// should cover a few thousand positions.
///
/// The other way round from ``ConvWeightGradientWideTile`` (channels in the lanes): no copy of
/// the output gradient with channels side by side, and no broadcasts. A row whose width is not a
/// multiple of 16 ends with one more vector that overlaps the previous one, its first lanes
/// masked off; rows narrower than 16 positions are not for this tile.
///
/// Compiled for x86-64-v4: called only after `CPUFeatures` found AVX-512.
public enum ConvWeightGradientRowsWideTile {
    /// How a call walks its positions: `images` images, `rows` output rows of `width` positions
    /// each (`width` ≥ 16); the output gradient's rows `gradientRowStride` floats apart and its
    /// images `gradientImageStride` apart; the padded input's rows (one per output row, at the
    /// tile's first kernel row) `inputRowStride` apart and its images `inputImageStride` apart.
    public struct Walk: Sendable {
        public var images: Int
        public var rows: Int
        public var width: Int
        public var gradientRowStride: Int
        public var gradientImageStride: Int
        public var inputRowStride: Int
        public var inputImageStride: Int

        public init(
            images: Int, rows: Int, width: Int, gradientRowStride: Int, gradientImageStride: Int,
            inputRowStride: Int, inputImageStride: Int
        ) {
            (self.images, self.rows, self.width) = (images, rows, width)
            (self.gradientRowStride, self.gradientImageStride) = (gradientRowStride, gradientImageStride)
            (self.inputRowStride, self.inputImageStride) = (inputRowStride, inputImageStride)
        }
    }

    /// Output channels per tile for kernels `kernelWidth` wide (0: no loop for that width).
    public static func channels(kernelWidth: Int) -> Int {
        switch kernelWidth {
        case 3: 2
        case 5: 4
        default: 0
        }
    }

    /// Output channels per tile for kernels `kernelWidth` wide when a group has `outChannels`:
    /// for 5-wide kernels 3 where tiles of 3 compute fewer unused channels than tiles of 4
    /// (LeNet's 6: two tiles of 3, where tiles of 4 compute 8), else as
    /// ``channels(kernelWidth:)``.
    public static func channels(kernelWidth: Int, outChannels: Int) -> Int {
        guard kernelWidth == 5 else { return channels(kernelWidth: kernelWidth) }
        return (outChannels + 2) / 3 * 3 < (outChannels + 3) / 4 * 4 ? 3 : 4
    }

    /// Kernel rows per tile for kernels `kernelWidth` wide (the last tile of a kernel may take
    /// fewer).
    public static func rows(kernelWidth: Int) -> Int { kernelWidth == 3 ? 3 : 1 }

    /// Adds the tile's sums to `sums`: channel `c` (output gradient at `gradient + c ·
    /// channelStride`), kernel row `r` (input row `input + r · kernelRowStride`), column `k`
    /// goes to `sums[c · sumStride + r · kernelWidth + k]`, for the first `valid` of `channels`
    /// channels (one of the counts ``channels(kernelWidth:outChannels:)`` gives; the others
    /// repeat the last valid one's gradient and are not written).
    @inline(never)
    public static func run(
        _ walk: Walk, kernelWidth: Int, channels: Int, rows: Int, valid: Int, gradient: UnsafePointer<Float>,
        channelStride: Int,
        input: UnsafePointer<Float>, kernelRowStride: Int, sums: UnsafeMutablePointer<Float>, sumStride: Int
    ) {
        let tile = Tile(
            walk: walk, gradient: gradient, channelStride: channelStride, valid: valid, input: input,
            kernelRowStride: kernelRowStride)
        let acc: WideSums
        switch (kernelWidth, rows) {
        case (3, 3): acc = tile.sum(N2.self, N3.self, N3.self)
        case (3, 2): acc = tile.sum(N2.self, N2.self, N3.self)
        case (3, 1): acc = tile.sum(N2.self, N1.self, N3.self)
        case (5, 1) where channels == 3: acc = tile.sum(N3.self, N1.self, N5.self)
        case (5, 1): acc = tile.sum(N4.self, N1.self, N5.self)
        default: preconditionFailure("ConvWeightGradientRowsWideTile: no loop for \(rows) rows of \(kernelWidth)")
        }
        let taps = rows * kernelWidth
        for t in 0..<taps {
            for c in 0..<valid {
                sums[c * sumStride + t] += acc.sum(t * channels + c).sum()
            }
        }
    }

    /// The operands of one tile.
    private struct Tile {
        let walk: Walk
        let gradient: UnsafePointer<Float>
        let channelStride: Int
        let valid: Int
        let input: UnsafePointer<Float>
        let kernelRowStride: Int

        /// Sums `C` channels × `R` kernel rows × `K` columns; sum `t · C + c` is tap `t = r · K +
        /// k` of channel `c`. The sums are a local value, returned at the end: summed into an
        /// `inout` argument (this specialization is not inlined) they lived in memory, which the
        /// gradient and input loads might alias, and every multiply-add loaded and stored its sum
        /// (LeNet's 1 → 6: 1,754 µs, slower than the channels-in-lanes tile).
        @inline(__always)
        func sum<C: Count, R: Count, K: Count>(_: C.Type, _: R.Type, _: K.Type) -> WideSums {
            var acc = WideSums()
            let channels = C.value
            let columns = K.value
            let count = C.value * R.value * K.value
            let rs = kernelRowStride
            // Channels past `valid` read the last valid one's gradient (their sums are dropped).
            var channelOffsets = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &channelOffsets) { o in
                for c in 0..<channels {
                    o.storeBytes(of: min(c, valid - 1) * channelStride, toByteOffset: 8 * c, as: Int.self)
                }
            }
            let (o1, o2, o3) = (channelOffsets.1, channelOffsets.2, channelOffsets.3)
            @inline(__always)
            func step(_ d: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ keep: SIMDMask<SIMD16<Int32>>) {
                @inline(__always)
                func load(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
                    UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self).replacing(with: 0, where: .!keep)
                }
                let g0 = load(d)
                let g1 = channels > 1 ? load(d + o1) : g0
                let g2 = channels > 2 ? load(d + o2) : g0
                let g3 = channels > 3 ? load(d + o3) : g0
                @inline(__always)
                func gradientVector(_ c: Int) -> SIMD16<Float> {
                    switch c {
                    case 0: g0
                    case 1: g1
                    case 2: g2
                    default: g3
                    }
                }
                @inline(__always)
                func inputVector(_ t: Int) -> SIMD16<Float> {
                    let at = x + ((t / columns) &* rs &+ t % columns)
                    return UnsafeRawPointer(at).loadUnaligned(as: SIMD16<Float>.self)
                }
                acc.add(count: count, vectors: channels, gradientVector, inputVector)
            }
            // One loop body for whole and last vectors: vector `j` of a row starts at
            // `min(16 j, width − 16)` and keeps the lanes at or past `16 j` (all of them but in a
            // last vector that overlaps the one before).
            let width = walk.width
            let steps = (width + 15) / 16
            let lanes = SIMD16<Int32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
            let lastShift = SIMD16<Int32>(repeating: Int32(truncatingIfNeeded: width &- 16 &* steps))
            let zero = SIMD16<Int32>()
            // One flat loop over every vector of every row (nested loops made the register
            // allocator copy the sums around): vector `j` of a row starts at `min(16 j, width −
            // 16)` and keeps the lanes at or past `16 j`, all of them but in a last vector that
            // overlaps the one before.
            let total = walk.images &* walk.rows &* steps
            var d = gradient
            var x = input
            var j = 0
            var r = 0
            var n = 0
            for _ in 0..<total {
                let last = j == steps &- 1
                let start = last ? width &- 16 : 16 &* j
                let keep = (last ? lanes &+ lastShift : lanes) .>= zero
                step(d + start, x + start, keep)
                j &+= 1
                if last {
                    j = 0
                    r &+= 1
                    if r == walk.rows {
                        r = 0
                        n &+= 1
                        d = gradient + n &* walk.gradientImageStride
                        x = input + n &* walk.inputImageStride
                    } else {
                        d += walk.gradientRowStride
                        x += walk.inputRowStride
                    }
                }
            }
            return acc
        }
    }
}
