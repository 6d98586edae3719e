/// The bands of output rows that the im2col paths take one at a time (the general forward
/// convolution, its weight gradient and its transposed convolution), and the one column matrix
/// they share: `patch × (rows · outWidth)` floats, about ``ConvEngine/bandElements``.
enum ConvColumnBands {
    /// Calls `body(image, group, band, columns)` for every image, group and band of output rows
    /// (depth × height rows, in order); `columns` has room for the band's column matrix.
    static func forEach(
        _ g: ConvGeometry,
        _ body: (_ image: Int, _ group: Int, _ band: Range<Int>, _ columns: UnsafeMutablePointer<Float>) -> Void
    ) {
        let patch = g.patchLength
        let outputRows = g.outDepth * g.outHeight
        let bandRows = max(1, min(outputRows, ConvEngine.bandElements / max(1, patch * g.outWidth)))
        let columns = UnsafeMutablePointer<Float>.allocate(capacity: patch * bandRows * g.outWidth)
        defer { columns.deallocate() }
        for n in 0..<g.batch {
            for group in 0..<g.groups {
                var firstRow = 0
                while firstRow < outputRows {
                    let band = firstRow..<min(outputRows, firstRow + bandRows)
                    body(n, group, band, columns)
                    firstRow = band.upperBound
                }
            }
        }
    }

    /// ``forEach(_:_:)`` with `columns` holding the band's column matrix of `input` (im2col of the
    /// image's channels in the group) when `body` runs.
    static func forEachUnfolded(
        _ g: ConvGeometry, input: UnsafePointer<Float>,
        _ body: (_ image: Int, _ group: Int, _ band: Range<Int>, _ columns: UnsafeMutablePointer<Float>) -> Void
    ) {
        forEach(g) { n, group, band, columns in
            let channels = input + (n * g.inChannels + group * g.inChannelsPerGroup) * g.inPlane
            // Each chunk of matrix rows is written by one thread only.
            Parallel.forEach(g.patchLength, minimumChunk: max(1, 16384 / (band.count * g.outWidth))) { rows in
                Im2col.fill(g, input: channels, rows: rows, outputRows: band, columns: columns)
            }
            body(n, group, band, columns)
        }
    }
}
