import TensorsWide

/// Direct convolution on channel-blocked operands, the way ONNX Runtime's MLAS runs its NCHWc
/// convolutions: output channels in the vector lanes, input values broadcast.
///
/// The input is copied once into blocks of 8 interleaved channels (``ConvBlockedLayout``), the
/// weights into groups of 16 output channels. Then each output row of 16 channels is summed one
/// input block at a time: per block, the kernel (``ConvBlockedTile``) walks the row in tiles of
/// 6 positions, reading that block's 4.6 KB of 3×3 weights and three input rows of
/// `8 · (W + 2)` floats, which all stay in L1 across the row; the row's sums wait in a small
/// per-thread buffer (`W × 16` floats) between blocks. Finished rows are transposed into the
/// NCHW output with their bias.
///
/// Against ``ConvShifted`` (the same FMA count), the inner loop reads the weights as aligned
/// vectors and the inputs as 4-byte broadcasts, so no load crosses a cache line, where
/// ``ConvShifted`` reads 64 unaligned bytes per step from 9 × 32 places in a 37 KB window.
/// Threads take whole images when the batch divides evenly among them; otherwise (one image on
/// two threads) each walks a contiguous part of the rows, copying the input rows it reads as it
/// goes (``Tiling/splitsRows``, on the 16-lane kernel with 16 or more rows per thread), or claims
/// runs of rows of one image and filter block after one pass has copied the whole input.
///
/// On a CPU with AVX-512 (``CPUFeatures``) the tiles go through `TensorsWide`'s 16-lane kernel
/// instead, on filter blocks of 32 channels (two vectors) where the group has them: a tile is
/// then 2 × 12 sums, 14 loads per 24 multiply-adds where one vector × 12 positions made 13 per
/// 12 and was load-bound (one thread, CPU time, A/B in one process: 1×1 over 256 channels at
/// 14² 83 → 122 GFLOPS, 3×3 over 64 channels at 56² 122 → 141, over 128 at 28² 115 → 138).
enum ConvBlocked {
    /// Rows per item aim for this many items per thread.
    static let itemsPerThread = 8

    /// How each output row is cut into kernel calls, and how the weights are packed.
    struct Tiling {
        /// Tiles of even width (W = 56: six of 6 and four of 5), rather than 6-wide tiles and
        /// a narrow last one (nine of 6 and one of 2, whose four accumulators leave half of the
        /// FMA units waiting on the previous sum).
        var balanced: Bool
        /// Input blocks of 8 channels summed in one kernel call while their weights take at
        /// most this many bytes (1×1 kernels: 512 bytes per block), so the tile's sums are
        /// loaded and stored once per call; blocks of one channel always go all at once.
        var weightBytesPerWalk: Int
        /// Weights of 8-channel blocks packed 8 × 8 at a time through registers
        /// (``ConvBlockedLayout/packWeights(_:weight:index:into:transposing:)``), not one by one.
        var transposedPacking: Bool
        /// 16-lane tiles (``ConvBlockedWideTile``), only where ``CPUFeatures/hasAVX512``;
        /// elsewhere the 8-lane kernel runs whatever this says.
        var wide: Bool
        /// 16-lane vectors of filters per tile (1, 2 or 4: filter blocks of 16, 32 or 64 output
        /// channels where the group's channels divide by that, tiles of 12, 12 or 6 positions);
        /// only with `wide`.
        var vectors = 1
        /// 1×1 kernels at stride 1 without padding walk each image's plane as one long row, so
        /// every tile but the last is full width (a 14-wide row leaves 12 + 2 or 7 + 7).
        var flattensPointwise = false
        /// With fewer images than threads, threads claim bands of output rows and each copies
        /// the padded input rows its band reads into its own scratch right before summing them
        /// (every filter block per row), instead of one pass copying the whole input for all
        /// threads first: no barrier between copying and summing, and each band's input stays
        /// in the L2 of the core that uses it.
        var fusesBands = false
        /// Work items per thread for the rows of a batch too small to give each thread whole
        /// images: more, smaller items leave less for one thread to finish while the other waits.
        var itemsPerThread = ConvBlocked.itemsPerThread
        /// With a batch that does not divide among the threads, each thread walks one contiguous
        /// part of the batch's (row, filter block) sums, copying the padded input rows each row
        /// adds just before summing it, and threads that finish take halves of what is left of
        /// another's part from its back (``Parallel/forEachSplit(_:preparing:prepare:body:)``):
        /// no barrier between copying and summing, or between packing the weights and the first
        /// copies, and each copied row stays in the L1 and L2 of the core that sums it.
        var splitsRows = false
        /// ``splitsRows`` only where each thread gets at least this many output rows per image.
        var splitRowsPerThread = 2

        /// The tiling the engine uses: 16 lanes, two vectors × 12 positions per tile, and a
        /// contiguous part of the rows per thread where the threads get 16 or more rows each,
        /// where ``CPUFeatures/current`` says so.
        ///
        /// Parts against a copying pass and claimed runs of rows (`blocked-avx512x2-split` against
        /// `blocked-avx512x2`), two threads, wall time, A/B in one process under `chrt -f 10` on a
        /// machine loaded by other builds (load average 4–7), medians of 15 in three rounds, GFLOPS:
        /// res3x3_c64_56 283/280/276 → 288/285/282, stem7x7s2_c3_224 275/260/271 → 280/267/279;
        /// but res3x3_c128_28, 14 rows per thread, 271/272/279 → 264/265/276 (not explained: its
        /// weights, 590 KB, stay in L2 either way), so it keeps the copying pass. The whole-image path,
        /// the same code under both names (res3x3_c64_56_n8), moved by −0.1 %, −0.1 % and −0.4 %.
        static var tuned: Tiling {
            guard CPUFeatures.current.useAVX512 else { return tunedNarrow }
            var tiling = tunedWide2Split
            tiling.splitRowsPerThread = 16
            return tiling
        }
        /// The tuned tiling with the 8-lane (AVX2) kernel.
        static let tunedNarrow = Tiling(
            balanced: true, weightBytesPerWalk: 16 << 10, transposedPacking: true, wide: false)
        /// The 16-lane (AVX-512) kernel on 16-filter blocks, one vector × 12 positions per tile
        /// (13 loads per 12 multiply-adds), as issue 21's second round left it.
        static let tunedWide = Tiling(balanced: true, weightBytesPerWalk: 16 << 10, transposedPacking: true, wide: true)
        /// The 16-lane kernel on 32-filter blocks: two vectors × 12 positions per tile (14 loads
        /// per 24 multiply-adds), 1×1 planes as one row.
        static let tunedWide2 = Tiling(
            balanced: true, weightBytesPerWalk: 16 << 10, transposedPacking: true, wide: true, vectors: 2,
            flattensPointwise: true)
        /// ``tunedWide2`` with bands of rows copied and summed by one thread (``fusesBands``).
        static let tunedWide2Bands = Tiling(
            balanced: true, weightBytesPerWalk: 16 << 10, transposedPacking: true, wide: true, vectors: 2,
            flattensPointwise: true, fusesBands: true)
        /// ``tunedWide2`` with contiguous parts of the rows per thread (``splitsRows``).
        static let tunedWide2Split = Tiling(
            balanced: true, weightBytesPerWalk: 16 << 10, transposedPacking: true, wide: true, vectors: 2,
            flattensPointwise: true, splitsRows: true)
        /// ``tunedWide2`` with single rows as work items where a thread has 32 or fewer
        /// (``itemsPerThread``), for A/B runs of the hand-off between two threads. Slower on a
        /// quiet machine (two threads, A/B in one process, load average 0.65: res3x3_c64_56
        /// 275 → 249 GFLOPS, res3x3_c128_28 234 → 212, stem7x7s2 224 → 220): threads taking
        /// alternate rows share input rows and output cache lines, so the imbalance of the last
        /// 7-row item costs less than the locality that single rows lose.
        static let tunedWide2Fine = Tiling(
            balanced: true, weightBytesPerWalk: 16 << 10, transposedPacking: true, wide: true, vectors: 2,
            flattensPointwise: true, itemsPerThread: 32)
        /// The 16-lane kernel on 64-filter blocks: four vectors × 6 positions per tile (10 loads
        /// per 24 multiply-adds, MLAS's AVX-512 tile), 1×1 planes as one row.
        static let tunedWide4 = Tiling(
            balanced: true, weightBytesPerWalk: 16 << 10, transposedPacking: true, wide: true, vectors: 4,
            flattensPointwise: true)
        /// 6-wide tiles, one block of 8 channels per call and weights packed one by one, as
        /// before issue 21 (for A/B runs).
        static let plain = Tiling(balanced: false, weightBytesPerWalk: 0, transposedPacking: false, wide: false)
    }

    /// Whether the geometry has a blocked layout whose padded copy stays near the size of the
    /// input and output (huge padding around a small input goes elsewhere).
    static func isSuitable(_ g: ConvGeometry) -> Bool {
        guard let layout = ConvBlockedLayout(g), let copy = layout.copyCount(g) else { return false }
        // Blocks of one channel make short runs of steps between the tile's loads and stores;
        // the 7×7 RGB stem (49 steps per channel) gains, a 3×3 one stays with ConvShifted on the
        // 8-lane kernel, but not on the 16-lane one's 2 × 12 tiles (`stem3x3_c3_224`, A/B in one
        // process, quiet machine: 1 thread, CPU time, 51.7 → 61.0 GFLOPS; 2 threads 85 → 104).
        // They are for the few channels of a network's input: with 8 or more, one walk's
        // weights would outgrow L1 (not measured).
        let fewTaps = g.kernelHeight * g.kernelWidth < 25 && !CPUFeatures.current.useAVX512
        if layout.channels == 1 && (fewTaps || g.inChannelsPerGroup >= 8) { return false }
        let operands = g.batch * (g.inChannels * g.inPlane + g.outChannels * g.outPlane)
        return copy <= 2 * operands
    }

    /// Runs the convolution; with `weightArray`, the array `weight` points into, the packed
    /// weights may come from (and go to) ``ConvBlockedWeightCache/shared`` instead of being
    /// packed on every call.
    static func run(
        _ g: ConvGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, tiling: Tiling = .tuned,
        weightArray: [Float]? = nil
    ) {
        var g = g
        if tiling.flattensPointwise && g.isPointwise && g.inDepth == 1 {
            // Each channel's plane is one run of floats in the input and the output alike.
            (g.inWidth, g.outWidth) = (g.inHeight * g.inWidth, g.outHeight * g.outWidth)
            (g.inHeight, g.outHeight) = (1, 1)
        }
        let wide = tiling.wide && CPUFeatures.current.hasAVX512
        guard let layout = ConvBlockedLayout(g, vectors: wide ? tiling.vectors : 1) else {
            ConvShifted.run(g, input: input, weight: weight, bias: bias, output: output)
            return
        }
        // Only forced runs get here with a copy the engine would refuse; a huge one goes packed.
        guard let copy = layout.copyCount(g), copy <= max(TensorLimits.maxElements, 1 << 20) else {
            ConvPacked.run(g, input: input, weight: weight, bias: bias, output: output)
            return
        }
        let threads = g.multiplyAdds < 1 << 18 ? 1 : Parallel.threadCount
        let filterBlocks = g.groups * layout.filterBlocksPerGroup
        // 64-byte aligned: the kernel loads them as aligned vectors.
        assert(weightArray.map { $0.withUnsafeBufferPointer { $0.baseAddress == weight } } ?? true)
        let packed = ConvBlockedWeightCache.shared.lease(
            g, layout: layout, weights: weightArray, transposing: tiling.transposedPacking,
            count: filterBlocks * layout.blocksPerGroup * layout.weightsPerPair)
        defer { packed.finish() }
        schedule(
            g, layout: layout, input: input, weight: packed.isPacked ? nil : weight, weights: packed.pointer,
            bias: bias, output: output, threads: threads, tiling: tiling)
    }

    /// How threads share the convolution, with the weights packed into `weights` first, or, with
    /// `weight` nil, already packed there: whole images when the batch divides among them, else
    /// contiguous parts of the rows (``Tiling/splitsRows``), bands (``Tiling/fusesBands``), or a
    /// copying pass followed by claimed runs of rows.
    static func schedule(
        _ g: ConvGeometry, layout: ConvBlockedLayout, input: UnsafePointer<Float>, weight: UnsafePointer<Float>?,
        weights: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>,
        threads: Int, tiling: Tiling
    ) {
        let filterBlocks = g.groups * layout.filterBlocksPerGroup
        // Whole images per thread when they divide evenly: each image's blocked copy then goes
        // from its fill to its use in one core's L2, and no thread waits for another's pass.
        let whole = g.batch % threads == 0
        // Parts of rows need a few rows per thread (a 1×1 plane walked as one row has one).
        if threads > 1 && !whole && tiling.splitsRows && g.outHeight >= max(2, tiling.splitRowsPerThread) * threads {
            runSplit(
                g, layout: layout, input: input, weight: weight, weights: weights, bias: bias, output: output,
                tiling: tiling)
            return
        }
        // Bands need a few rows per thread (a 1×1 plane walked as one row has one).
        let bands = tiling.fusesBands && g.outHeight >= 2 * threads
        if threads > 1 && (whole || bands) {
            // The weights once for the whole batch, then each image on its own.
            if let weight {
                Parallel.forEachClaimed(filterBlocks) { items in
                    for item in items {
                        layout.packWeights(
                            g, weight: weight, index: item, into: weights, transposing: tiling.transposedPacking)
                    }
                }
            }
            guard whole else {
                runBands(g, layout: layout, input: input, weights: weights, bias: bias, output: output, tiling: tiling)
                return
            }
            var image = g
            image.batch = 1
            Parallel.forEachClaimed(g.batch) { items in
                for n in items {
                    run(
                        image, layout: layout, input: input + n * g.inChannels * g.inPlane, weight: nil,
                        weights: weights, bias: bias, output: output + n * g.outChannels * g.outPlane, threads: 1,
                        tiling: tiling)
                }
            }
            return
        }
        run(
            g, layout: layout, input: input, weight: weight, weights: weights, bias: bias, output: output,
            threads: threads, tiling: tiling)
    }

    /// Runs the convolution with the weights packed into `weights` first, or, with `weight` nil,
    /// already packed there.
    static func run(
        _ g: ConvGeometry, layout: ConvBlockedLayout, input: UnsafePointer<Float>, weight: UnsafePointer<Float>?,
        weights: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>,
        threads: Int, tiling: Tiling
    ) {
        let blocksPerImage = g.groups * layout.blocksPerGroup
        let filterBlocks = g.groups * layout.filterBlocksPerGroup
        let inputCount = g.batch * blocksPerImage * layout.blockStride
        let buffer = ParallelScratch.take(inputCount)
        defer { ParallelScratch.give(buffer) }
        let blocked = buffer.pointer

        // Pass 1: input blocks and filter blocks, all independent.
        let inputBlocks = g.batch * blocksPerImage
        let packing = weight == nil ? 0 : filterBlocks
        let preparation = inputCount + packing * layout.blocksPerGroup * layout.weightsPerPair
        Parallel.forEachClaimed(inputBlocks + packing, inline: threads == 1 || preparation < 1 << 16) { items in
            for item in items {
                if item < inputBlocks {
                    let n = item / blocksPerImage
                    layout.fill(
                        g, image: input + n * g.inChannels * g.inPlane, block: item - n * blocksPerImage,
                        into: blocked + item * layout.blockStride)
                } else if let weight {
                    layout.packWeights(
                        g, weight: weight, index: item - inputBlocks, into: weights,
                        transposing: tiling.transposedPacking)
                }
            }
        }

        // Pass 2: runs of output rows of one image and filter block.
        let planes = g.batch * filterBlocks
        let rowsPerItem =
            threads == 1
            ? g.outHeight : max(1, min(g.outHeight, planes * g.outHeight / (threads * tiling.itemsPerThread)))
        let runsPerPlane = (g.outHeight + rowsPerItem - 1) / rowsPerItem
        Parallel.forEachClaimed(planes * runsPerPlane, inline: threads == 1) { items in
            // 64-byte aligned, so the tiles' sums (16 floats per position) fill whole lines.
            let rowBuffer = ParallelScratch.takeCacheAligned(g.outWidth * layout.filters)
            defer { ParallelScratch.give(rowBuffer) }
            let sums = rowBuffer.cacheAligned
            for item in items {
                let plane = item / runsPerPlane
                let firstRow = (item - plane * runsPerPlane) * rowsPerItem
                let n = plane / filterBlocks
                let filterBlock = plane - n * filterBlocks
                for row in firstRow..<min(g.outHeight, firstRow + rowsPerItem) {
                    sumRow(
                        g, layout: layout, input: blocked + n * blocksPerImage * layout.blockStride,
                        weights: weights, filterBlock: filterBlock, row: row, tiling: tiling, into: sums)
                    let first = (n * g.outChannels + filterBlock * layout.filters) * g.outPlane
                    store(
                        g, filters: layout.filters, row: sums, bias: bias.map { $0 + filterBlock * layout.filters },
                        into: output + first + row * g.outWidth)
                }
            }
        }
    }

    /// Bands per thread in ``Tiling/fusesBands`` runs: a few, so a thread slowed by another
    /// process takes fewer, while each band's copied halo rows stay a small share.
    static let bandsPerThread = 4

    /// The convolution in bands of output rows (``Tiling/fusesBands``), on weights already packed.
    private static func runBands(
        _ g: ConvGeometry, layout: ConvBlockedLayout, input: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, tiling: Tiling
    ) {
        let blocksPerImage = g.groups * layout.blocksPerGroup
        let filterBlocks = g.groups * layout.filterBlocksPerGroup
        let rowsPerBand = max(1, g.outHeight / (Parallel.threadCount * bandsPerThread))
        let bandsPerImage = (g.outHeight + rowsPerBand - 1) / rowsPerBand
        let band = layout.band(rows: rowsPerBand, g)
        Parallel.forEachClaimed(g.batch * bandsPerImage) { items in
            withBandScratch(g, layout: layout, band: band) { copy, sums in
                for item in items {
                    let n = item / bandsPerImage
                    let firstRow = (item - n * bandsPerImage) * rowsPerBand
                    let image = input + n * g.inChannels * g.inPlane
                    for block in 0..<blocksPerImage {
                        band.fill(
                            g, image: image, block: block, into: copy + block * band.blockStride,
                            firstRow: firstRow * g.strideHeight)
                    }
                    for row in firstRow..<min(g.outHeight, firstRow + rowsPerBand) {
                        for filterBlock in 0..<filterBlocks {
                            sumRow(
                                g, layout: band, input: copy, weights: weights, filterBlock: filterBlock,
                                row: row - firstRow, tiling: tiling, into: sums)
                            let first = (n * g.outChannels + filterBlock * layout.filters) * g.outPlane
                            store(
                                g, filters: layout.filters, row: sums,
                                bias: bias.map { $0 + filterBlock * layout.filters },
                                into: output + first + row * g.outWidth)
                        }
                    }
                }
            }
        }
    }

    /// Sums output row `row` of filter block `filterBlock` (`f` = `layout.filters` channels) into
    /// `sums` (`outWidth` positions of `f` floats), over the input blocks of its group.
    static func sumRow(
        _ g: ConvGeometry, layout: ConvBlockedLayout, input: UnsafePointer<Float>, weights: UnsafePointer<Float>,
        filterBlock: Int, row: Int, tiling: Tiling, into sums: UnsafeMutablePointer<Float>
    ) {
        let c = layout.channels
        let f = layout.filters
        // The 16-lane kernel takes one vector per 16 filters of a step; the 8-lane one two.
        let wide = tiling.wide && CPUFeatures.current.hasAVX512
        let vectors = f / ConvBlockedLayout.minimumFilters
        guard wide || vectors == 1 else { preconditionFailure("ConvBlocked: the 8-lane kernel takes 16 filters") }
        let tile = wide ? ConvBlockedWideTile.positions(vectors: vectors) : ConvBlockedTile.positions
        let group = filterBlock / layout.filterBlocksPerGroup
        // Blocks of 8 channels go a few at a time, so their weights stay in L1 across the row;
        // single channels (at most 49 taps of weights each) all in one walk.
        let planes =
            c == 1
            ? layout.blocksPerGroup
            : max(1, min(layout.blocksPerGroup, tiling.weightBytesPerWalk / (4 * layout.weightsPerPair)))
        var walk = ConvBlockedTile.Walk(
            planes: planes, planeStride: layout.blockStride, rows: g.kernelHeight,
            rowStride: g.dilationHeight * layout.width * c, steps: g.kernelWidth * c,
            positionStride: g.strideWidth * c)
        let tiles = (g.outWidth + tile - 1) / tile
        let firstRow = row * g.strideHeight * layout.width * c
        for block in stride(from: 0, to: layout.blocksPerGroup, by: planes) {
            walk.planes = min(planes, layout.blocksPerGroup - block)
            let x = input + (group * layout.blocksPerGroup + block) * layout.blockStride + firstRow
            let w = weights + (filterBlock * layout.blocksPerGroup + block) * layout.weightsPerPair
            var column = 0
            for index in 0..<tiles {
                let count =
                    tiling.balanced
                    ? g.outWidth / tiles + (index < g.outWidth % tiles ? 1 : 0) : min(tile, g.outWidth - column)
                if wide {
                    let wideWalk = ConvBlockedWideTile.Walk(
                        planes: walk.planes, planeStride: walk.planeStride, rows: walk.rows, rowStride: walk.rowStride,
                        steps: walk.steps, positionStride: walk.positionStride)
                    ConvBlockedWideTile.run(
                        wideWalk, vectors: vectors, input: x + column * walk.positionStride, weights: w,
                        tile: sums + column * f, first: block == 0, count: count)
                } else {
                    ConvBlockedTile.run(
                        walk, input: x + column * walk.positionStride, weights: w, tile: sums + column * f,
                        first: block == 0, count: count)
                }
                column += count
            }
        }
    }

    /// Writes a row of sums (position-major, `f` channels each) into the `f` output planes at
    /// `output` (`outPlane` apart), adding the bias.
    ///
    /// 16 positions × 16 channels at a time through `TensorsWide` (64-byte stores, the last square
    /// of a row overlapping the one before) measured slower (one thread, CPU time, A/B in one
    /// process, loaded machine: res3x3_c64_56 152.7 → 146.2 GFLOPS, n8 139.0 → 130.7, c128
    /// 147.8 → 145.4); rows 56 or 28 floats long start 32- or 16-byte aligned, so each 64-byte
    /// store likely splits two cache lines where the 32-byte ones split at most every other.
    static func store(
        _ g: ConvGeometry, filters f: Int, row sums: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
        into output: UnsafeMutablePointer<Float>
    ) {
        var column = 0
        // Eight positions × eight filters at a time, transposed in registers.
        while column + 8 <= g.outWidth {
            for part in 0..<(f / 8) {
                var block = Transpose8(sums + column * f + part * 8, stride: f)
                block.transpose()
                let offsets = bias.map { UnsafeRawPointer($0 + part * 8).loadUnaligned(as: SIMD8<Float>.self) }
                block.store(output + part * 8 * g.outPlane + column, stride: g.outPlane, adding: offsets ?? .zero)
            }
            column += 8
        }
        for filter in 0..<f {
            let offset = bias?[filter] ?? 0
            let target = output + filter * g.outPlane
            for column in column..<g.outWidth { target[column] = sums[column * f + filter] + offset }
        }
    }
}
