/// One input plane split by column phase: `phase(row, q)[j]` is the padded input at row `row`
/// (of `4 · tilesHigh + 2`, starting at `−padHeight`) and column `4 · j + q − padWidth`, zero
/// outside the image, so the column `4 · tw + l` of tile `tw` is `phase(row, l % 4)[tw + l / 4]`.
struct PhaseRows {
    let g: ConvGeometry
    let tilesHigh: Int
    let tilesWide: Int
    /// Floats per phase row: room for 16 lanes read from `tilesWide` on (always zero there).
    let stride: Int
    let rowCount: Int
    let storage: UnsafeMutablePointer<Float>
    /// The row pass (`d B` per input row, 6 × 6 vectors), then one column's `V` (6 vectors).
    let pass: UnsafeMutablePointer<SIMD16<Float>>

    init(_ g: ConvGeometry, tilesHigh: Int, tilesWide: Int) {
        self.g = g
        self.tilesHigh = tilesHigh
        self.tilesWide = tilesWide
        stride = (tilesWide + 1 + 15) / 16 * 16 + 16
        rowCount = 4 * tilesHigh + 2
        storage = .allocate(capacity: rowCount * 4 * stride)
        storage.initialize(repeating: 0, count: rowCount * 4 * stride)
        pass = .allocate(capacity: 42)
        pass.initialize(repeating: .zero, count: 42)
    }

    func deallocate() {
        storage.deallocate()
        pass.deallocate()
    }

    /// The phase row `q` of padded row `row`.
    @inline(__always)
    func phase(_ row: Int, _ q: Int) -> UnsafeMutablePointer<Float> {
        storage + (row * 4 + q) * stride
    }

    /// Splits one input plane (`h · w`) into the phase rows.
    func fill(from plane: UnsafePointer<Float>) {
        let columns = tilesWide + 1
        for row in 0..<rowCount {
            let y = row - g.padHeight
            guard y >= 0, y < g.inHeight else {
                for q in 0..<4 { phase(row, q).update(repeating: 0, count: columns) }
                continue
            }
            let source = plane + y * g.inWidth
            for q in 0..<4 {
                let target = phase(row, q)
                let offset = q - g.padWidth
                // Columns 4·j + offset inside 0..<inWidth: j from `first` to `last`.
                let first = max(0, (-offset + 3) / 4)
                let last = min(columns, offset >= g.inWidth ? 0 : (g.inWidth - 1 - offset) / 4 + 1)
                if first >= last {
                    target.update(repeating: 0, count: columns)
                    continue
                }
                if first > 0 { target.update(repeating: 0, count: first) }
                var x = 4 * first + offset
                for j in first..<last {
                    target[j] = source[x]
                    x += 4
                }
                if last < columns { (target + last).update(repeating: 0, count: columns - last) }
            }
        }
    }

    /// Writes `V = Bᵀ d B` for every tile of tile row `th` into `plane` (the `(ξ = 0, n, c)`
    /// plane; plane `ξ` starts `ξ ·` ``WinogradF43/xiStride(planes:planeStride:)`` floats further on).
    func transformTileRow(_ th: Int, planes: Int, planeStride: Int, into plane: UnsafeMutablePointer<Float>) {
        let xiStride = WinogradF43.xiStride(planes: planes, planeStride: planeStride)
        var tw = 0
        while tw < tilesWide {
            let count = min(16, tilesWide - tw)
            // Rows: w[k][j] = (d_k B)[j] for the six input rows k.
            for k in 0..<6 {
                let row = 4 * th + k
                let p0 = phase(row, 0) + tw
                let p1 = phase(row, 1) + tw
                let p2 = phase(row, 2) + tw
                let p3 = phase(row, 3) + tw
                let d0 = load(p0)
                let d1 = load(p1)
                let d2 = load(p2)
                let d3 = load(p3)
                let d4 = load(p0 + 1)
                let d5 = load(p1 + 1)
                WinogradF43.inputTransform(d0, d1, d2, d3, d4, d5, into: pass + 6 * k, step: 1)
            }
            // Columns: V[i][j] = Σ_k Bᵀ[i][k] w[k][j].
            let t = th * tilesWide + tw
            // Lanes past this row's tiles land on the next row's (written after) or the padding.
            let lanes = t + 16 <= planeStride ? 16 : count
            let out = pass + 36
            for j in 0..<6 {
                WinogradF43.inputTransform(
                    pass[j], pass[6 + j], pass[12 + j], pass[18 + j], pass[24 + j], pass[30 + j], into: out, step: 1)
                for i in 0..<6 {
                    WinogradF43.store(out[i], to: plane + (6 * i + j) * xiStride + t, count: lanes)
                }
            }
            tw += 16
        }
    }

    @inline(__always)
    private func load(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }
}
