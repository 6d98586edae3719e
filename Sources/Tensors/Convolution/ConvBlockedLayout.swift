/// Where ``ConvBlocked`` keeps its operands: the input zero-padded and channel-blocked
/// ("NCHWc8": blocks of 8 channels, each position's 8 values side by side), and the weights
/// grouped 16, 32 or 64 output channels wide (one, two or four 16-lane vectors; two or four
/// 8-lane vectors make 16) in the order the kernel walks them.
///
/// Input block `b` of an image is a `height × width` plane of `channels`-float positions; padded
/// position `(h, w)` holds input `(h − pad_h, w − pad_w)` of channels `b · channels ..<
/// (b + 1) · channels`, or zeros. Only the rows and columns that valid outputs read are kept.
/// Groups whose input channels do not fill blocks of 8 (a network's RGB stem) use blocks of one
/// channel: a plain zero-padded copy.
struct ConvBlockedLayout {
    /// Input channels per block: 8, or 1 when the group's channels are not a multiple of 8.
    let channels: Int
    /// Output channels per filter block: 16 (two 8-lane or one 16-lane vector), or 32 or 64 for
    /// the 16-lane kernel's tiles of two or four vectors.
    let filters: Int
    /// The narrowest filter block, which every layout's `filters` is a multiple of.
    static let minimumFilters = 16

    /// Padded rows and columns kept per block (a band's copy keeps fewer rows: ``band(rows:)``).
    private(set) var height: Int
    let width: Int
    /// Input blocks per group, and filter blocks per group.
    let blocksPerGroup: Int
    let filterBlocksPerGroup: Int
    /// Floats of packed weights per (filter block, input block): every tap of `channels` × 16.
    let weightsPerPair: Int

    /// Floats per input block.
    var blockStride: Int { height * width * channels }

    /// Floats of the whole blocked copy, or nil when that overflows (a huge stride or padding
    /// around a tiny input).
    func copyCount(_ g: ConvGeometry) -> Int? {
        ConvGeometry.product(g.batch, g.inChannels, height, width)
    }

    /// Only 2-D problems with whole blocks of 16 filters per group and an undilated kernel row.
    /// Filter blocks are `16 · vectors` wide where the group's output channels divide by that,
    /// else the widest of 32 and 16 that divides them.
    init?(_ g: ConvGeometry, vectors: Int = 1) {
        guard g.inDepth == 1, g.kernelDepth == 1, g.padDepth == 0, g.outDepth == 1, g.dilationWidth == 1,
            g.outChannelsPerGroup % Self.minimumFilters == 0
        else { return nil }
        var filters = Self.minimumFilters * max(1, vectors)
        while g.outChannelsPerGroup % filters != 0 { filters /= 2 }
        self.filters = filters
        channels = g.inChannelsPerGroup % 8 == 0 ? 8 : 1
        height = (g.outHeight - 1) * g.strideHeight + (g.kernelHeight - 1) * g.dilationHeight + 1
        width = (g.outWidth - 1) * g.strideWidth + g.kernelWidth
        blocksPerGroup = g.inChannelsPerGroup / channels
        filterBlocksPerGroup = g.outChannelsPerGroup / filters
        weightsPerPair = g.kernelHeight * g.kernelWidth * channels * filters
    }

    /// The layout of a band's copy: the padded rows that `rows` output rows read.
    func band(rows: Int, _ g: ConvGeometry) -> ConvBlockedLayout {
        var band = self
        band.height = min(height, (rows - 1) * g.strideHeight + (g.kernelHeight - 1) * g.dilationHeight + 1)
        return band
    }

    /// Writes input block `block` (channels `block · channels ..< (block + 1) · channels` of the
    /// image at `image`) into `target`: padded rows `firstRow ..< firstRow + rows` (all `height`
    /// rows unless told), one after another.
    func fill(
        _ g: ConvGeometry, image: UnsafePointer<Float>, block: Int, into target: UnsafeMutablePointer<Float>,
        firstRow: Int = 0, rows: Int? = nil
    ) {
        let c = channels
        let source = image + block * c * g.inPlane
        // Padded columns whose input column lies inside the image.
        let first = min(width, g.padWidth)
        let last = max(first, min(width, g.inWidth + g.padWidth))
        for row in 0..<(rows ?? height) {
            let to = target + row * width * c
            let ih = firstRow + row - g.padHeight
            guard ih >= 0 && ih < g.inHeight else {
                to.initialize(repeating: 0, count: width * c)
                continue
            }
            to.initialize(repeating: 0, count: first * c)
            let from = source + ih * g.inWidth - g.padWidth
            var column = first
            if c == 1 {
                (to + first).initialize(from: from + first, count: last - first)
                column = last
            } else if c == 8 {
                // Eight columns at a time: one vector per channel, transposed in registers.
                while column + 8 <= last {
                    var block = Transpose8(from + column, stride: g.inPlane)
                    block.transpose()
                    block.store(to + column * 8)
                    column += 8
                }
            }
            for column in column..<last {
                let position = to + column * c
                for channel in 0..<c { position[channel] = from[channel * g.inPlane + column] }
            }
            (to + last * c).initialize(repeating: 0, count: (width - last) * c)
        }
    }

    /// Writes the weights of filter block `index` (output channels `f · index ..< f · index + f`
    /// for `f` ``filters``, counted across groups) as `[input block][k_h][k_w][channels][f filters]` at
    /// `packed + index · blocksPerGroup · weightsPerPair`.
    func packWeights(
        _ g: ConvGeometry, weight: UnsafePointer<Float>, index: Int, into packed: UnsafeMutablePointer<Float>,
        transposing: Bool = true
    ) {
        let f = filters
        let taps = g.kernelHeight * g.kernelWidth
        let patch = g.patchLength
        let source = weight + index * f * patch
        var target = packed + index * blocksPerGroup * weightsPerPair
        if channels == 8 && transposing {
            // A block's weights are 8 · taps consecutive floats in each filter's row; eight rows
            // × eight of them at a time are transposed in registers, so each (channel, tap)
            // gets its 8 filters as one vector (perf: the scalar gather below was 7% of the
            // 3×3 over 128 channels and the 1×1 over 256, one thread).
            // The (channel, tap) of each of the 8 rows follow from the first's by counting, not
            // by a division per row (perf: the divisions were about half of this packing's time,
            // 4% of the 3×3 over 128 channels, one thread).
            let run = channels * taps
            for block in 0..<blocksPerGroup {
                let first = source + block * run
                for j in stride(from: 0, to: run, by: 8) {
                    let (c0, tap0) = j.quotientAndRemainder(dividingBy: taps)
                    for part in 0..<(f / 8) {
                        var square = Transpose8(first + part * 8 * patch + j, stride: patch)
                        square.transpose()
                        var (c, tap) = (c0, tap0)
                        for i in 0..<8 {
                            UnsafeMutableRawPointer(target + (tap * channels + c) * f + part * 8).storeBytes(
                                of: square.row(i), as: SIMD8<Float>.self)
                            tap += 1
                            if tap == taps { (c, tap) = (c + 1, 0) }
                        }
                    }
                }
                target += weightsPerPair
            }
            return
        }
        for channel in 0..<g.inChannelsPerGroup where channel % channels == 0 {
            for tap in 0..<taps {
                for c in channel..<(channel + channels) {
                    for filter in 0..<f { target[filter] = source[filter * patch + c * taps + tap] }
                    target += f
                }
            }
        }
    }
}
