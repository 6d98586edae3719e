/// The two transforms of Winograd F(4×4, 3×3) only the weight gradient needs, 8 tiles per vector
/// (the input's is the forward's, ``PhaseRows``; the matrices are ``WinogradF43``'s).
///
/// The output gradient's gathers one channel's tiles into rows of a scratch (`scratch[(i · 6 + j) · paddedTiles + t]`
/// is element `(i, j)` of tile `t`), so that the transform itself is vector arithmetic on whole
/// rows: first along each tile row, then along each tile column.
extension ConvWeightGradientWinograd {
    /// Eight lanes: this module is compiled for AVX2, where `SIMD16` arithmetic came out as
    /// 128-bit pieces and shuffles (the transforms ran no faster than the direct kernel).
    typealias Vector = SIMD8<Float>
    static let lanes = Vector.scalarCount
    typealias Six = (Vector, Vector, Vector, Vector, Vector, Vector)
    typealias Three = (Vector, Vector, Vector)

    /// `A g` for the four values `g` (`A = (Aᵀ)ᵀ`, 6 × 4): one tile column or row of the output
    /// gradient to six.
    @inline(__always)
    static func gradientSix(_ g0: Vector, _ g1: Vector, _ g2: Vector, _ g3: Vector) -> Six {
        let even = g0 + g2
        let odd = g1 + g3
        let near = g0 + 4 * g2
        let far = 2 * g1 + 8 * g3
        return (g0, even + odd, even - odd, near + far, near - far, g3)
    }

    /// `Gᵀ m` for the six values `m`: six sums back to three kernel taps.
    @inline(__always)
    static func kernelThree(_ m: Six) -> Three {
        let (m0, m1, m2, m3, m4, m5) = m
        let sum12 = m1 + m2
        let sum34 = m3 + m4
        return (
            0.25 * m0 - sum12 / 6 + sum34 / 24,
            (m2 - m1) / 6 + (m3 - m4) / 12,
            (sum34 - sum12) / 6 + m5
        )
    }

    /// Stores the first `count` lanes of `value` (all of them when `count` ≥ ``lanes``).
    @inline(__always)
    static func store(_ value: Vector, _ p: UnsafeMutablePointer<Float>, count: Int) {
        if count >= lanes { return value.store(unalignedAt: p) }
        for lane in 0..<count { p[lane] = value[lane] }
    }

    // MARK: The output gradient

    /// One output-gradient channel's tiles transformed to 6 × 6, `A dY Aᵀ`, into
    /// `dyt[ξ · xiStride + t]` (the input's layout); returns the plane's sum (the bias gradient's
    /// share of this channel and image).
    static func transformGradient(
        plane dy: UnsafePointer<Float>, height: Int, width: Int, tiling: WinogradTiling,
        into dyt: UnsafeMutablePointer<Float>, xiStride: Int, scratch d: UnsafeMutablePointer<Float>
    ) -> Float {
        let rowStride = tiling.paddedTiles
        for th in 0..<tiling.tilesHigh {
            for i in 0..<4 {
                let y = 4 * th + i
                let target = d + i * 4 * rowStride + th * tiling.tilesWide
                guard y < height else {
                    for j in 0..<4 { (target + j * rowStride).update(repeating: 0, count: tiling.tilesWide) }
                    continue
                }
                let row = dy + y * width
                let inside = width / 4
                let (t0, t1) = (target, target + rowStride)
                let (t2, t3) = (target + 2 * rowStride, target + 3 * rowStride)
                var source = row
                for tw in 0..<inside {
                    t0[tw] = source[0]
                    t1[tw] = source[1]
                    t2[tw] = source[2]
                    t3[tw] = source[3]
                    source += 4
                }
                for tw in inside..<tiling.tilesWide {
                    for j in 0..<4 { target[j * rowStride + tw] = 4 * tw + j < width ? row[4 * tw + j] : 0 }
                }
            }
        }
        for rowIndex in 0..<16 {
            (d + rowIndex * rowStride + tiling.tiles).update(repeating: 0, count: rowStride - tiling.tiles)
        }
        // Every gradient value lies in exactly one gathered tile element (the rest are zeros).
        var sums = Vector()
        for rowIndex in 0..<16 {
            for t in stride(from: 0, to: tiling.tiles, by: lanes) {
                sums += Vector(unalignedAt: d + rowIndex * rowStride + t)
            }
        }
        let half = d + 16 * rowStride
        for t in stride(from: 0, to: tiling.tiles, by: lanes) {
            let remaining = tiling.tiles - t
            // Along each tile row: four gathered vectors to six, into `half[(i · 6 + l) · rowStride]`.
            for i in 0..<4 {
                let p = d + i * 4 * rowStride + t
                let e = gradientSix(
                    Vector(unalignedAt: p), Vector(unalignedAt: p + rowStride), Vector(unalignedAt: p + 2 * rowStride),
                    Vector(unalignedAt: p + 3 * rowStride))
                let q = half + i * 6 * rowStride + t
                e.0.store(unalignedAt: q)
                e.1.store(unalignedAt: q + rowStride)
                e.2.store(unalignedAt: q + 2 * rowStride)
                e.3.store(unalignedAt: q + 3 * rowStride)
                e.4.store(unalignedAt: q + 4 * rowStride)
                e.5.store(unalignedAt: q + 5 * rowStride)
            }
            for l in 0..<6 {
                let p = half + l * rowStride + t
                let step = 6 * rowStride
                let r = gradientSix(
                    Vector(unalignedAt: p), Vector(unalignedAt: p + step), Vector(unalignedAt: p + 2 * step),
                    Vector(unalignedAt: p + 3 * step))
                let out = dyt + l * xiStride + t
                store(r.0, out, count: remaining)
                store(r.1, out + 6 * xiStride, count: remaining)
                store(r.2, out + 12 * xiStride, count: remaining)
                store(r.3, out + 18 * xiStride, count: remaining)
                store(r.4, out + 24 * xiStride, count: remaining)
                store(r.5, out + 30 * xiStride, count: remaining)
            }
        }
        return sums.sum()
    }

    // MARK: The products back to kernels

    /// `dW[o, c] = Gᵀ M[·][o][c] G` for every input channel `c` of output channel `o`, eight input
    /// channels at a time, into `dw[c · 9 + 3 · row + column]` (the kernels of output channel `o`).
    /// Reads up to 7 floats past the last product row (the caller's buffer has 16).
    static func transformProducts(
        _ m: UnsafePointer<Float>, outChannel o: Int, outChannels: Int, inChannels: Int,
        into dw: UnsafeMutablePointer<Float>
    ) {
        let xiStride = outChannels * inChannels
        for c in stride(from: 0, to: inChannels, by: lanes) {
            let base = m + o * inChannels + c
            func row(_ k: Int) -> Three {
                let p = base + 6 * k * xiStride
                return kernelThree(
                    (
                        Vector(unalignedAt: p), Vector(unalignedAt: p + xiStride),
                        Vector(unalignedAt: p + 2 * xiStride), Vector(unalignedAt: p + 3 * xiStride),
                        Vector(unalignedAt: p + 4 * xiStride), Vector(unalignedAt: p + 5 * xiStride)
                    ))
            }
            let (r0, r1, r2, r3, r4, r5) = (row(0), row(1), row(2), row(3), row(4), row(5))
            let column0 = kernelThree((r0.0, r1.0, r2.0, r3.0, r4.0, r5.0))
            let column1 = kernelThree((r0.1, r1.1, r2.1, r3.1, r4.1, r5.1))
            let column2 = kernelThree((r0.2, r1.2, r2.2, r3.2, r4.2, r5.2))
            for lane in 0..<min(lanes, inChannels - c) {
                let target = dw + (c + lane) * 9
                target[0] = column0.0[lane]
                target[1] = column1.0[lane]
                target[2] = column2.0[lane]
                target[3] = column0.1[lane]
                target[4] = column1.1[lane]
                target[5] = column2.1[lane]
                target[6] = column0.2[lane]
                target[7] = column1.2[lane]
                target[8] = column2.2[lane]
            }
        }
    }
}
