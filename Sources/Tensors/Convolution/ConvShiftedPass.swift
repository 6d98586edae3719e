/// One work item of ``ConvShifted``: what all its micro-kernel calls share, so the loops around
/// them stay short.
struct ConvShiftedPass {
    let g: ConvGeometry
    let layout: ConvShiftedLayout
    /// The group's first filter panel.
    let weights: UnsafePointer<Float>
    /// The group's first channel in the shifted input.
    let input: UnsafePointer<Float>
    /// Where each step of the sum reads, relative to a tile's first position.
    let offsets: UnsafePointer<Int>
    /// The group's first output plane in the image.
    let output: UnsafeMutablePointer<Float>
    /// The group's first bias.
    let bias: UnsafePointer<Float>?
    /// A 6 × 16 buffer for tiles that are scattered.
    let tileBuffer: UnsafeMutablePointer<Float>

    /// Computes one tile for one filter panel; `target` is where the tile starts in
    /// its output plane, or -1 to scatter it.
    @inline(__always)
    func run(tile: Int, target: Int, panel: Int) {
        let mr = ConvMicroKernel.rows
        let position = tile * ConvMicroKernel.columns
        let depth = g.patchLength
        let a = weights + panel * depth * mr
        let rowCount = min(mr, g.outChannelsPerGroup - panel * mr)
        let rowBias = bias.map { $0 + panel * mr }
        let rows = output + panel * mr * g.outPlane
        if target >= 0 && rowCount == mr {
            ConvMicroKernel.runShifted(
                depth: depth, a: a, b: input + position, offsets: offsets, c: rows + target, ldc: g.outPlane,
                store: .assign(bias: rowBias))
        } else {
            ConvMicroKernel.runShifted(
                depth: depth, a: a, b: input + position, offsets: offsets, c: tileBuffer,
                ldc: ConvMicroKernel.columns, store: .assign(bias: nil))
            ConvShifted.scatter(
                g, layout: layout, tile: tileBuffer, position: position, rows: rowCount,
                bias: rowBias, into: rows)
        }
    }
}
