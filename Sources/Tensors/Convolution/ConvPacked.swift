/// Convolution as a blocked matrix product with our own AVX2 micro-kernel, packing the input
/// windows straight into cache-sized panels (an implicit im2col: the full matrix never exists).
///
/// Work is split by output positions: each item is one block of columns of one image and group,
/// so threads never write the same output and need no OpenBLAS threading underneath. Weights are
/// packed once per call into 6-row panels.
enum ConvPacked {
    /// Steps of the sum per packed block: a 256 × 16 input panel (16 KB) stays in L1.
    static let depthBlock = 256
    /// Upper bound on packed input elements per block (128 KB, well inside L2).
    static let blockElements = 1 << 15

    static func run(
        _ g: ConvGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) {
        let mr = ConvMicroTile.rows
        let nr = ConvMicroTile.columns
        let patch = g.patchLength
        let groupOut = g.outChannelsPerGroup
        let rowPanels = (groupOut + mr - 1) / mr
        let plane = g.outPlane

        let weightBuffer = ParallelScratch.take(g.groups * rowPanels * patch * mr)
        defer { ParallelScratch.give(weightBuffer) }
        let packedWeights = weightBuffer.pointer
        packWeights(g, weight: weight, rowPanels: rowPanels, into: packedWeights)

        // Steps of the sum per block, split evenly so no block is much shorter than the others.
        let depthBlocks = (patch + depthBlock - 1) / depthBlock
        let depth = (patch + depthBlocks - 1) / depthBlocks
        let columns = columnsPerItem(
            plane: plane, depth: depth, imagesAndGroups: g.batch * g.groups, threads: Parallel.threadCount)
        let imagesAndGroups = g.batch * g.groups
        let blocksPerImage = (plane + columns - 1) / columns
        let items = imagesAndGroups * blocksPerImage
        // Tiny problems stay on the calling thread; otherwise threads claim items one at a time.
        Parallel.forEachClaimed(items, inline: g.multiplyAdds < 1 << 18) { claims in
            let panelCapacity = Im2col.panelStride(rows: depth) * ((columns + nr - 1) / nr)
            let panelBuffer = ParallelScratch.take(panelCapacity + mr * nr)
            defer { ParallelScratch.give(panelBuffer) }
            let panels = panelBuffer.pointer
            let tile = panels + panelCapacity
            for item in claims {
                let block = item % blocksPerImage
                let imageGroup = item / blocksPerImage
                let group = imageGroup % g.groups
                let n = imageGroup / g.groups
                let start = block * columns
                let count = min(columns, plane - start)
                let channels = input + (n * g.inChannels + group * g.inChannelsPerGroup) * g.inPlane
                let firstRow = n * g.outChannels + group * groupOut
                var k0 = 0
                while k0 < patch {
                    let kCount = min(depth, patch - k0)
                    Im2col.packPanels(
                        g, input: channels, rows: k0..<(k0 + kCount), positions: start..<(start + count),
                        panels: panels)
                    // Filter panels outside, column panels inside: each 6-row panel of the
                    // output is written left to right, a few sequential streams the hardware
                    // prefetcher follows, and its filter panel stays in L1. (Column panels
                    // outside, the filter panels streaming past an L1-resident input panel,
                    // measured 60 → 38 GFLOPS on the stem 3×3 and no better on 1×1 over 256
                    // channels: short sums then store into 64 output rows at once.)
                    for panel in 0..<rowPanels {
                        let a = packedWeights + ((group * rowPanels + panel) * patch + k0) * mr
                        let rowCount = min(mr, groupOut - panel * mr)
                        let rowBias = bias.map { $0 + group * groupOut + panel * mr }
                        let store: ConvMicroTile.Store = k0 == 0 ? .assign(bias: rowBias) : .accumulate
                        let rows = output + (firstRow + panel * mr) * plane + start
                        var column = 0
                        while column < count {
                            let b = ConvPackedColumns(base: panels + (column / nr) * Im2col.panelStride(rows: kCount))
                            let columnCount = min(nr, count - column)
                            if rowCount == mr && columnCount == nr {
                                ConvMicroTile.run(
                                    depth: kCount, a: a, b: b, c: rows + column, ldc: plane, store: store)
                            } else {
                                ConvMicroTile.run(
                                    depth: kCount, a: a, b: b, c: tile, ldc: nr, store: .assign(bias: nil))
                                merge(
                                    tile: tile, rows: rowCount, columns: columnCount, into: rows + column, ldc: plane,
                                    bias: k0 == 0 ? rowBias : nil, accumulate: k0 > 0)
                            }
                            column += nr
                        }
                    }
                    k0 += kCount
                }
            }
        }
    }

    /// Output positions per work item: a multiple of 16, at most what keeps the packed block
    /// inside L2, and chosen so the items divide evenly among the threads when possible.
    static func columnsPerItem(plane: Int, depth: Int, imagesAndGroups: Int, threads: Int) -> Int {
        let nr = ConvMicroTile.columns
        let largest = max(nr, min(1024, blockElements / max(1, depth)) / nr * nr)
        guard threads > 1 else { return largest }
        var best = largest
        var bestWaste = Int.max
        for columns in stride(from: largest, through: nr, by: -nr) {
            let items = imagesAndGroups * ((plane + columns - 1) / columns)
            // Idle thread-items in the last round, weighted by the item size.
            let waste = ((items + threads - 1) / threads * threads - items) * columns
            // Fewer than two items per thread also wastes the second half of the threads' time.
            let starved = items < 2 * threads ? (2 * threads - items) * columns : 0
            if waste + starved < bestWaste {
                best = columns
                bestWaste = waste + starved
            }
            if bestWaste == 0 { break }
        }
        return best
    }

    /// Packs each group's filters into 6-row panels, `a[(panel · K + k) · 6 + row]`, padding
    /// missing rows with zeros.
    static func packWeights(
        _ g: ConvGeometry, weight: UnsafePointer<Float>, rowPanels: Int, into packed: UnsafeMutablePointer<Float>
    ) {
        for index in 0..<(g.groups * rowPanels) {
            packWeightPanel(g, weight: weight, index: index, rowPanels: rowPanels, into: packed)
        }
    }

    /// Packs panel `index` (= group · rowPanels + panel) of ``packWeights(_:weight:rowPanels:into:)``;
    /// panels are independent, so threads may pack different ones at once.
    static func packWeightPanel(
        _ g: ConvGeometry, weight: UnsafePointer<Float>, index: Int, rowPanels: Int,
        into packed: UnsafeMutablePointer<Float>
    ) {
        let mr = ConvMicroTile.rows
        let patch = g.patchLength
        let groupOut = g.outChannelsPerGroup
        let group = index / rowPanels
        let panel = index - group * rowPanels
        // Written in order, reading the panel's filter rows side by side.
        var target = packed + index * patch * mr
        let source = weight + (group * groupOut + panel * mr) * patch
        let valid = min(mr, groupOut - panel * mr)
        if valid == mr {
            for k in 0..<patch {
                for row in 0..<mr { target[row] = source[row * patch + k] }
                target += mr
            }
        } else {
            for k in 0..<patch {
                for row in 0..<mr { target[row] = row < valid ? source[row * patch + k] : 0 }
                target += mr
            }
        }
    }

    /// Copies the valid part of an edge tile into the output.
    private static func merge(
        tile: UnsafePointer<Float>, rows: Int, columns: Int, into c: UnsafeMutablePointer<Float>, ldc: Int,
        bias: UnsafePointer<Float>?, accumulate: Bool
    ) {
        let nr = ConvMicroTile.columns
        for row in 0..<rows {
            let source = tile + row * nr
            let target = c + row * ldc
            if accumulate {
                for column in 0..<columns { target[column] += source[column] }
            } else {
                let offset = bias?[row] ?? 0
                for column in 0..<columns { target[column] = source[column] + offset }
            }
        }
    }
}
