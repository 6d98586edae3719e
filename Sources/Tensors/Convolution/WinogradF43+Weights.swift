extension WinogradF43 {
    /// Writes `U = G w Gᵀ` for every (output channel `r`, input channel `k`) of `g` at
    /// `u[(ξ · outChannels + r) · inChannels + k]`, so each `ξ` is the OIHW weight of a 1×1
    /// convolution.
    ///
    /// With `flipped`, `g` is the forward geometry of a convolution's input gradient and `weight`
    /// that convolution's own `(c_o, c_i, 3, 3)` kernels: kernel `(r, k)` is then
    /// `flip(weight[k, r])`, read in place (no flipped copy). Sixteen input channels at a time run
    /// in the lanes.
    static func transformWeights(
        _ g: ConvGeometry, weight: UnsafePointer<Float>, flipped: Bool, into u: UnsafeMutablePointer<Float>
    ) {
        let rows = g.outChannels
        let depth = g.inChannels
        let groupsOfLanes = (depth + 15) / 16
        let xiStride = rows * depth
        Parallel.forEachClaimed(rows, inline: rows * depth < 1 << 12) { items in
            let taps = UnsafeMutablePointer<SIMD16<Float>>.allocate(capacity: 9 + 18 + 6)
            defer { taps.deallocate() }
            let gw = taps + 9
            let row = taps + 27
            // Lanes past `count` are never stored.
            let gathered = UnsafeMutablePointer<Float>.allocate(capacity: 9 * 16)
            gathered.initialize(repeating: 0, count: 9 * 16)
            defer { gathered.deallocate() }
            for r in items {
                for block in 0..<groupsOfLanes {
                    let first = block * 16
                    let count = min(16, depth - first)
                    // taps[3·a + b] lane l = kernel (r, first + l) at row a, column b: first copied
                    // tap-major into `gathered` by plain scalar moves, then loaded as vectors.
                    for l in 0..<count {
                        let k = first + l
                        if flipped {
                            let source = weight + (k * rows + r) * 9 + 8
                            for tap in 0..<9 { gathered[tap * 16 + l] = source[-tap] }
                        } else {
                            let source = weight + (r * depth + k) * 9
                            for tap in 0..<9 { gathered[tap * 16 + l] = source[tap] }
                        }
                    }
                    for tap in 0..<9 {
                        taps[tap] = UnsafeRawPointer(gathered + tap * 16).loadUnaligned(as: SIMD16<Float>.self)
                    }
                    // G w (6×3), then (G w) Gᵀ (6×6), column by column of w.
                    for b in 0..<3 { weightTransform(taps[b], taps[3 + b], taps[6 + b], into: gw + b, step: 3) }
                    let target = u + r * depth + first
                    for i in 0..<6 {
                        weightTransform(gw[3 * i], gw[3 * i + 1], gw[3 * i + 2], into: row, step: 1)
                        for j in 0..<6 { store(row[j], to: target + (6 * i + j) * xiStride, count: count) }
                    }
                }
            }
        }
    }

    /// The 1-D weight transform `G w` of three vectors into six, written to `out[0]`,
    /// `out[step]`, … .
    @inline(__always)
    static func weightTransform(
        _ w0: SIMD16<Float>, _ w1: SIMD16<Float>, _ w2: SIMD16<Float>, into out: UnsafeMutablePointer<SIMD16<Float>>,
        step: Int
    ) {
        let outer = w0 + w2
        let sixth = SIMD16<Float>(repeating: 1 / 6)
        let quarter = SIMD16<Float>(repeating: 1 / 4)
        let w0Quarter = w0 * quarter
        // (w0/4 + w2) / 6 ± w1 / 12 = (w0/24 + w1/12 + w2/6)
        let even = (w0Quarter + w2) * sixth
        let odd = w1 * SIMD16<Float>(repeating: 1 / 12)
        out[0] = w0Quarter
        out[step] = -(outer + w1) * sixth
        out[2 * step] = -(outer - w1) * sixth
        out[3 * step] = even + odd
        out[4 * step] = even - odd
        out[5 * step] = w2
    }
}
