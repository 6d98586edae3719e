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
    /// 6 × 16 buffers for scattered tiles, one per (tile of the block, panel of the item).
    let tileBuffer: UnsafeMutablePointer<Float>

    /// Adds steps `steps` of the sum for one tile and one filter panel onto the output (or,
    /// for the first steps, stores them with the bias). `target` is where the tile starts in its
    /// output plane, or -1 when it goes through `buffer` and is scattered later.
    @inline(__always)
    func run(tile: Int, target: Int, panel: Int, steps: Range<Int>, buffer: UnsafeMutablePointer<Float>) {
        let mr = ConvMicroKernel.rows
        let nr = ConvMicroKernel.columns
        let depth = g.patchLength
        let a = weights + (panel * depth + steps.lowerBound) * mr
        let columns = ConvShiftedColumns(base: input + tile * nr, offsets: offsets + steps.lowerBound)
        let first = steps.lowerBound == 0
        if target >= 0 && (panel + 1) * mr <= g.outChannelsPerGroup {
            ConvMicroKernel.run(
                depth: steps.count, a: a, b: columns, c: output + panel * mr * g.outPlane + target, ldc: g.outPlane,
                store: first ? .assign(bias: bias.map { $0 + panel * mr }) : .accumulate)
        } else {
            ConvMicroKernel.run(
                depth: steps.count, a: a, b: columns, c: buffer, ldc: nr,
                store: first ? .assign(bias: nil) : .accumulate)
        }
    }

    /// Copies a buffered tile of `panel` into the output, once its sum is complete.
    func scatter(tile: Int, target: Int, panel: Int, buffer: UnsafePointer<Float>) {
        let mr = ConvMicroKernel.rows
        guard target < 0 || (panel + 1) * mr > g.outChannelsPerGroup else { return }
        ConvShifted.scatter(
            g, layout: layout, tile: buffer, position: tile * ConvMicroKernel.columns,
            rows: min(mr, g.outChannelsPerGroup - panel * mr), bias: bias.map { $0 + panel * mr },
            into: output + panel * mr * g.outPlane)
    }
}
