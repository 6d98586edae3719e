/// Unfolds input windows into the columns of a matrix, so a convolution becomes one GEMM.
///
/// Row `r` of the matrix belongs to one (input channel, kernel offset) pair, column `p` to one
/// output position; entry `(r, p)` is the input value that tap `r` sees at output `p` (zero in
/// the padding). Multiplying the `(c_o × c_i·k_d·k_h·k_w)` weight matrix by it gives the output.
enum Im2col {
    /// Fills rows `rows` of the matrix for output rows `outputRows` (an output row is one
    /// `(od, oh)` pair with `outWidth` positions). `columns` points at the matrix's row 0, whose
    /// rows are `outputRows.count · outWidth` long; `input` points at the group's first channel.
    static func fill(
        _ g: ConvGeometry, input: UnsafePointer<Float>, rows: Range<Int>, outputRows: Range<Int>,
        columns: UnsafeMutablePointer<Float>
    ) {
        let rowLength = outputRows.count * g.outWidth
        for r in rows {
            let patch = PatchRow(g, row: r, input: input)
            let (first, last) = (patch.first, patch.last)
            var destination = columns + r * rowLength
            for q in outputRows {
                if let source = patch.source(g, outputDepth: q / g.outHeight, outputRow: q % g.outHeight) {
                    destination.initialize(repeating: 0, count: first)
                    if g.strideWidth == 1 {
                        (destination + first).initialize(from: source + first, count: last - first)
                    } else {
                        let step = g.strideWidth
                        for ow in first..<last { destination[ow] = source[ow * step] }
                    }
                    (destination + last).initialize(repeating: 0, count: g.outWidth - last)
                } else {
                    destination.initialize(repeating: 0, count: g.outWidth)
                }
                destination += g.outWidth
            }
        }
    }

    /// One row of the im2col matrix: an input channel and a kernel tap, and the output columns
    /// `first..<last` whose input column lies inside the image (the others read padding).
    /// Shared by ``fill(_:input:rows:outputRows:columns:)`` and the panel packing.
    struct PatchRow {
        /// The tap's input channel.
        let plane: UnsafePointer<Float>
        let kernelDepth: Int
        let kernelRow: Int
        /// The input column that output column 0 reads.
        let shift: Int
        let first: Int
        let last: Int

        @inline(__always)
        init(_ g: ConvGeometry, row r: Int, input: UnsafePointer<Float>) {
            let offset = r % g.kernelVolume
            let kernelColumn = offset % g.kernelWidth
            kernelDepth = offset / (g.kernelHeight * g.kernelWidth)
            kernelRow = (offset / g.kernelWidth) % g.kernelHeight
            plane = input + (r / g.kernelVolume) * g.inPlane
            shift = kernelColumn * g.dilationWidth - g.padWidth
            first = min(g.outWidth, max(0, ceilDivide(-shift, g.strideWidth)))
            last = max(first, min(g.outWidth, floorDivide(g.inWidth - 1 - shift, g.strideWidth) + 1))
        }

        /// The input row that output row `(outputDepth, outputRow)` reads through this tap, offset
        /// so that output column `ow` reads element `ow · strideWidth`; `nil` when it lies in the padding.
        @inline(__always)
        func source(_ g: ConvGeometry, outputDepth: Int, outputRow: Int) -> UnsafePointer<Float>? {
            let id = outputDepth * g.strideDepth - g.padDepth + kernelDepth * g.dilationDepth
            let ih = outputRow * g.strideHeight - g.padHeight + kernelRow * g.dilationHeight
            guard id >= 0, id < g.inDepth, ih >= 0, ih < g.inHeight else { return nil }
            return plane + (id * g.inHeight + ih) * g.inWidth + shift
        }
    }
}

/// ⌈a / b⌉ for b > 0 and any sign of a.
@inline(__always)
func ceilDivide(_ a: Int, _ b: Int) -> Int {
    a >= 0 ? (a + b - 1) / b : -((-a) / b)
}

/// ⌊a / b⌋ for b > 0 and any sign of a.
@inline(__always)
func floorDivide(_ a: Int, _ b: Int) -> Int {
    a >= 0 ? a / b : -((-a + b - 1) / b)
}
