import TensorsWide

/// The weight gradient of a 2-D convolution as a direct kernel, without an im2col matrix.
///
/// `dW[o, c, k_h, k_w] = Σ_{n, oh, ow} dY[n, o, oh, ow] · X_pad[n, c, oh·s_h + k_h·d_h, ow·s_w + k_w·d_w]`:
/// a matrix product whose inner dimension is every output position of every image. The output
/// gradient is copied once with output channels in the vector lanes and the input once
/// zero-padded (``ConvWeightGradientLayout``); then each tile of `lanes` output channels × a few
/// weights (``ConvWeightGradientTile``) sums over all positions in registers and is written
/// once. im2col instead writes every input value `k_h · k_w` times before `sgemm` reads it again.
///
/// Threads claim tiles; when there are too few tiles to keep them busy (few channels, like
/// LeNet's), the images are also split into chunks with partial sums that are added at the end.
/// With AVX-512, blocks of 16 channels and kernels 3 or 5 wide take ``ConvWeightGradientWideTile``,
/// whose tiles are whole kernel rows of one input channel.
enum ConvWeightGradient {
    /// Items (runs of tiles, then chunks of images) per thread.
    static let tilesPerThread = 8
    /// Bytes of output gradient per slab of positions: a quarter of Zen 3's 512 KB L2.
    static let slabBytes = 128 << 10

    /// Whether the direct kernel handles the geometry (2-D, padded copy of a sane size).
    static func isSuitable(_ g: ConvGeometry) -> Bool {
        guard let layout = ConvWeightGradientLayout(g), let copy = layout.inputCount(g) else { return false }
        let operands = g.batch * (g.inChannels * g.inPlane + g.outChannels * g.outPlane)
        return copy <= 2 * operands + (1 << 16)
    }

    /// Writes the gradient with respect to the weight, `(c_o, c_i / groups, k_h, k_w)` row-major,
    /// into `dw`, and with `bias` the gradient with respect to the bias (`c_o` floats: the output
    /// gradient summed per channel, while it is copied); `wide` (nil: when the CPU has AVX-512)
    /// lets ``ConvWeightGradientWideTile`` take the shapes it fits.
    static func run(
        _ g: ConvGeometry, input: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
        into dw: UnsafeMutablePointer<Float>, bias: UnsafeMutablePointer<Float>? = nil, wide: Bool? = nil,
        pairs: Bool = true, wideSeven: Bool = true, fillsByImage: Bool = false, extracting: Bool = false
    ) {
        guard let layout = ConvWeightGradientLayout(g), let inputCount = layout.inputCount(g) else {
            preconditionFailure("ConvWeightGradient needs a 2-D geometry")
        }
        let patch = g.patchLength
        let weightCount = g.outChannels * patch
        guard weightCount > 0 else { return }
        let threads = g.multiplyAdds < 1 << 17 ? 1 : Parallel.threadCount

        let gradientBuffer = ParallelScratch.takeCacheAligned(layout.gradientCount(g))
        defer { ParallelScratch.give(gradientBuffer) }
        let gradient = gradientBuffer.cacheAligned
        let inputBuffer = ParallelScratch.take(inputCount)
        defer { ParallelScratch.give(inputBuffer) }
        let padded = inputBuffer.pointer

        // Pass 1: every image's padded input and blocked output gradient (and its sum per
        // channel, for the bias). Items are an image's input or one of its gradient blocks, so
        // one image's copy is split across threads too (the 7 × 7 stride-2 RGB stem's 3.2 MB of
        // gradient went through one thread); `fillsByImage`: whole images, as before.
        let imageSums = bias.map { _ in ParallelScratch.take(g.batch * g.outChannels) }
        defer { imageSums.map(ParallelScratch.give) }
        let gradientBlocks = g.groups * layout.blocksPerGroup
        let fillsPerImage = fillsByImage ? 1 : 1 + gradientBlocks
        Parallel.forEachClaimed(g.batch * fillsPerImage, inline: threads == 1) { items in
            for item in items {
                let n = item / fillsPerImage
                let part = item - n * fillsPerImage
                if part == 0 { layout.fillInput(g, input: input, image: n, into: padded) }
                let parts = fillsByImage ? 0..<gradientBlocks : part == 0 ? 0..<0 : (part - 1)..<part
                for index in parts {
                    let group = index / layout.blocksPerGroup
                    let block = index - group * layout.blocksPerGroup
                    layout.fillGradient(
                        g, gradient: dy, image: n, group: group, into: gradient,
                        sums: imageSums.map { $0.pointer + n * g.outChannels + group * g.outChannelsPerGroup },
                        blocks: block..<(block + 1))
                }
            }
        }
        if let bias, let imageSums {
            bias.initialize(repeating: 0, count: g.outChannels)
            for n in 0..<g.batch {
                for channel in 0..<g.outChannels { bias[channel] += imageSums.pointer[n * g.outChannels + channel] }
            }
        }

        // Pass 2: items of (chunk of images, output-channel block, run of its tiles). An item
        // walks its images in slabs of positions whose output gradient fits in L2 and sums each
        // slab into all of its tiles before the next, so the slab is read from L2 once per tile
        // (the 3×3 RGB stem has 3.2 MB of gradient per block: from L3 for every tile, its weight
        // gradient ran at a third of the speed).
        let columns =
            layout.lanes == 16 ? ConvWeightGradientTile.wideColumns : ConvWeightGradientTile.narrowColumns
        let wideTiles =
            (wide ?? CPUFeatures.current.useAVX512) && layout.lanes == 16 && g.dilationWidth == 1
            && ConvWeightGradientWideTile.fits(kernelWidth: g.kernelWidth, seven: wideSeven)
        // Wide tiles: whole kernel rows, `rowGroups` tiles per input channel.
        let rowsPerTile = ConvWeightGradientWideTile.rowsPerTile(
            kernelHeight: g.kernelHeight, kernelWidth: g.kernelWidth)
        let rowGroups = (g.kernelHeight + rowsPerTile - 1) / rowsPerTile
        let tilesPerBlock = wideTiles ? g.inChannelsPerGroup * rowGroups : (patch + columns - 1) / columns
        // Wide 3 × 3 tiles take two blocks of 16 channels at once (`runPair`: each broadcast feeds
        // two multiply-adds; res3x3_c64_56's tiles alone, one thread: 1,604 → 1,492 µs).
        let unitBlocks = pairs && wideTiles && g.kernelWidth == 3 && g.kernelHeight == 3 ? 2 : 1
        let unitsPerGroup = (layout.blocksPerGroup + unitBlocks - 1) / unitBlocks
        let blocks = g.groups * unitsPerGroup
        let wanted = threads == 1 ? 1 : tilesPerThread * threads
        let runsPerBlock = min(tilesPerBlock, (wanted + blocks - 1) / blocks)
        let chunks = min(g.batch, max(1, (wanted + blocks * runsPerBlock - 1) / (blocks * runsPerBlock)))
        let partials = ConvWeightGradientPartials(chunks: chunks, weightCount: weightCount, into: dw, zeroed: false)
        defer { partials.release() }
        let slabPositions = max(g.outWidth, slabBytes / (4 * layout.lanes))
        let rowsPerSlab = g.outPlane > slabPositions ? slabPositions / g.outWidth : g.outHeight
        let imagesPerSlab = g.outPlane > slabPositions ? 1 : slabPositions / g.outPlane
        let groupIn = g.inChannelsPerGroup
        let groupOut = g.outChannelsPerGroup
        let taps = g.kernelVolume
        Parallel.forEachClaimed(chunks * blocks * runsPerBlock, inline: threads == 1) { items in
            var offsets: [Int] = []
            offsets.reserveCapacity(columns)
            for item in items {
                let chunk = item / (blocks * runsPerBlock)
                let blockIndex = (item / runsPerBlock) % blocks
                let run = item % runsPerBlock
                let group = blockIndex / unitsPerGroup
                let block = (blockIndex - group * unitsPerGroup) * unitBlocks
                let pair = min(unitBlocks, layout.blocksPerGroup - block) == 2
                let firstChannel = group * groupOut + block * layout.lanes
                let valid = min(layout.lanes * unitBlocks, groupOut - block * layout.lanes)
                let target = partials.target(chunk)
                let tiles = (tilesPerBlock * run / runsPerBlock)..<(tilesPerBlock * (run + 1) / runsPerBlock)
                let images = (g.batch * chunk / chunks)..<(g.batch * (chunk + 1) / chunks)
                var first = true
                for n in stride(from: images.lowerBound, to: images.upperBound, by: imagesPerSlab) {
                    for firstRow in stride(from: 0, to: g.outHeight, by: rowsPerSlab) {
                        let walk = ConvWeightGradientTile.Walk(
                            images: min(imagesPerSlab, images.upperBound - n), imageStride: g.inChannels * layout.plane,
                            rows: min(rowsPerSlab, g.outHeight - firstRow),
                            rowStride: g.strideHeight * layout.width, positions: g.outWidth,
                            positionStride: g.strideWidth)
                        let x = padded + (n * g.inChannels + group * groupIn) * layout.plane + firstRow * walk.rowStride
                        let d =
                            gradient + (group * layout.blocksPerGroup + block) * layout.blockCount(g)
                            + (n * g.outPlane + firstRow * g.outWidth) * layout.lanes
                        for tile in tiles where wideTiles {
                            let channel = tile / rowGroups
                            let firstKernelRow = (tile - channel * rowGroups) * rowsPerTile
                            let kernelRowStride = g.dilationHeight * layout.width
                            if pair {
                                ConvWeightGradientWideTile.runPair(
                                    walk, kernelRowStride: kernelRowStride, input: x + channel * layout.plane,
                                    gradient: d,
                                    blockStride: layout.blockCount(g),
                                    tile: target + firstChannel * patch + channel * taps,
                                    tileStride: patch, valid: valid, accumulate: !first, extracting: extracting)
                                continue
                            }
                            ConvWeightGradientWideTile.run(
                                walk, kernelWidth: g.kernelWidth,
                                rows: min(rowsPerTile, g.kernelHeight - firstKernelRow),
                                kernelRowStride: kernelRowStride,
                                input: x + channel * layout.plane + firstKernelRow * kernelRowStride, gradient: d,
                                tile: target + firstChannel * patch + channel * taps + firstKernelRow * g.kernelWidth,
                                tileStride: patch, valid: valid, accumulate: !first, extracting: extracting)
                        }
                        for tile in tiles where !wideTiles {
                            let firstColumn = tile * columns
                            offsets.removeAll(keepingCapacity: true)
                            for column in firstColumn..<min(patch, firstColumn + columns) {
                                let channel = column / taps
                                let tap = column - channel * taps
                                let kernelRow = tap / g.kernelWidth
                                let kernelColumn = tap - kernelRow * g.kernelWidth
                                offsets.append(
                                    channel * layout.plane + kernelRow * g.dilationHeight * layout.width
                                        + kernelColumn * g.dilationWidth)
                            }
                            ConvWeightGradientTile.run(
                                walk, lanes: layout.lanes, input: x, offsets: offsets, gradient: d,
                                tile: target + firstChannel * patch + firstColumn, tileStride: patch, valid: valid,
                                accumulate: !first)
                        }
                        first = false
                    }
                }
            }
        }
        partials.addChunks()
    }
}
