extension ConvGeometry {
    /// Writes the first `width` columns of row `row` of an input plane padded with zeros, where
    /// padded row `r` and column `w` hold input row `r − padHeight` and column `w − padWidth` of
    /// `plane`, or zero outside it.
    @inline(__always)
    func writePaddedRow(_ row: Int, of plane: UnsafePointer<Float>, width: Int, into line: UnsafeMutablePointer<Float>)
    {
        let ih = row - padHeight
        guard ih >= 0 && ih < inHeight else { return line.initialize(repeating: 0, count: width) }
        // Padded columns whose input column lies inside the image.
        let first = min(width, padWidth)
        let last = max(first, min(width, inWidth + padWidth))
        line.initialize(repeating: 0, count: first)
        (line + first).initialize(from: plane + ih * inWidth + first - padWidth, count: last - first)
        (line + last).initialize(repeating: 0, count: width - last)
    }
}
