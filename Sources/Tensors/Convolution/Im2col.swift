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
        let kernelArea = g.kernelHeight * g.kernelWidth
        for r in rows {
            let ci = r / g.kernelVolume
            let offset = r % g.kernelVolume
            let kd = offset / kernelArea
            let kh = (offset / g.kernelWidth) % g.kernelHeight
            let kw = offset % g.kernelWidth
            let plane = input + ci * g.inPlane
            // Output columns whose input column lies inside the image; the rest read padding.
            let shift = kw * g.dilationWidth - g.padWidth
            let first = min(g.outWidth, max(0, ceilDivide(-shift, g.strideWidth)))
            let last = max(first, min(g.outWidth, floorDivide(g.inWidth - 1 - shift, g.strideWidth) + 1))
            var destination = columns + r * rowLength
            for q in outputRows {
                let od = q / g.outHeight
                let oh = q % g.outHeight
                let id = od * g.strideDepth - g.padDepth + kd * g.dilationDepth
                let ih = oh * g.strideHeight - g.padHeight + kh * g.dilationHeight
                if id < 0 || id >= g.inDepth || ih < 0 || ih >= g.inHeight {
                    destination.initialize(repeating: 0, count: g.outWidth)
                } else {
                    let source = plane + (id * g.inHeight + ih) * g.inWidth + shift
                    destination.initialize(repeating: 0, count: first)
                    if g.strideWidth == 1 {
                        (destination + first).initialize(from: source + first, count: last - first)
                    } else {
                        let step = g.strideWidth
                        for ow in first..<last { destination[ow] = source[ow * step] }
                    }
                    (destination + last).initialize(repeating: 0, count: g.outWidth - last)
                }
                destination += g.outWidth
            }
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
