extension ConvBlocked {
    /// ``run(_:input:weight:bias:output:tiling:)`` on weights already packed for `layout`
    /// (``ConvBlockedLayout/packWeights(_:weight:index:into:transposing:)``'s order, 64-byte
    /// aligned), for weights that are not a forward convolution's own: the input gradient's,
    /// flipped while packed (``ConvInputBlocked``). Threads take whole images when the batch
    /// divides evenly among them, else runs of rows, as ``run(_:input:weight:bias:output:tiling:)``
    /// does without ``Tiling/fusesBands``.
    static func run(
        _ g: ConvGeometry, layout: ConvBlockedLayout, input: UnsafePointer<Float>,
        packed: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>,
        tiling: Tiling
    ) {
        let threads = g.multiplyAdds < 1 << 18 ? 1 : Parallel.threadCount
        guard threads > 1 && g.batch % threads == 0 else {
            run(
                g, layout: layout, input: input, weight: nil, weights: packed, bias: bias, output: output,
                threads: threads, tiling: tiling)
            return
        }
        var image = g
        image.batch = 1
        Parallel.forEachClaimed(g.batch) { items in
            for n in items {
                run(
                    image, layout: layout, input: input + n * g.inChannels * g.inPlane, weight: nil, weights: packed,
                    bias: bias, output: output + n * g.outChannels * g.outPlane, threads: 1, tiling: tiling)
            }
        }
    }
}
