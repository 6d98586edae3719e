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
    /// for the first steps, stores them with the bias), reading the tile's input in place.
    /// `target` is where the tile starts in its output plane, or -1 when it goes through
    /// `buffer` and is scattered later.
    @inline(__always)
    func run(tile: Int, target: Int, panel: Int, steps: Range<Int>, buffer: UnsafeMutablePointer<Float>) {
        let columns = ConvShiftedColumns(
            base: input + tile * ConvMicroTile.columns, offsets: offsets + steps.lowerBound)
        run(columns, target: target, panel: panel, steps: steps, buffer: buffer)
    }

    /// Like ``run(tile:target:panel:steps:buffer:)``, reading the tile's input from a panel
    /// packed by ``pack(tile:steps:into:)``.
    @inline(__always)
    func run(
        packed: UnsafePointer<Float>, target: Int, panel: Int, steps: Range<Int>, buffer: UnsafeMutablePointer<Float>
    ) {
        run(ConvPackedColumns(base: packed), target: target, panel: panel, steps: steps, buffer: buffer)
    }

    @inline(__always)
    private func run<Columns: ConvTileColumns>(
        _ columns: Columns, target: Int, panel: Int, steps: Range<Int>, buffer: UnsafeMutablePointer<Float>
    ) {
        let mr = ConvMicroTile.rows
        let a = weights + (panel * g.patchLength + steps.lowerBound) * mr
        let first = steps.lowerBound == 0
        if target >= 0 && (panel + 1) * mr <= g.outChannelsPerGroup {
            ConvMicroTile.run(
                depth: steps.count, a: a, b: columns, c: output + panel * mr * g.outPlane + target, ldc: g.outPlane,
                store: first ? .assign(bias: bias.map { $0 + panel * mr }) : .accumulate)
        } else {
            ConvMicroTile.run(
                depth: steps.count, a: a, b: columns, c: buffer, ldc: ConvMicroTile.columns,
                store: first ? .assign(bias: nil) : .accumulate)
        }
    }

    /// Copies steps `steps` of one tile's 16 input values into a contiguous panel
    /// (`panel[16 · (k − steps.lowerBound) + column]`), so every filter panel then streams them
    /// in order instead of reading scattered, misaligned rows of the shifted input. Positions
    /// past the grid are zero, never read: the input may be the caller's own array.
    @inline(__always)
    func pack(tile: Int, steps: Range<Int>, into panel: UnsafeMutablePointer<Float>) {
        let nr = ConvMicroTile.columns
        let base = input + tile * nr
        let valid = min(nr, layout.grid - tile * nr)
        var target = panel
        if valid == nr {
            for k in steps {
                let source = UnsafeRawPointer(base + offsets[k])
                let to = UnsafeMutableRawPointer(target)
                to.storeBytes(of: source.loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
                to.storeBytes(
                    of: source.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self), toByteOffset: 32,
                    as: SIMD8<Float>.self)
                target += nr
            }
        } else {
            for k in steps {
                let source = base + offsets[k]
                for column in 0..<nr { target[column] = column < valid ? source[column] : 0 }
                target += nr
            }
        }
    }

    /// Copies a buffered tile of `panel` into the output, once its sum is complete.
    func scatter(tile: Int, target: Int, panel: Int, buffer: UnsafePointer<Float>) {
        let mr = ConvMicroTile.rows
        guard target < 0 || (panel + 1) * mr > g.outChannelsPerGroup else { return }
        ConvShifted.scatter(
            g, layout: layout, tile: buffer, position: tile * ConvMicroTile.columns,
            rows: min(mr, g.outChannelsPerGroup - panel * mr), bias: bias.map { $0 + panel * mr },
            into: output + panel * mr * g.outPlane)
    }
}
