/// Convolution as a blocked matrix product that never packs input panels: the input is copied
/// once, zero-padded and split by stride phase (``ConvShiftedLayout``), and then every row of the
/// im2col matrix is that copy shifted by a constant offset, which the micro-kernel reads directly.
///
/// Compared with ``ConvPacked`` this drops the per-block panel packing (about a fifth of its
/// time) and the edge tiles: output positions run over a grid whose rows are the padded width,
/// so 16-column tiles cross row ends freely; the few grid columns past `outWidth` are computed
/// and dropped when a block is copied out. Only 2-D problems have a layout.
///
/// Two parallel passes: (1) the padded input planes and the weight panels, (2) blocks of tiles
/// (and, when there are few tiles, shares of the filter panels) split evenly over the threads.
/// A tile inside one output row is stored in place; one crossing a row end goes through a small
/// per-thread buffer and only its valid columns are copied out.
enum ConvShifted {
    /// Tiles per block: the filter panel stays in L1 over up to 8 tiles.
    static let largestBlock = 8

    /// Whether the geometry has a layout and wastes at most a fifth of the grid.
    static func isSuitable(_ g: ConvGeometry) -> Bool {
        guard let layout = ConvShiftedLayout(g) else { return false }
        return g.outWidth * 5 >= layout.width * 4
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
                for item in items {
                    let work = plan.work(item)
                    let group = work.imageGroup % g.groups
                    let n = work.imageGroup / g.groups
                    let b = shifted + n * imageStride + group * g.inChannelsPerGroup * layout.channelStride
                    let firstChannel = n * g.outChannels + group * g.outChannelsPerGroup
                    for panel in work.panels {
                        let a = packedWeights + (group * rowPanels + panel) * patch * mr
                        let rowCount = min(mr, g.outChannelsPerGroup - panel * mr)
                        let rowBias = bias.map { $0 + group * g.outChannelsPerGroup + panel * mr }
                        let rows = output + (firstChannel + panel * mr) * g.outPlane
                        // The grid row and column of each tile's first position, kept without
                        // a division per tile.
                        var outputRow = work.tiles.lowerBound * ConvMicroKernel.columns / layout.width
                        var column = work.tiles.lowerBound * ConvMicroKernel.columns - outputRow * layout.width
                        for tile in work.tiles {
                            let position = tile * ConvMicroKernel.columns
                            defer {
                                column += ConvMicroKernel.columns
                                while column >= layout.width {
                                    column -= layout.width
                                    outputRow += 1
                                }
                            }
                            if rowCount == mr && column + ConvMicroKernel.columns <= g.outWidth {
                                // The whole tile lies inside one output row: store it in place.
                                ConvMicroKernel.runShifted(
                                    depth: patch, a: a, b: b + position, offsets: offsets,
                                    c: rows + outputRow * g.outWidth + column, ldc: g.outPlane,
                                    store: .assign(bias: rowBias))
                            } else {
                                ConvMicroKernel.runShifted(
                                    depth: patch, a: a, b: b + position, offsets: offsets, c: tileBuffer.pointer,
                                    ldc: ConvMicroKernel.columns, store: .assign(bias: nil))
                                scatter(
                                    g, layout: layout, tile: tileBuffer.pointer, position: position, rows: rowCount,
                                    bias: rowBias, into: rows)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Copies the valid grid positions of a tile that crosses a grid row end (or holds fewer
    /// than 6 filters) into the output rows at `c`, adding the bias.
    private static func scatter(
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
