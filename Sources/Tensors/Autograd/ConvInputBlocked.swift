/// The input gradient of a stride-1 2-D convolution as a forward ``ConvBlocked`` convolution of
/// the output gradient: `dX = conv(dY, W')` with `W'[c, o] = flip(W[o, c])` and padding
/// `d · (k − 1) − p`, where the flipped weights go straight into the blocked kernel's packed
/// layout (``ConvBlockedLayout/packFlipped(_:weight:index:into:)``) instead of into a flipped
/// copy that ``ConvBlocked`` then packs again (`bench grad --algorithms input-transposed,input-flipped-copy`,
/// A/B in one process, one thread, CPU time, load about 7: `res3x3_c128_28` 1,695 → 1,585 µs,
/// `res3x3_c64_56` 1,551 → 1,515, `res3x3_c64_56_n8` 13,163 → 12,901).
enum ConvInputBlocked {
    /// The forward geometry of `g`'s input gradient when that is a convolution ``ConvBlocked``
    /// runs (the engine's choice for it): 2-D, stride 1, padding within the dilated kernel.
    static func transposed(_ g: ConvGeometry) -> ConvGeometry? {
        guard g.inDepth == 1, g.kernelDepth == 1, g.padDepth == 0, g.outDepth == 1, g.strideHeight == 1,
            g.strideWidth == 1
        else { return nil }
        let reachHeight = g.dilationHeight * (g.kernelHeight - 1)
        let reachWidth = g.dilationWidth * (g.kernelWidth - 1)
        guard g.padHeight <= reachHeight, g.padWidth <= reachWidth,
            g.outHeight == g.inHeight + 2 * g.padHeight - reachHeight,
            g.outWidth == g.inWidth + 2 * g.padWidth - reachWidth
        else { return nil }
        var t = g
        (t.inChannels, t.outChannels) = (g.outChannels, g.inChannels)
        (t.inHeight, t.inWidth, t.outHeight, t.outWidth) = (g.outHeight, g.outWidth, g.inHeight, g.inWidth)
        (t.padHeight, t.padWidth) = (reachHeight - g.padHeight, reachWidth - g.padWidth)
        return ConvEngine.algorithm(for: t, winograd: false) == .blocked ? t : nil
    }

    /// Writes the input gradient `(N, c_i, h, w)` into `dx`, for `transposed` from
    /// ``transposed(_:)``; `weight` is the convolution's own `(c_o, c_i / groups, k_h, k_w)`.
    static func run(
        _ transposed: ConvGeometry, weight: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
        into dx: UnsafeMutablePointer<Float>
    ) {
        let tiling = ConvBlocked.Tiling.tuned
        let wide = tiling.wide && CPUFeatures.current.hasAVX512
        guard let layout = ConvBlockedLayout(transposed, vectors: wide ? tiling.vectors : 1) else {
            preconditionFailure("ConvInputBlocked needs a blocked layout")
        }
        let filterBlocks = transposed.groups * layout.filterBlocksPerGroup
        let count = filterBlocks * layout.blocksPerGroup * layout.weightsPerPair
        // 64-byte aligned: the kernel loads them as aligned vectors.
        let buffer = ParallelScratch.takeCacheAligned(count)
        defer { ParallelScratch.give(buffer) }
        let packed = buffer.cacheAligned
        let threads = transposed.multiplyAdds < 1 << 18 ? 1 : Parallel.threadCount
        Parallel.forEachClaimed(filterBlocks, inline: threads == 1 || count < 1 << 16) { items in
            for item in items { layout.packFlipped(transposed, weight: weight, index: item, into: packed) }
        }
        ConvBlocked.run(transposed, layout: layout, input: dy, packed: packed, bias: nil, output: dx, tiling: tiling)
    }
}
