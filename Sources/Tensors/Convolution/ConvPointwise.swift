import TensorsWide

/// A 1×1 convolution at stride 1 without padding as the product `W · X` per image and group, on
/// the NCHW operands in place, with output positions in the 16 vector lanes (AVX-512 only).
///
/// ``ConvBlocked`` (output channels in the lanes) first copies the input into channel blocks and
/// packs the weights (on `pw1x1_c256_14` that is 200 KB and 256 KB per call), and transposes
/// every row of sums into the output; a 1×1 kernel needs none of that: each tile
/// (``ConvPointwiseWideTile``) reads its input vectors from the channels' planes and broadcasts
/// its weights from their OIHW rows, and stores its sums with the bias straight into the output
/// planes. One parallel loop and no barrier: threads claim panels of positions × up to 48
/// output channels.
///
/// A plane that does not fill whole panels ends in narrower tiles; the last few positions
/// (fewer than 16) go through a tile that ends at the plane's end, into a scratch tile whose
/// new columns are copied out.
enum ConvPointwise {
    /// Vectors of positions per panel: 2 (tiles of 12 channels × 32 positions, whose panel of
    /// 256 input channels is 32 KB and stays in L1) or 4 (6 channels × 64 positions, 10 loads
    /// per 24 multiply-adds, but a 64 KB panel), read in place; or `packed`, 12 × 32 tiles over
    /// panels copied first and a tail kernel for the positions past the last whole vector
    /// (``runPacked(_:_:source:weight:bias:target:)``).
    enum Tiling: Sendable {
        case twelveByTwo
        case sixByFour
        case packed
    }

    /// Output channels per work item (a multiple of both tile heights), so one item's weights
    /// stay in L2.
    static let rowsPerItem = 48

    /// Whether the AVX-512 kernel applies: a 1×1 kernel at stride 1 without padding and planes of
    /// at least one vector.
    static func isSuitable(_ g: ConvGeometry) -> Bool {
        CPUFeatures.current.useAVX512 && g.isPointwise && g.outPlane >= 16
    }

    static func run(
        _ g: ConvGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, tiling: Tiling = .twelveByTwo
    ) {
        guard isSuitable(g) else {
            ConvBlocked.run(g, input: input, weight: weight, bias: bias, output: output)
            return
        }
        if tiling == .packed {
            runPacked(g, .forward(g), source: input, weight: weight, bias: bias, target: output)
            return
        }
        let plane = g.outPlane
        let depth = g.inChannelsPerGroup
        let rows = g.outChannelsPerGroup
        let panel = tiling == .sixByFour ? 64 : 32
        let panels = (plane + panel - 1) / panel
        let chunks = (rows + rowsPerItem - 1) / rowsPerItem
        let perImage = g.groups * panels * chunks
        let threads = g.multiplyAdds < 1 << 18 ? 1 : Parallel.threadCount
        let tallest = ConvPointwiseWideTile.rows(vectors: 1)
        Parallel.forEachClaimed(g.batch * perImage, inline: threads == 1) { items in
            // The tile that ends at the plane's end writes here first (up to 12 rows × 16 positions).
            var scratch = [Float](repeating: 0, count: tallest * 16)
            scratch.withUnsafeMutableBufferPointer { scratch in
                let tail = scratch.baseAddress!
                for item in items {
                    let (n, withinImage) = item.quotientAndRemainder(dividingBy: perImage)
                    let (group, withinGroup) = withinImage.quotientAndRemainder(dividingBy: panels * chunks)
                    let (panelIndex, chunk) = withinGroup.quotientAndRemainder(dividingBy: chunks)
                    let x = input + (n * g.inChannels + group * depth) * plane
                    let w = weight + group * rows * depth
                    let y = output + (n * g.outChannels + group * rows) * plane
                    let lastColumn = min(plane, (panelIndex + 1) * panel)
                    let firstRow = chunk * rowsPerItem
                    let endRow = min(rows, firstRow + rowsPerItem)
                    var column = panelIndex * panel
                    while column < lastColumn {
                        let width = lastColumn - column
                        let vectors = width >= 64 ? 4 : width >= 32 ? 2 : width >= 16 ? 1 : 0
                        // Fewer than 16 positions left: the 16 that end the plane, into `tail`.
                        let start = vectors == 0 ? plane - 16 : column
                        let height = ConvPointwiseWideTile.rows(vectors: max(1, vectors))
                        var row = firstRow
                        while row < endRow {
                            let count = min(height, endRow - row)
                            let b = bias.map { $0 + group * rows + row }
                            if vectors == 0 {
                                ConvPointwiseWideTile.run(
                                    rows: count, vectors: 1, depth: depth, weight: w + row * depth,
                                    weightStride: depth, input: x + start, inputStride: plane, bias: b,
                                    output: tail, outputStride: 16)
                                for r in 0..<count {
                                    for p in column..<lastColumn {
                                        y[(row + r) * plane + p] = tail[r * 16 + p - start]
                                    }
                                }
                            } else {
                                ConvPointwiseWideTile.run(
                                    rows: count, vectors: vectors, depth: depth, weight: w + row * depth,
                                    weightStride: depth, input: x + column, inputStride: plane, bias: b,
                                    output: y + row * plane + column, outputStride: plane)
                            }
                            row += count
                        }
                        column = vectors == 0 ? lastColumn : column + 16 * vectors
                    }
                }
            }
        }
    }
}
