import TensorsWide

/// The weight gradient of a 1×1 convolution at stride 1 without padding, `dW_g = Σ_n dY_n,g · X_n,gᵀ`,
/// on ``ConvPointwiseWideTile`` (AVX-512): output channels × 32 input channels per tile, the
/// input channels in the lanes, the sum running over the positions.
///
/// Each image's input planes are transposed once into panels of 32 channels (position `p`'s
/// channels at `32 · p`, 64-byte aligned, `plane × 32` floats: 25 KB at 196 positions, so a
/// panel stays in L1 while every tile of output channels sums over it); each step broadcasts one
/// position of 12 output channels' gradient rows. No tail: the positions are the sum's index,
/// and a panel past the last input channel is padded with zeros.
///
/// Work items are (group, panel, up to 48 output channels; at one thread all of them); an item
/// sums every image into a scratch tile and writes its own part of `dW` once, so threads never
/// share a write.
extension ConvPointwise {
    /// `dW` (`c_o × c_i / groups`, every element written) from the input and the output gradient.
    static func weightGradient(
        _ g: ConvGeometry, input x: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
        into dw: UnsafeMutablePointer<Float>
    ) {
        let plane = g.outPlane
        let groupIn = g.inChannelsPerGroup
        let groupOut = g.outChannelsPerGroup
        let panels = (groupIn + 31) / 32
        let panelFloats = 32 * plane
        let transposedCount = g.batch * g.groups * panels * panelFloats
        let transposed = UnsafeMutableRawPointer.allocate(byteCount: 4 * transposedCount, alignment: 64)
            .bindMemory(to: Float.self, capacity: transposedCount)
        defer { transposed.deallocate() }
        func panel(_ image: Int, _ group: Int, _ index: Int) -> UnsafeMutablePointer<Float> {
            transposed + ((image * g.groups + group) * panels + index) * panelFloats
        }
        let threads = g.multiplyAdds < 1 << 18 ? 1 : Parallel.threadCount
        Parallel.forEach(g.batch * g.groups * panels, minimumChunk: threads == 1 ? Int.max : 1) { items in
            for item in items {
                let (imageGroup, index) = item.quotientAndRemainder(dividingBy: panels)
                let (image, group) = imageGroup.quotientAndRemainder(dividingBy: g.groups)
                ConvPointwiseWideTile.transposePanel(
                    x + (image * g.inChannels + group * groupIn + 32 * index) * plane, plane: plane,
                    channels: min(32, groupIn - 32 * index), positions: plane, into: panel(image, group, index))
            }
        }
        let chunks = threads == 1 ? 1 : (groupOut + rowsPerItem - 1) / rowsPerItem
        let chunkRows = threads == 1 ? groupOut : rowsPerItem
        Parallel.forEachClaimed(g.groups * panels * chunks, inline: threads == 1) { items in
            let sums = UnsafeMutableRawPointer.allocate(byteCount: 4 * 32 * chunkRows, alignment: 64)
                .bindMemory(to: Float.self, capacity: 32 * chunkRows)
            defer { sums.deallocate() }
            for item in items {
                let (groupPanel, chunk) = item.quotientAndRemainder(dividingBy: chunks)
                let (group, index) = groupPanel.quotientAndRemainder(dividingBy: panels)
                let rows = chunk * chunkRows..<min(groupOut, (chunk + 1) * chunkRows)
                let columns = min(32, groupIn - 32 * index)
                let vectors = columns > 16 ? 2 : 1
                let height = ConvPointwiseWideTile.rows(vectors: vectors)
                let tiles = (rows.count + height - 1) / height
                for image in 0..<g.batch {
                    let gradient = dy + (image * g.outChannels + group * groupOut) * plane
                    for tile in 0..<tiles {
                        let first = rows.lowerBound + tile * rows.count / tiles
                        let end = rows.lowerBound + (tile + 1) * rows.count / tiles
                        ConvPointwiseWideTile.run(
                            rows: end - first, vectors: vectors, depth: plane, weight: gradient + first * plane,
                            weightStride: plane, input: panel(image, group, index), inputStride: 32, bias: nil,
                            output: sums + (first - rows.lowerBound) * 32, outputStride: 32, accumulate: image > 0)
                    }
                }
                let target = dw + (group * groupOut + rows.lowerBound) * groupIn + 32 * index
                for r in 0..<rows.count {
                    (target + r * groupIn).update(from: sums + r * 32, count: columns)
                }
            }
        }
    }
}

extension ConvPointwise {
    /// The most floats of transposed input panels ``weightGradient(_:input:outputGradient:into:)``
    /// allocates (16 MB).
    static let weightGradientPanelBudget = 1 << 22

    /// Whether ``weightGradient(_:input:outputGradient:into:)`` applies: AVX-512, a 2-D 1×1
    /// kernel at stride 1 without padding, planes of at least one vector, and every image's
    /// transposed panels within ``weightGradientPanelBudget``.
    static func fitsWeightGradient(_ g: ConvGeometry) -> Bool {
        guard isSuitable(g), g.inDepth == 1 else { return false }
        let panels = (g.inChannelsPerGroup + 31) / 32
        return g.batch * g.groups * panels * 32 * g.outPlane <= weightGradientPanelBudget
    }
}
