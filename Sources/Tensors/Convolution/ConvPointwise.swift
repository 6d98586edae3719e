import TensorsWide

/// A 1×1 convolution at stride 1 without padding as the product `W · X` per image and group, on
/// the NCHW operands in place, with output positions in the 16 vector lanes (AVX-512 only).
///
/// ``ConvBlocked`` (output channels in the lanes) first copies the input into channel blocks and
/// packs the weights (on `pw1x1_c256_14` that is 200 KB and 256 KB per call), and transposes
/// every row of sums into the output; a 1×1 kernel needs none of that: each tile
/// (``ConvPointwiseWideTile``: 6 output channels × 64 positions) reads its input vectors from
/// the channels' planes and broadcasts its weights from their OIHW rows, and stores its sums
/// with the bias straight into the output planes. One parallel loop and no barrier: threads
/// claim panels of 64 positions × up to 48 output channels.
///
/// A plane that does not fill whole panels ends in tiles of 32 and 16 positions; the last few
/// positions (fewer than 16) go through a tile that ends at the plane's end, into a scratch
/// tile whose new columns are copied out.
enum ConvPointwise {
    /// Positions per panel: four vectors.
    static let panel = 64
    /// Output channels per work item (8 tiles of 6), so one item's weights stay in L2.
    static let rowsPerItem = 48

    /// Whether the AVX-512 kernel applies: a 1×1 kernel at stride 1 without padding and planes of
    /// at least one vector.
    static func isSuitable(_ g: ConvGeometry) -> Bool {
        CPUFeatures.current.useAVX512 && g.isPointwise && g.outPlane >= 16
    }

    static func run(
        _ g: ConvGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>
    ) {
        guard isSuitable(g) else {
            ConvBlocked.run(g, input: input, weight: weight, bias: bias, output: output)
            return
        }
        let plane = g.outPlane
        let depth = g.inChannelsPerGroup
        let rows = g.outChannelsPerGroup
        let panels = (plane + panel - 1) / panel
        let chunks = (rows + rowsPerItem - 1) / rowsPerItem
        let perImage = g.groups * panels * chunks
        let threads = g.multiplyAdds < 1 << 18 ? 1 : Parallel.threadCount
        Parallel.forEachClaimed(g.batch * perImage, inline: threads == 1) { items in
            // The tile that ends at the plane's end writes here first (6 rows × 16 positions).
            var scratch = [Float](repeating: 0, count: 6 * 16)
            scratch.withUnsafeMutableBufferPointer { scratch in
                let tail = scratch.baseAddress!
                for item in items {
                    let (n, withinImage) = item.quotientAndRemainder(dividingBy: perImage)
                    let (group, withinGroup) = withinImage.quotientAndRemainder(dividingBy: panels * chunks)
                    let (panelIndex, chunk) = withinGroup.quotientAndRemainder(dividingBy: chunks)
                    let x = input + (n * g.inChannels + group * depth) * plane
                    let w = weight + group * rows * depth
                    let y = output + (n * g.outChannels + group * rows) * plane
                    let firstColumn = panelIndex * panel
                    let lastColumn = min(plane, firstColumn + panel)
                    var row = chunk * rowsPerItem
                    let endRow = min(rows, row + rowsPerItem)
                    while row < endRow {
                        let count = min(6, endRow - row)
                        let b = bias.map { $0 + group * rows + row }
                        var column = firstColumn
                        while column < lastColumn {
                            let width = lastColumn - column
                            let vectors = width >= 64 ? 4 : width >= 32 ? 2 : width >= 16 ? 1 : 0
                            if vectors == 0 {
                                // Fewer than 16 positions left: the 16 that end the plane.
                                let start = plane - 16
                                ConvPointwiseWideTile.run(
                                    rows: count, vectors: 1, depth: depth, weight: w + row * depth,
                                    weightStride: depth, input: x + start, inputStride: plane, bias: b,
                                    output: tail, outputStride: 16)
                                for r in 0..<count {
                                    for p in column..<lastColumn { y[(row + r) * plane + p] = tail[r * 16 + p - start] }
                                }
                                break
                            }
                            ConvPointwiseWideTile.run(
                                rows: count, vectors: vectors, depth: depth, weight: w + row * depth,
                                weightStride: depth, input: x + column, inputStride: plane, bias: b,
                                output: y + row * plane + column, outputStride: plane)
                            column += 16 * vectors
                        }
                        row += count
                    }
                }
            }
        }
    }
}
