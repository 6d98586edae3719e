/// Convolution as a blocked matrix product that never packs input panels: the input is copied
/// once, zero-padded and split by stride phase (``ConvShiftedLayout``), and then every row of the
/// im2col matrix is that copy shifted by a constant offset, which the micro-kernel reads directly.
///
/// Compared with ``ConvPacked`` this drops the per-block panel packing (about a fifth of its
/// time) and the edge tiles: output positions run over a grid whose rows are the padded width,
/// so 16-column tiles cross row ends freely; the few grid columns past `outWidth` are computed
/// and dropped. Only 2-D problems have a layout.
///
/// The micro-kernel reads the tiles one of two ways (``Reading``): in place, each step's 16
/// values straight from the shifted copy, or packed, a block's tiles first copied step by step
/// into contiguous panels that every filter panel then streams in order. Packing costs one
/// extra copy of the block's input but feeds the kernel the way the hardware prefetcher likes;
/// it wins on 1×1 kernels (where a stride-1, unpadded input is used in place, with no copy at
/// all), and measured on par with in-place reading for the 3×3 and 7×7 shapes (one thread).
///
/// Two parallel passes: (1) the padded input planes and the weight panels, (2) blocks of tiles
/// (and, when there are few tiles, shares of the filter panels), claimed by the threads one at a
/// time; a batch that divides evenly among the threads instead gives each thread whole images.
/// A tile inside one output row is stored in place with its bias; one crossing a row end goes
/// through a small per-thread buffer and only its valid columns are copied out, once its sum
/// is complete.
enum ConvShifted {
    /// Tiles per block: a filter panel's slice stays in L1 over up to 8 tiles.
    static let largestBlock = 8

    /// Sums shorter than this run faster packed (stem 3×3 over 3 channels, 27 steps: 48 vs 41
    /// GFLOPS on one thread), where the tiles crossing row ends cost more than packing saves.
    static let shortestSum = 64

    /// Whether the geometry has a layout, sums enough steps per output, wastes at most a fifth of
    /// the grid, and its padded copy stays near the size of the input and output (huge padding
    /// around a small input goes packed instead).
    ///
    /// With one filter panel (at most 6 output channels per group) packing has no other panel to
    /// share its cost with, so short sums and up to a third of wasted grid are taken too. A/B in
    /// one process, 1 thread, CPU time: LeNet's 1→6 layer (25 steps, n = 128) 1.82 → 0.85 ms;
    /// the input gradient of its 6→16 layer (a 5×5 convolution padded by 4 back to 6 channels,
    /// 14 of 18 grid columns valid) 12.4 → 2.5 ms.
    static func isSuitable(_ g: ConvGeometry) -> Bool {
        let onePanel = g.outChannelsPerGroup <= ConvMicroTile.rows
        guard g.patchLength >= shortestSum || onePanel, let layout = ConvShiftedLayout(g) else {
            return false
        }
        guard
            let copy = ConvGeometry.product(
                g.batch, g.inChannels, layout.rowPhases, layout.columnPhases, layout.height, layout.width)
        else { return false }
        let operands = g.batch * (g.inChannels * g.inPlane + g.outChannels * g.outPlane)
        let wasteFits = onePanel ? g.outWidth * 3 >= layout.width * 2 : g.outWidth * 5 >= layout.width * 4
        return wasteFits && copy <= 2 * operands
    }

    /// Steps of the sum per pass over a block (``chunkSteps(_:)``): 32 channels of 3×3 taps.
    static let chunkTarget = 288

    /// Steps of the sum per pass over a block: whole input channels, about ``chunkTarget`` steps,
    /// split evenly. Within a pass, the block's input rows for those channels (32 channels × 5
    /// rows of 58 for the 3×3 over 64 channels at 56², 37 KB: about L1) are reused across the
    /// block's tiles and filter panels instead of coming from L2 or L3 for every panel; later
    /// passes add onto the output.
    /// (One pass over the whole sum: 66 → 71 GFLOPS on the 3×3 over 64 channels at 56² and 67 →
    /// 72 over 128 channels at 28², one thread, CPU time, A/B in one process on a busy machine;
    /// 16 channels measured the same as 32.)
    static func chunkSteps(_ g: ConvGeometry) -> Int {
        let channels = g.inChannelsPerGroup
        let perChunk = max(1, chunkTarget / g.kernelVolume)
        let chunks = (channels + perChunk - 1) / perChunk
        return (channels + chunks - 1) / chunks * g.kernelVolume
    }

    /// How the micro-kernel gets a tile's input values.
    enum Reading {
        /// Straight from the shifted copy, at each step's offset.
        case inPlace
        /// From contiguous panels packed per block (``ConvShiftedPass/pack(tile:steps:into:)``).
        case packed
    }

    /// The reading the engine uses: packed for 1×1 kernels (a 1×1 over 256 channels at 14²:
    /// 66 → 71 GFLOPS against ``ConvPacked``, one thread, CPU time, best of 41 in one process),
    /// in place otherwise.
    static func reading(for g: ConvGeometry) -> Reading {
        g.kernelVolume == 1 ? .packed : .inPlace
    }

    static func run(
        _ g: ConvGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, reading: Reading? = nil
    ) {
        let reading = reading ?? Self.reading(for: g)
        guard let layout = ConvShiftedLayout(g) else {
            ConvPacked.run(g, input: input, weight: weight, bias: bias, output: output)
            return
        }
        let threads = g.multiplyAdds < 1 << 18 ? 1 : Parallel.threadCount
        // Whole images per thread when they divide evenly: each image's padded copy then goes
        // from its fill to its use in one core's L2, and no thread waits for another's pass.
        if threads > 1 && g.batch % threads == 0 {
            var image = g
            image.batch = 1
            Parallel.forEachClaimed(g.batch) { items in
                for n in items {
                    run(
                        image, layout: layout, input: input + n * g.inChannels * g.inPlane, weight: weight, bias: bias,
                        output: output + n * g.outChannels * g.outPlane, threads: 1, reading: reading)
                }
            }
            return
        }
        run(
            g, layout: layout, input: input, weight: weight, bias: bias, output: output, threads: threads,
            reading: reading)
    }

    private static func run(
        _ g: ConvGeometry, layout: ConvShiftedLayout, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, threads: Int, reading: Reading
    ) {
        let mr = ConvMicroTile.rows
        let patch = g.patchLength
        let rowPanels = (g.outChannelsPerGroup + mr - 1) / mr
        let imageStride = g.inChannels * layout.channelStride

        let weightBuffer = ParallelScratch.take(g.groups * rowPanels * patch * mr)
        defer { ParallelScratch.give(weightBuffer) }
        // Packing reads only valid grid positions, so an input that is its own layout needs
        // no copy (and no readable slack after it).
        let inPlace = reading == .packed && layout.isIdentity(g)
        let inputBuffer = ParallelScratch.take(inPlace ? 1 : g.batch * imageStride + layout.slack)
        defer { ParallelScratch.give(inputBuffer) }
        let packedWeights = weightBuffer.pointer
        let shifted = inPlace ? input : UnsafePointer(inputBuffer.pointer)
        if !inPlace { (inputBuffer.pointer + g.batch * imageStride).initialize(repeating: 0, count: layout.slack) }

        // Pass 1: input channels first (unless used in place), then weight panels, all independent.
        let planes = inPlace ? 0 : g.batch * g.inChannels
        let weightPanels = g.groups * rowPanels
        let preparation = planes * layout.channelStride + weightPanels * patch * mr
        Parallel.forEachClaimed(planes + weightPanels, inline: threads == 1 || preparation < 1 << 16) { items in
            for item in items {
                if item < planes {
                    layout.fill(
                        g, channel: input + item * g.inPlane, into: inputBuffer.pointer + item * layout.channelStride)
                } else {
                    ConvPacked.packWeightPanel(
                        g, weight: weight, index: item - planes, rowPanels: rowPanels, into: packedWeights)
                }
            }
        }

        // Pass 2: blocks of tiles.
        let offsets = layout.offsets(g)
        let chunk = chunkSteps(g)
        let plan = ConvShiftedPlan(
            imagesAndGroups: g.batch * g.groups, tiles: layout.tiles, rowPanels: rowPanels, threads: threads,
            largestBlock: largestBlock)
        offsets.withUnsafeBufferPointer { offsetBuffer in
            guard let offsets = offsetBuffer.baseAddress else { return }
            Parallel.forEachClaimed(plan.items, inline: threads == 1) { items in
                let tileSize = mr * ConvMicroTile.columns
                let tileBuffer = ParallelScratch.take(plan.tilesPerBlock * plan.panelsPerSplit * tileSize)
                defer { ParallelScratch.give(tileBuffer) }
                let packBuffer = ParallelScratch.takeCacheAligned(
                    reading == .packed ? plan.tilesPerBlock * Im2col.panelStride(rows: chunk) : 1)
                defer { ParallelScratch.give(packBuffer) }
                // 64-byte aligned, so each step's 16 values are one cache line.
                let packed = packBuffer.cacheAligned
                // Where each tile of a block starts in its output plane (-1: it is scattered).
                var targets = [Int](repeating: 0, count: plan.tilesPerBlock)
                for item in items {
                    let work = plan.work(item)
                    let group = work.imageGroup % g.groups
                    let n = work.imageGroup / g.groups
                    locate(g, layout: layout, tiles: work.tiles, into: &targets)
                    let pass = ConvShiftedPass(
                        g: g, layout: layout, weights: packedWeights + group * rowPanels * patch * mr,
                        input: shifted + n * imageStride + group * g.inChannelsPerGroup * layout.channelStride,
                        offsets: offsets,
                        output: output + (n * g.outChannels + group * g.outChannelsPerGroup) * g.outPlane,
                        bias: bias.map { $0 + group * g.outChannelsPerGroup }, tileBuffer: tileBuffer.pointer)
                    targets.withUnsafeBufferPointer { targets in
                        func buffer(_ index: Int, _ panel: Int) -> UnsafeMutablePointer<Float> {
                            tileBuffer.pointer + (index * plan.panelsPerSplit + panel - work.panels.lowerBound)
                                * tileSize
                        }
                        var k0 = 0
                        while k0 < patch {
                            let steps = k0..<min(patch, k0 + chunk)
                            // Filter panels outside: each output row is written in a few sequential
                            // streams. (Tiles outside, the panels streaming past each tile's
                            // input, measured the same or slower, packed or not.)
                            switch reading {
                            case .packed:
                                let panelStride = Im2col.panelStride(rows: steps.count)
                                for (index, tile) in work.tiles.enumerated() {
                                    pass.pack(tile: tile, steps: steps, into: packed + index * panelStride)
                                }
                                for panel in work.panels {
                                    for index in 0..<work.tiles.count {
                                        pass.run(
                                            packed: packed + index * panelStride, target: targets[index], panel: panel,
                                            steps: steps, buffer: buffer(index, panel))
                                    }
                                }
                            case .inPlace:
                                for panel in work.panels {
                                    for (index, tile) in work.tiles.enumerated() {
                                        pass.run(
                                            tile: tile, target: targets[index], panel: panel, steps: steps,
                                            buffer: buffer(index, panel))
                                    }
                                }
                            }
                            k0 = steps.upperBound
                        }
                        for (index, tile) in work.tiles.enumerated() {
                            for panel in work.panels {
                                pass.scatter(
                                    tile: tile, target: targets[index], panel: panel, buffer: buffer(index, panel))
                            }
                        }
                    }
                }
            }
        }
    }

    /// Finds where each tile starts in its output plane, or -1 when it crosses the end of an
    /// output row (or the grid) and must go through the tile buffer.
    private static func locate(
        _ g: ConvGeometry, layout: ConvShiftedLayout, tiles: Range<Int>, into targets: inout [Int]
    ) {
        let columns = ConvMicroTile.columns
        // Without dropped columns, grid positions are output positions.
        let dense = layout.width == g.outWidth
        var outputRow = tiles.lowerBound * columns / layout.width
        var column = tiles.lowerBound * columns - outputRow * layout.width
        for (index, tile) in tiles.enumerated() where index < targets.count {
            let position = tile * columns
            if dense {
                targets[index] = position + columns <= layout.grid ? position : -1
            } else {
                targets[index] = column + columns <= g.outWidth ? outputRow * g.outWidth + column : -1
            }
            column += columns
            while column >= layout.width {
                column -= layout.width
                outputRow += 1
            }
        }
    }

    /// Copies the valid grid positions of a tile that crosses a grid row end (or holds fewer
    /// than 6 filters) into the output rows at `c`, adding the bias.
    static func scatter(
        _ g: ConvGeometry, layout: ConvShiftedLayout, tile: UnsafePointer<Float>, position: Int, rows: Int,
        bias: UnsafePointer<Float>?, into c: UnsafeMutablePointer<Float>
    ) {
        let end = min(layout.grid, position + ConvMicroTile.columns)
        let firstRow = position / layout.width
        for row in 0..<rows {
            let offset = bias?[row] ?? 0
            let source = tile + row * ConvMicroTile.columns - position
            let target = c + row * g.outPlane
            var at = position
            var outputRow = firstRow
            var column = position - firstRow * layout.width
            while at < end {
                let run = min(layout.width - column, end - at)
                let valid = max(0, min(run, g.outWidth - column))
                let to = target + outputRow * g.outWidth + column
                for i in 0..<valid { to[i] = source[at + i] + offset }
                at += run
                outputRow += 1
                column = 0
            }
        }
    }
}
