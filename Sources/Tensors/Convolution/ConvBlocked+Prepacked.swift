extension ConvBlocked {
    /// ``run(_:input:weight:bias:output:tiling:)`` on weights already packed for `layout`
    /// (``ConvBlockedLayout/packWeights(_:weight:index:into:transposing:)``'s order, 64-byte
    /// aligned), for weights that are not a forward convolution's own: the input gradient's,
    /// flipped while packed (``ConvInputBlocked``). Threads share the work as they do there
    /// (``schedule(_:layout:input:weight:weights:bias:output:threads:tiling:)``).
    static func run(
        _ g: ConvGeometry, layout: ConvBlockedLayout, input: UnsafePointer<Float>,
        packed: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>,
        tiling: Tiling
    ) {
        let threads = g.multiplyAdds < 1 << 18 ? 1 : Parallel.threadCount
        schedule(
            g, layout: layout, input: input, weight: nil, weights: packed, bias: bias, output: output,
            threads: threads, tiling: tiling)
    }
}
