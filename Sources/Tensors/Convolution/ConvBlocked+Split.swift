extension ConvBlocked {
    /// Runs `body` with one thread's scratch for bands of rows: `copy`, the padded copy of
    /// `band`'s rows of every input block, and `sums`, one output row of a filter block, both
    /// 64-byte aligned.
    static func withBandScratch(
        _ g: ConvGeometry, layout: ConvBlockedLayout, band: ConvBlockedLayout,
        _ body: (_ copy: UnsafeMutablePointer<Float>, _ sums: UnsafeMutablePointer<Float>) -> Void
    ) {
        let copyBuffer = ParallelScratch.takeCacheAligned(g.groups * layout.blocksPerGroup * band.blockStride)
        let rowBuffer = ParallelScratch.takeCacheAligned(g.outWidth * layout.filters)
        defer {
            ParallelScratch.give(rowBuffer)
            ParallelScratch.give(copyBuffer)
        }
        body(copyBuffer.cacheAligned, rowBuffer.cacheAligned)
    }

    /// The convolution in contiguous parts of its (image, row, filter block) sums per thread
    /// (``Tiling/splitsRows``), packing the weights on the way, or, with `weight` nil, on weights
    /// already packed in `weights`.
    static func runSplit(
        _ g: ConvGeometry, layout: ConvBlockedLayout, input: UnsafePointer<Float>, weight: UnsafePointer<Float>?,
        weights: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>,
        tiling: Tiling
    ) {
        let blocksPerImage = g.groups * layout.blocksPerGroup
        let filterBlocks = g.groups * layout.filterBlocksPerGroup
        let sums = g.batch * g.outHeight * filterBlocks
        // A part (or half of one) spans at most this many rows of one image; a thread's copy
        // holds their padded rows, and starts afresh past them.
        let partSums = (sums + Parallel.threadCount - 1) / Parallel.threadCount
        let partRows = (partSums + filterBlocks - 1) / filterBlocks + 1
        let bandRows = min(g.outHeight, partRows)
        let band = layout.band(rows: bandRows, g)
        let padded = (g.kernelHeight - 1) * g.dilationHeight + 1
        let rowFloats = layout.width * layout.channels
        Parallel.forEachSplit(
            sums, preparing: weight == nil ? 0 : filterBlocks,
            prepare: { item in
                guard let weight else { return }
                layout.packWeights(g, weight: weight, index: item, into: weights, transposing: tiling.transposedPacking)
            }
        ) { claims in
            withBandScratch(g, layout: layout, band: band) { copy, rowSums in
                var packed = false
                // The copy holds padded rows `firstPadded ..< filledPadded` of image `image`, from
                // output row `firstRow`'s first on; `expected` is the sum that continues it.
                var (image, firstRow, firstPadded, filledPadded, expected) = (-1, 0, 0, 0, -1)
                let preparation = claims
                func sum(_ item: Int) {
                    let filterBlock = item % filterBlocks
                    let (n, row) = (item / filterBlocks).quotientAndRemainder(dividingBy: g.outHeight)
                    if item != expected || n != image || row - firstRow >= bandRows {
                        (image, firstRow) = (n, row)
                        (firstPadded, filledPadded) = (row * g.strideHeight, row * g.strideHeight)
                    }
                    expected = item + 1
                    let needed = row * g.strideHeight + padded
                    if needed > filledPadded {
                        // Where the stride passes the kernel's (dilated) height, the rows between
                        // one row's kernel and the next are never read: they are left unfilled.
                        let from = max(filledPadded, row * g.strideHeight)
                        let source = input + n * g.inChannels * g.inPlane
                        for block in 0..<blocksPerImage {
                            layout.fill(
                                g, image: source, block: block,
                                into: copy + block * band.blockStride + (from - firstPadded) * rowFloats,
                                firstRow: from, rows: needed - from)
                        }
                        filledPadded = needed
                    }
                    if !packed {
                        preparation.waitForPreparation()
                        packed = true
                    }
                    sumRow(
                        g, layout: band, input: copy, weights: weights, filterBlock: filterBlock, row: row - firstRow,
                        tiling: tiling, into: rowSums)
                    let first = (n * g.outChannels + filterBlock * layout.filters) * g.outPlane
                    store(
                        g, filters: layout.filters, row: rowSums, bias: bias.map { $0 + filterBlock * layout.filters },
                        into: output + first + row * g.outWidth)
                }
                while let claim = claims.next() {
                    switch claim {
                    case .front(let item): sum(item)
                    case .back(let items): for item in items { sum(item) }
                    }
                }
            }
        }
    }
}
