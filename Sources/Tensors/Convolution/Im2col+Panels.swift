extension Im2col {
    /// Packs rows `rows` and output positions `positions` of the im2col matrix straight from the
    /// input into 16-column panels, the layout ``ConvMicroTile`` reads: panel `j` starts at
    /// `panels + j · panelStride(rows.count)`, and matrix entry `(r, p)` sits at
    /// `(r − rows.lowerBound) · 16 + (p − positions.lowerBound) mod 16` inside its panel.
    /// Columns past the end of the last panel are zero.
    ///
    /// Each (row, output row) pair is one run of the input row, copied 8 lanes at a time
    /// (stride 2 takes the even lanes of 16), so packing stays small next to the multiply-adds.
    static func packPanels(
        _ g: ConvGeometry, input: UnsafePointer<Float>, rows: Range<Int>, positions: Range<Int>,
        panels: UnsafeMutablePointer<Float>
    ) {
        let destination = PanelWriter(panelStride: panelStride(rows: rows.count))
        let count = positions.count
        let firstRow = positions.lowerBound / g.outWidth
        let firstColumn = positions.lowerBound - firstRow * g.outWidth
        let padded = (count + 15) / 16 * 16
        for r in rows {
            let patch = PatchRow(g, row: r, input: input)
            let (first, last) = (patch.first, patch.last)
            let base = panels + (r - rows.lowerBound) * ConvMicroTile.columns
            var local = 0
            var owStart = firstColumn
            var od = firstRow / g.outHeight
            var oh = firstRow - od * g.outHeight
            while local < count {
                let run = min(g.outWidth - owStart, count - local)
                if let source = patch.source(g, outputDepth: od, outputRow: oh) {
                    let lo = min(max(first, owStart), owStart + run)
                    let hi = max(lo, min(last, owStart + run))
                    destination.zero(base, at: local, count: lo - owStart)
                    destination.copy(
                        base, at: local + lo - owStart, from: source + lo * g.strideWidth, stride: g.strideWidth,
                        count: hi - lo)
                    destination.zero(base, at: local + hi - owStart, count: owStart + run - hi)
                } else {
                    destination.zero(base, at: local, count: run)
                }
                local += run
                owStart = 0
                oh += 1
                if oh == g.outHeight {
                    oh = 0
                    od += 1
                }
            }
            destination.zero(base, at: count, count: padded - count)
        }
    }

    /// The distance between panels holding `rows` rows: one cache line more than they need, so
    /// that the 16 panels written for one matrix row do not all fall into the same cache set.
    static func panelStride(rows: Int) -> Int {
        rows * ConvMicroTile.columns + 16
    }
}

/// Writes a run of consecutive matrix columns into 16-column panels, splitting it where it
/// crosses from one panel into the next.
struct PanelWriter {
    /// Distance between the starts of consecutive panels.
    let panelStride: Int

    @inline(__always)
    func zero(_ base: UnsafeMutablePointer<Float>, at start: Int, count: Int) {
        var column = start
        var remaining = count
        while remaining > 0 {
            let within = column & 15
            let chunk = min(remaining, 16 - within)
            (base + (column >> 4) * panelStride + within).initialize(repeating: 0, count: chunk)
            column += chunk
            remaining -= chunk
        }
    }

    /// Copies `count` values `source[0], source[stride], …` to columns `start ..< start + count`.
    @inline(__always)
    func copy(
        _ base: UnsafeMutablePointer<Float>, at start: Int, from source: UnsafePointer<Float>, stride: Int, count: Int
    ) {
        var column = start
        var remaining = count
        var from = source
        while remaining > 0 {
            let within = column & 15
            let chunk = min(remaining, 16 - within)
            let to = base + (column >> 4) * panelStride + within
            var i = 0
            if stride == 1 {
                // A chunk holds at most 16 values: two vectors that may overlap cover it
                // without a scalar tail.
                if chunk >= 8 {
                    copyLanes(SIMD8<Float>.self, from: from, to: to)
                    copyLanes(SIMD8<Float>.self, from: from + (chunk - 8), to: to + (chunk - 8))
                } else if chunk >= 4 {
                    copyLanes(SIMD4<Float>.self, from: from, to: to)
                    copyLanes(SIMD4<Float>.self, from: from + (chunk - 4), to: to + (chunk - 4))
                } else {
                    while i < chunk {
                        to[i] = from[i]
                        i += 1
                    }
                }
            } else if stride == 2 {
                // Reads one element past the last one used, which is still inside the input row
                // only when i + 8 < chunk; the final group falls back to scalar reads.
                while i + 8 < chunk {
                    let pairs = UnsafeRawPointer(from + 2 * i).loadUnaligned(as: SIMD16<Float>.self)
                    UnsafeMutableRawPointer(to + i).storeBytes(of: pairs.evenHalf, as: SIMD8<Float>.self)
                    i += 8
                }
                while i < chunk {
                    to[i] = from[2 * i]
                    i += 1
                }
            } else {
                while i < chunk {
                    to[i] = from[i * stride]
                    i += 1
                }
            }
            column += chunk
            remaining -= chunk
            from += chunk * stride
        }
    }

    @inline(__always)
    private func copyLanes<V: SIMD>(
        _ type: V.Type, from source: UnsafePointer<Float>, to target: UnsafeMutablePointer<Float>
    ) where V.Scalar == Float {
        UnsafeMutableRawPointer(target).storeBytes(of: UnsafeRawPointer(source).loadUnaligned(as: V.self), as: V.self)
    }
}
