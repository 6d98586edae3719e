/// Where ``ConvWeightGradient`` keeps its operands: the output gradient with output channels in
/// the vector lanes, and the input zero-padded.
///
/// The output gradient goes into blocks of `lanes` output channels of one group (16, or 8 when
/// the group has at most 8), position-major: block `b` of group `grp` holds, image after image,
/// each output position's `lanes` values side by side (zeros past the group's last channel).
/// The input is copied per image and channel into a `height × width` plane that holds input
/// `(h − pad_h, w − pad_w)` at `(h, w)`, or zero; only the rows and columns that valid outputs
/// read are kept.
struct ConvWeightGradientLayout {
    /// Output channels per block: 16 (two 8-lane vectors), or 8 for groups of at most 8.
    let lanes: Int
    /// Output-channel blocks per group.
    let blocksPerGroup: Int
    /// Padded input rows and columns kept per channel.
    let height: Int
    let width: Int

    /// Only 2-D problems.
    init?(_ g: ConvGeometry) {
        guard g.inDepth == 1, g.kernelDepth == 1, g.padDepth == 0, g.outDepth == 1, g.outChannelsPerGroup > 0
        else { return nil }
        lanes = g.outChannelsPerGroup <= 8 ? 8 : 16
        blocksPerGroup = (g.outChannelsPerGroup + lanes - 1) / lanes
        height = (g.outHeight - 1) * g.strideHeight + (g.kernelHeight - 1) * g.dilationHeight + 1
        width = (g.outWidth - 1) * g.strideWidth + (g.kernelWidth - 1) * g.dilationWidth + 1
    }

    /// Floats of one padded input plane.
    var plane: Int { height * width }

    /// Floats of the padded input copy, or nil when that overflows (huge padding).
    func inputCount(_ g: ConvGeometry) -> Int? {
        ConvGeometry.product(g.batch, g.inChannels, height, width)
    }

    /// Floats of one block of the output gradient over every image.
    func blockCount(_ g: ConvGeometry) -> Int { g.batch * g.outPlane * lanes }

    /// Floats of the blocked output gradient.
    func gradientCount(_ g: ConvGeometry) -> Int { g.groups * blocksPerGroup * blockCount(g) }

    /// Writes the padded planes of image `n` (all its channels) at `target`.
    func fillInput(
        _ g: ConvGeometry, input: UnsafePointer<Float>, image n: Int, into target: UnsafeMutablePointer<Float>
    ) {
        for channel in 0..<g.inChannels {
            let source = input + (n * g.inChannels + channel) * g.inPlane
            let to = target + (n * g.inChannels + channel) * plane
            for row in 0..<height { g.writePaddedRow(row, of: source, width: width, into: to + row * width) }
        }
    }

    /// Writes image `n`'s share of every block of group `group` (its output positions, `lanes`
    /// channels each) into the blocked gradient at `target`, and with `sums` each of the group's
    /// channels summed over the image's positions (its share of the bias gradient) at
    /// `sums[channel]`: the copy reads every value anyway, so the bias costs no pass of its own.
    /// `blocks` (nil: all of the group's) limits the copy to those blocks.
    func fillGradient(
        _ g: ConvGeometry, gradient dy: UnsafePointer<Float>, image n: Int, group: Int,
        into target: UnsafeMutablePointer<Float>, sums: UnsafeMutablePointer<Float>? = nil, blocks: Range<Int>? = nil
    ) {
        let positions = g.outPlane
        let groupOut = g.outChannelsPerGroup
        for block in blocks ?? 0..<blocksPerGroup {
            let to = target + (group * blocksPerGroup + block) * blockCount(g) + n * positions * lanes
            let firstChannel = block * lanes
            let channels = min(lanes, groupOut - firstChannel)
            let from = dy + (n * g.outChannels + group * groupOut + firstChannel) * positions
            // Eight channels (zeros past the last) × eight positions at a time, transposed in
            // registers.
            for lane in stride(from: 0, to: lanes, by: 8) {
                let rows = max(0, min(8, channels - lane))
                var total = SIMD8<Float>()
                var position = 0
                while position + 8 <= positions {
                    var square = Transpose8(from + lane * positions + position, stride: positions, rows: rows)
                    square.transpose()
                    for i in 0..<8 {
                        let row = square.row(i)
                        total += row
                        UnsafeMutableRawPointer(to + (position + i) * lanes + lane).storeBytes(
                            of: row, as: SIMD8<Float>.self)
                    }
                    position += 8
                }
                for position in position..<positions {
                    let at = to + position * lanes + lane
                    for l in 0..<rows {
                        let value = from[(lane + l) * positions + position]
                        at[l] = value
                        total[l] += value
                    }
                    for l in rows..<8 { at[l] = 0 }
                }
                if let sums {
                    for l in 0..<rows { sums[firstChannel + lane + l] = total[l] }
                }
            }
        }
    }
}
