/// Convolution as a blocked matrix product that never packs input panels: the input is copied
/// once, zero-padded and split by stride phase (``ConvShiftedLayout``), and then every row of the
/// im2col matrix is that copy shifted by a constant offset, which the micro-kernel reads directly.
///
/// Compared with ``ConvPacked`` this drops the per-block panel packing (about a fifth of its
/// time) and the edge tiles: output positions run over a grid whose rows are the padded width,
/// so 16-column tiles cross row ends freely; the few grid columns past `outWidth` are computed
/// and dropped. Only 2-D problems have a layout.
///
/// Two parallel passes: (1) the padded input planes and the weight panels, (2) blocks of tiles
/// (and, when there are few tiles, shares of the filter panels), claimed by the threads one at a
/// time. A tile inside one output row is stored in place with its bias; one crossing a row end
/// goes through a small per-thread buffer and only its valid columns are copied out.
enum ConvShifted {
    /// Tiles per block: the filter panel stays in L1 over up to 8 tiles.
    static let largestBlock = 8

    /// Sums shorter than this run faster packed (stem 3×3 over 3 channels, 27 steps: 48 vs 41
    /// GFLOPS on one thread), where the tiles crossing row ends cost more than packing saves.
    static let shortestSum = 64

    /// Whether the geometry has a layout, a kernel larger than 1×1 (whose packing is a plain row
    /// copy: 1×1 over 256 channels measured 62 packed vs 58 shifted GFLOPS on one thread), sums
    /// enough steps per output, wastes at most a fifth of the grid, and its padded copy stays near
    /// the size of the input and output (huge padding around a small input goes packed instead).
    static func isSuitable(_ g: ConvGeometry) -> Bool {
        guard g.kernelVolume > 1, g.patchLength >= shortestSum, let layout = ConvShiftedLayout(g) else {
            return false
        }
        let copy = g.batch * g.inChannels * layout.channelStride
        let operands = g.batch * (g.inChannels * g.inPlane + g.outChannels * g.outPlane)
        return g.outWidth * 5 >= layout.width * 4 && copy <= 2 * operands
    }

    static func run(
        _ g: ConvGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) {
        guard let layout = ConvShiftedLayout(g) else {
            ConvPacked.run(g, input: input, weight: weight, bias: bias, output: output)
            return
        }
        let mr = ConvMicroKernel.rows
        let patch = g.patchLength
        let rowPanels = (g.outChannelsPerGroup + mr - 1) / mr
        let imageStride = g.inChannels * layout.channelStride
        let threads = g.multiplyAdds < 1 << 18 ? 1 : Parallel.threadCount

        let weightBuffer = ParallelScratch.take(g.groups * rowPanels * patch * mr)
        defer { ParallelScratch.give(weightBuffer) }
        let inputBuffer = ParallelScratch.take(g.batch * imageStride + layout.slack)
        defer { ParallelScratch.give(inputBuffer) }
        let packedWeights = weightBuffer.pointer
        let shifted = inputBuffer.pointer
        (shifted + g.batch * imageStride).initialize(repeating: 0, count: layout.slack)

        // Pass 1: input channels first, then weight panels, all independent.
        let planes = g.batch * g.inChannels
        let weightPanels = g.groups * rowPanels
        let preparation = planes * layout.channelStride + weightPanels * patch * mr
        Parallel.forEachClaimed(planes + weightPanels, inline: threads == 1 || preparation < 1 << 16) { items in
            for item in items {
                if item < planes {
                    layout.fill(
                        g, channel: input + item * g.inPlane, into: shifted + item * layout.channelStride)
                } else {
                    ConvPacked.packWeightPanel(
                        g, weight: weight, index: item - planes, rowPanels: rowPanels, into: packedWeights)
                }
            }
        }

        // Pass 2: blocks of tiles.
        let offsets = layout.offsets(g)
        let plan = ConvShiftedPlan(
            imagesAndGroups: g.batch * g.groups, tiles: layout.tiles, rowPanels: rowPanels, threads: threads,
            largestBlock: largestBlock)
        offsets.withUnsafeBufferPointer { offsetBuffer in
            guard let offsets = offsetBuffer.baseAddress else { return }
            Parallel.forEachClaimed(plan.items, inline: threads == 1) { items in
                let tileBuffer = ParallelScratch.take(mr * ConvMicroKernel.columns)
                defer { ParallelScratch.give(tileBuffer) }
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
                    // Filter panels outside: each output row is written in a few sequential
                    // streams, and the panel stays in L1 across the block. (Splitting the sum
                    // into L1-sized passes with the tile outside measured slower.)
                    targets.withUnsafeBufferPointer { targets in
                        for panel in work.panels {
                            for (index, tile) in work.tiles.enumerated() {
                                pass.run(tile: tile, target: targets[index], panel: panel)
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
        let columns = ConvMicroKernel.columns
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
        let end = min(layout.grid, position + ConvMicroKernel.columns)
        let firstRow = position / layout.width
        for row in 0..<rows {
            let offset = bias?[row] ?? 0
            let source = tile + row * ConvMicroKernel.columns - position
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
