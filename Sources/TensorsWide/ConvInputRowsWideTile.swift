/// The 16-lane inner loop of `ConvInputRows` (AVX-512): one image's input gradient, one input row
/// of six input channels at a time.
///
/// The same walk as the 8-lane loop: a whole input row (at most 16 columns) is one vector, each
/// output-gradient row is read from a zero-bordered copy with the `k_w` shifts as unaligned
/// loads, and every loaded row feeds one multiply-add per input channel of the block with its
/// weight broadcast (embedded in the multiply-add). Here a register is the whole row, and six
/// channels × two interleaved output channels are twelve independent sums (two FMA units of
/// four cycles' latency need eight): LeNet's 6 → 16 layer takes all six of its input channels
/// in one pass.
///
/// Compiled for x86-64-v4: called only after `CPUFeatures` found AVX-512.
public enum ConvInputRowsWideTile {
    /// Input channels summed together; the packed weights hold a multiple of this many.
    public static let channels = 6

    /// The sizes of one call, all in elements.
    public struct Shape: Sendable {
        public var outChannels: Int
        public var outHeight: Int
        public var kernelHeight: Int
        public var kernelWidth: Int
        public var padHeight: Int
        public var inChannels: Int
        public var inHeight: Int
        public var inWidth: Int
        /// Floats per zero-bordered output-gradient row (`16 + k_w − 1`).
        public var rowWidth: Int
        /// Input channels in the packed weights (a multiple of ``channels``).
        public var packedChannels: Int

        public init(
            outChannels: Int, outHeight: Int, kernelHeight: Int, kernelWidth: Int, padHeight: Int, inChannels: Int,
            inHeight: Int, inWidth: Int, rowWidth: Int, packedChannels: Int
        ) {
            (self.outChannels, self.outHeight, self.kernelHeight) = (outChannels, outHeight, kernelHeight)
            (self.kernelWidth, self.padHeight, self.inChannels) = (kernelWidth, padHeight, inChannels)
            (self.inHeight, self.inWidth, self.rowWidth) = (inHeight, inWidth, rowWidth)
            self.packedChannels = packedChannels
        }
    }

    /// Writes one image's input gradient `(c_i, h, w)` at `dx`. `padded` holds the image's output
    /// gradient, `(c_o, oh)` rows of `rowWidth` floats with `dY[o, r, x]` at column
    /// `x + k_w − 1 − p_w`; `packed` the weights as `(o, kh, kw, c)` with `packedChannels` channels.
    @inline(never)
    public static func image(
        _ s: Shape, padded: UnsafePointer<Float>, packed: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>
    ) {
        let kw = s.kernelWidth
        let outputStride = s.outHeight * s.rowWidth
        let weightStride = s.kernelHeight * kw * s.packedChannels
        for ih in 0..<s.inHeight {
            let lowest = max(0, ih + s.padHeight - s.outHeight + 1)
            let highest = min(s.kernelHeight - 1, ih + s.padHeight)
            for first in stride(from: 0, to: s.inChannels, by: channels) {
                var even = Sums()
                var odd = Sums()
                var o = 0
                while o < s.outChannels && lowest <= highest {
                    let pair = o + 1 < s.outChannels
                    for kh in lowest...highest {
                        // Lane x of the load at column kw − 1 − tap reads dY[o, ih + p − kh, x + p − tap].
                        let source = padded + (o * s.outHeight + ih + s.padHeight - kh) * s.rowWidth + kw - 1
                        let w = packed + (o * s.kernelHeight + kh) * kw * s.packedChannels + first
                        for tap in 0..<kw {
                            let at = w + tap * s.packedChannels
                            even.add(UnsafeRawPointer(source - tap).loadUnaligned(as: SIMD16<Float>.self), at)
                            if pair {
                                odd.add(
                                    UnsafeRawPointer(source + outputStride - tap).loadUnaligned(as: SIMD16<Float>.self),
                                    at + weightStride)
                            }
                        }
                    }
                    o += 2
                }
                even.add(odd)
                for i in 0..<min(channels, s.inChannels - first) {
                    let row = dx + ((first + i) * s.inHeight + ih) * s.inWidth
                    // A full vector may spill into the channel's next rows, which are written after it.
                    let value = even[i]
                    if ih * s.inWidth + 16 <= s.inHeight * s.inWidth {
                        UnsafeMutableRawPointer(row).storeBytes(of: value, as: SIMD16<Float>.self)
                    } else {
                        for lane in 0..<s.inWidth { row[lane] = value[lane] }
                    }
                }
            }
        }
    }

    /// The six channels' sums of one input row.
    private struct Sums {
        var s0 = SIMD16<Float>(), s1 = SIMD16<Float>(), s2 = SIMD16<Float>()
        var s3 = SIMD16<Float>(), s4 = SIMD16<Float>(), s5 = SIMD16<Float>()

        /// Adds `v` times each channel's weight at `w[0..<6]`.
        @inline(__always)
        mutating func add(_ v: SIMD16<Float>, _ w: UnsafePointer<Float>) {
            s0.addProduct(v, SIMD16(repeating: w[0]))
            s1.addProduct(v, SIMD16(repeating: w[1]))
            s2.addProduct(v, SIMD16(repeating: w[2]))
            s3.addProduct(v, SIMD16(repeating: w[3]))
            s4.addProduct(v, SIMD16(repeating: w[4]))
            s5.addProduct(v, SIMD16(repeating: w[5]))
        }

        @inline(__always)
        mutating func add(_ other: Sums) {
            s0 += other.s0
            s1 += other.s1
            s2 += other.s2
            s3 += other.s3
            s4 += other.s4
            s5 += other.s5
        }

        subscript(_ index: Int) -> SIMD16<Float> {
            switch index {
            case 0: s0
            case 1: s1
            case 2: s2
            case 3: s3
            case 4: s4
            default: s5
            }
        }
    }
}
