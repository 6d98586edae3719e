extension WinogradF43 {
    /// Writes `Y = Aᵀ M A` (plus the bias) for every output plane: `m` holds the products at
    /// `m[ξ · xiStride + (n · outChannels + o) · planeStride + t]` (``xiStride(planes:planeStride:)``
    /// of `batch · outChannels` planes; with 16 readable floats past its end), and only the outputs inside `outHeight × outWidth` are written.
    static func transformOutput(
        _ g: ConvGeometry, products m: UnsafePointer<Float>, planeStride: Int, bias: UnsafePointer<Float>?,
        output: UnsafeMutablePointer<Float>
    ) {
        let (high, wide) = tileCounts(g)
        let planes = g.batch * g.outChannels
        let xiStride = xiStride(planes: planes, planeStride: planeStride)
        let work = planes * high * wide * 36 * 64
        Parallel.forEachClaimed(planes, inline: work < 1 << 20) { items in
            // 4 × 4 output vectors, 24 after the row pass, one row of 64 outputs laid out for copying.
            let scratch = UnsafeMutablePointer<SIMD16<Float>>.allocate(capacity: 16 + 24 + 4)
            defer { scratch.deallocate() }
            let rowPass = scratch + 16
            let lanes = UnsafeMutableRawPointer(scratch + 40).assumingMemoryBound(to: Float.self)
            for item in items {
                let offset = bias.map { $0[item % g.outChannels] } ?? 0
                let plane = output + item * g.outPlane
                let source = m + item * planeStride
                for th in 0..<high {
                    var tw = 0
                    while tw < wide {
                        let count = min(16, wide - tw)
                        let t = th * wide + tw
                        for i in 0..<6 {
                            let s = source + 6 * i * xiStride + t
                            let (y0, y1, y2, y3) = outputTransform(
                                load(s), load(s + xiStride), load(s + 2 * xiStride), load(s + 3 * xiStride),
                                load(s + 4 * xiStride), load(s + 5 * xiStride))
                            rowPass[4 * i] = y0
                            rowPass[4 * i + 1] = y1
                            rowPass[4 * i + 2] = y2
                            rowPass[4 * i + 3] = y3
                        }
                        // Columns of the row pass: y[r][c] for output row 4·th + r, column 4·(tw + lane) + c.
                        for c in 0..<4 {
                            let (y0, y1, y2, y3) = outputTransform(
                                rowPass[c], rowPass[4 + c], rowPass[8 + c], rowPass[12 + c], rowPass[16 + c],
                                rowPass[20 + c])
                            scratch[4 * 0 + c] = y0
                            scratch[4 * 1 + c] = y1
                            scratch[4 * 2 + c] = y2
                            scratch[4 * 3 + c] = y3
                        }
                        let firstColumn = 4 * tw
                        let columnsLeft = g.outWidth - firstColumn
                        for r in 0..<min(4, g.outHeight - 4 * th) {
                            let target = plane + (4 * th + r) * g.outWidth + firstColumn
                            let shift = SIMD16<Float>(repeating: offset)
                            // Lane l of column c goes to target[4·l + c].
                            for c in 0..<4 {
                                let value = scratch[4 * r + c] + shift
                                for l in 0..<16 { lanes[4 * l + c] = value[l] }
                            }
                            let written = min(4 * count, columnsLeft)
                            target.update(from: lanes, count: written)
                        }
                        tw += 16
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }
}
