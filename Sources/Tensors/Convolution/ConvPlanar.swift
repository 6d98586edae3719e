import TensorsWide

/// Direct convolution with output positions in the 16 vector lanes (AVX-512 only), for inputs
/// of few channels such as a network's RGB stem.
///
/// ``ConvBlocked`` puts output channels in the lanes, so each finished row of sums has to be
/// transposed into the NCHW output; with 3 input channels × 3×3 taps (27 steps per sum) that
/// transposition took 42% of the stem's time (perf, one thread), more than the sums. Here the
/// input is copied once into zero-padded planes (``ConvBlockedLayout`` with blocks of one
/// channel), the weights into groups of 8 output channels, and each tile
/// (``ConvPlanarWideTile``: 32 positions × 8 channels) loads input vectors, broadcasts weights
/// and stores its sums straight into the output rows. Rows narrower than 32 outputs, strides
/// across the row, dilation and groups stay with ``ConvBlocked``.
///
/// Threads claim runs of output rows of one image; each row goes through every group of 8
/// channels while its input rows stay in L1.
enum ConvPlanar {
    /// Whether the AVX-512 kernel applies: one group of fewer than 8 input channels (or not a
    /// multiple of 8), output channels in groups of 16, unit stride and dilation along the row,
    /// and rows at least one tile wide.
    static func isSuitable(_ g: ConvGeometry) -> Bool {
        guard CPUFeatures.current.useAVX512, g.groups == 1, g.strideWidth == 1,
            g.outWidth >= ConvPlanarWideTile.positions, let layout = ConvBlockedLayout(g), layout.channels == 1,
            let copy = layout.copyCount(g)
        else { return false }
        return copy <= 2 * g.batch * (g.inChannels * g.inPlane + g.outChannels * g.outPlane)
    }

    static func run(
        _ g: ConvGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) {
        guard isSuitable(g), let layout = ConvBlockedLayout(g) else {
            ConvBlocked.run(g, input: input, weight: weight, bias: bias, output: output)
            return
        }
        let f = ConvPlanarWideTile.filters
        let patch = g.patchLength
        let threads = g.multiplyAdds < 1 << 18 ? 1 : Parallel.threadCount
        let planes = g.batch * g.inChannels
        let copy = ParallelScratch.take(planes * layout.blockStride)
        defer { ParallelScratch.give(copy) }
        let weights = ParallelScratch.take(g.outChannels * patch)
        defer { ParallelScratch.give(weights) }
        let blocked = copy.pointer
        let packed = weights.pointer

        // Pass 1: the padded planes, and the weights as [group of 8][step][8 filters].
        Parallel.forEachClaimed(planes + 1, inline: threads == 1) { items in
            for item in items {
                if item < planes {
                    let n = item / g.inChannels
                    layout.fill(
                        g, image: input + n * g.inChannels * g.inPlane, block: item - n * g.inChannels,
                        into: blocked + item * layout.blockStride)
                    continue
                }
                for filter in 0..<g.outChannels {
                    let (group, lane) = filter.quotientAndRemainder(dividingBy: f)
                    let target = packed + group * patch * f + lane
                    for k in 0..<patch { target[k * f] = weight[filter * patch + k] }
                }
            }
        }

        // Pass 2: runs of output rows of one image, every channel group per row.
        let rowsPerItem =
            threads == 1
            ? g.outHeight : max(1, min(g.outHeight, g.batch * g.outHeight / (threads * ConvBlocked.itemsPerThread)))
        let runsPerImage = (g.outHeight + rowsPerItem - 1) / rowsPerItem
        let walk = ConvPlanarWideTile.Walk(
            planes: g.inChannels, planeStride: layout.blockStride, rows: g.kernelHeight,
            rowStride: g.dilationHeight * layout.width, columns: g.kernelWidth)
        let width = ConvPlanarWideTile.positions
        let tiles = (g.outWidth + width - 1) / width
        Parallel.forEachClaimed(g.batch * runsPerImage, inline: threads == 1) { items in
            for item in items {
                let n = item / runsPerImage
                let firstRow = (item - n * runsPerImage) * rowsPerItem
                let image = blocked + n * g.inChannels * layout.blockStride
                for row in firstRow..<min(g.outHeight, firstRow + rowsPerItem) {
                    let x = image + row * g.strideHeight * layout.width
                    let y = output + n * g.outChannels * g.outPlane + row * g.outWidth
                    for group in 0..<(g.outChannels / f) {
                        for tile in 0..<tiles {
                            // The last tile ends at the row's end, overlapping the one before.
                            let column = min(tile * width, g.outWidth - width)
                            ConvPlanarWideTile.run(
                                walk, input: x + column, weights: packed + group * patch * f,
                                bias: bias.map { $0 + group * f }, output: y + group * f * g.outPlane + column,
                                outPlane: g.outPlane)
                        }
                    }
                }
            }
        }
    }
}
