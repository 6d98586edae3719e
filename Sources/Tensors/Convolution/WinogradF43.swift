/// Winograd's minimal filtering F(4×4, 3×3) (Lavin & Gray 2016) for 3×3 stride-1 convolutions:
/// each 4×4 tile of outputs comes from a 6×6 tile of input as `Y = Aᵀ [(G w Gᵀ) ⊙ (Bᵀ d B)] A`,
/// 36 multiplies per (input channel, output channel, tile) where the direct convolution takes
/// 144: the 36 elementwise products, summed over the input channels, are 36 independent 1×1
/// convolutions over planes of tiles (``WinogradF43Products``).
///
/// The matrices (the interpolation points 0, ±1, ±2 and ∞):
///
/// ```
/// Bᵀ = [4  0 -5  0 1 0]   G = [ 1/4     0     0]   Aᵀ = [1 1  1 1  1 0]
///      [0 -4 -4  1 1 0]       [-1/6  -1/6  -1/6]        [0 1 -1 2 -2 0]
///      [0  4 -4 -1 1 0]       [-1/6   1/6  -1/6]        [0 1  1 4  4 0]
///      [0 -2 -1  2 1 0]       [1/24  1/12   1/6]        [0 1 -1 8 -8 1]
///      [0  2 -1 -2 1 0]       [1/24 -1/12   1/6]
///      [0  4  0 -5 0 1]       [   0     0     1]
/// ```
///
/// Accuracy (`bench conv --accuracy`: N(0, 1) input, Kaiming-normal weights, no bias, against sums
/// in Double; largest error over the largest output / RMS error over the outputs' RMS):
///
/// | shape | blocked (direct) | Winograd F(4×4) | PyTorch 2.13 (`Benchmarks/peer_conv_accuracy.py`) |
/// |---|---|---|---|
/// | `res3x3_c64_56` | 9.1e-7 / 4.2e-7 | 5.3e-6 / 1.7e-6 | 2.9–3.4e-7 / 2.2e-7 |
/// | `res3x3_c128_28` | 1.0e-6 / 6.0e-7 | 9.1e-6 / 2.4e-6 | 2.6–3.0e-7 / 2.2e-7 |
///
/// So about 4–10× the direct kernel's error and under 1e-5 of the largest output: kept over
/// F(2×2, 3×3) (2.25× fewer multiplies instead of 4×), but a learner comparing digits with
/// PyTorch sees the sixth significant digit move on these layers. Points ±½ instead of ±2 are
/// known to halve the error (not tried).
///
/// The transforms run with 16 tiles of one tile row in the vector lanes; the input transform
/// first splits every padded input row into its four column phases (``PhaseRows``), so a lane's
/// six columns are six contiguous loads.
enum WinogradF43 {
    /// The side of a transformed tile (`4 + 3 − 1`).
    static let alpha = 6
    /// Output rows and columns per tile.
    static let tileSide = 4

    /// `Bᵀ` (6×6), rows of the input transform `V = Bᵀ d B`.
    static let inputMatrix: [[Float]] = [
        [4, 0, -5, 0, 1, 0],
        [0, -4, -4, 1, 1, 0],
        [0, 4, -4, -1, 1, 0],
        [0, -2, -1, 2, 1, 0],
        [0, 2, -1, -2, 1, 0],
        [0, 4, 0, -5, 0, 1],
    ]
    /// `G` (6×3), the weight transform `U = G w Gᵀ`.
    static let weightMatrix: [[Double]] = [
        [1.0 / 4, 0, 0],
        [-1.0 / 6, -1.0 / 6, -1.0 / 6],
        [-1.0 / 6, 1.0 / 6, -1.0 / 6],
        [1.0 / 24, 1.0 / 12, 1.0 / 6],
        [1.0 / 24, -1.0 / 12, 1.0 / 6],
        [0, 0, 1],
    ]
    /// `Aᵀ` (4×6), the output transform `Y = Aᵀ M A`.
    static let outputMatrix: [[Float]] = [
        [1, 1, 1, 1, 1, 0],
        [0, 1, -1, 2, -2, 0],
        [0, 1, 1, 4, 4, 0],
        [0, 1, -1, 8, -8, 1],
    ]

    /// Tile rows and tile columns: `ceil(outHeight / 4)`, `ceil(outWidth / 4)`.
    static func tileCounts(_ g: ConvGeometry) -> (high: Int, wide: Int) {
        ((g.outHeight + 3) / 4, (g.outWidth + 3) / 4)
    }

    /// Whether `g` is a convolution these transforms compute: 2-D, a 3×3 kernel, stride 1, no
    /// dilation, one group (any padding: reads outside the input are zeros).
    static func isApplicable(_ g: ConvGeometry) -> Bool {
        g.inDepth == 1 && g.kernelDepth == 1 && g.outDepth == 1 && g.padDepth == 0 && g.groups == 1
            && g.kernelHeight == 3 && g.kernelWidth == 3 && g.strideHeight == 1 && g.strideWidth == 1
            && g.dilationHeight == 1 && g.dilationWidth == 1
    }

    /// Transforms the input (`batch · c_i · h · w`, NCHW) into `v`: for output tile `(th, tw)`
    /// the 6×6 input rows `4·th − padHeight ..< +6` and columns `4·tw − padWidth ..< +6` (zeros
    /// outside the image) become `V = Bᵀ d B`, stored at
    /// `v[ξ · xiStride + (n · inChannels + c) · tiles + t]` with `ξ = 6 · row + column` of `V`,
    /// `t = th · tilesWide + tw` and ``xiStride(planes:planeStride:)`` of `batch · inChannels` planes.
    static func transformInput(_ g: ConvGeometry, input: UnsafePointer<Float>, into v: UnsafeMutablePointer<Float>) {
        let (high, wide) = tileCounts(g)
        transformInput(g, input: input, into: v, planeStride: high * wide)
    }

    /// ``transformInput(_:input:into:)`` with each `(ξ, n, c)` plane `planeStride ≥ tiles` floats
    /// apart; the floats between `tiles` and `planeStride` are set to zero.
    static func transformInput(
        _ g: ConvGeometry, input: UnsafePointer<Float>, into v: UnsafeMutablePointer<Float>, planeStride: Int
    ) {
        let (high, wide) = tileCounts(g)
        let planes = g.batch * g.inChannels
        guard planes > 0, high * wide > 0 else { return }
        let work = planes * high * wide * 36 * 64
        Parallel.forEachClaimed(planes, inline: work < 1 << 20) { items in
            let rows = PhaseRows(g, tilesHigh: high, tilesWide: wide)
            defer { rows.deallocate() }
            for item in items {
                rows.fill(from: input + item * g.inPlane)
                for th in 0..<high {
                    rows.transformTileRow(th, planes: planes, planeStride: planeStride, into: v + item * planeStride)
                }
                let tiles = high * wide
                if planeStride > tiles {
                    let xiStride = xiStride(planes: planes, planeStride: planeStride)
                    for xi in 0..<36 {
                        let padding = v + xi * xiStride + item * planeStride + tiles
                        padding.update(repeating: 0, count: planeStride - tiles)
                    }
                }
            }
        }
    }
}

extension WinogradF43 {
    /// The 1-D input transform `Bᵀ d` of six vectors, written to `out[0]`, `out[step]`, … .
    @inline(__always)
    static func inputTransform(
        _ d0: SIMD16<Float>, _ d1: SIMD16<Float>, _ d2: SIMD16<Float>, _ d3: SIMD16<Float>, _ d4: SIMD16<Float>,
        _ d5: SIMD16<Float>, into out: UnsafeMutablePointer<SIMD16<Float>>, step: Int
    ) {
        let four = SIMD16<Float>(repeating: 4)
        let five = SIMD16<Float>(repeating: 5)
        let t1 = d4 - four * d2
        let t2 = d3 - four * d1
        let t3 = d4 - d2
        let t4 = (d3 - d1) + (d3 - d1)
        out[0] = (four * d0 - five * d2) + d4
        out[step] = t1 + t2
        out[2 * step] = t1 - t2
        out[3 * step] = t3 + t4
        out[4 * step] = t3 - t4
        out[5 * step] = (four * d1 - five * d3) + d5
    }

    /// The 1-D output transform `Aᵀ m` of six vectors into four.
    @inline(__always)
    static func outputTransform(
        _ m0: SIMD16<Float>, _ m1: SIMD16<Float>, _ m2: SIMD16<Float>, _ m3: SIMD16<Float>, _ m4: SIMD16<Float>,
        _ m5: SIMD16<Float>
    ) -> (SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>) {
        let a = m1 + m2
        let b = m1 - m2
        let c = m3 + m4
        let d = m3 - m4
        return (
            m0 + a + c,
            b + d + d,
            a + SIMD16<Float>(repeating: 4) * c,
            b + SIMD16<Float>(repeating: 8) * d + m5
        )
    }

    /// Stores the first `count` lanes of `value` at `target`.
    @inline(__always)
    static func store(_ value: SIMD16<Float>, to target: UnsafeMutablePointer<Float>, count: Int) {
        if count == 16 {
            UnsafeMutableRawPointer(target).storeBytes(of: value, as: SIMD16<Float>.self)
        } else {
            for lane in 0..<count { target[lane] = value[lane] }
        }
    }
}

extension WinogradF43 {
    /// Whether the engine takes ``WinogradF43`` for `g`: AVX-512, 64 channels or more each way,
    /// and one image's transformed planes within ``groupBytes`` (larger batches run in groups of
    /// images).
    ///
    /// Measured against the blocked direct kernel (A/B in one process, one thread, CPU time, load
    /// 4–7; µs, blocked → Winograd with 6 × 64 product tiles / 12 × 32 / OpenBLAS products):
    /// `res3x3_c64_56` 1,511 → 1,226 / 1,254 / 1,157; `res3x3_c128_28` 1,538 → 1,451 / 1,546 / 1,666;
    /// `res3x3_c64_56_n8` 12,595 → 12,971 / 13,113 / 11,009 with all eight images in one pass (15 MB
    /// of transformed input and products that do not stay in cache between the passes; now run in
    /// groups of images, ``groupBytes``).
    /// At two threads too, on a quiet Zen 4 (AVX-512, two cores; wall medians, µs, blocked →
    /// Winograd): res64 1,372 → 838, c128 1,442 → 1,217, n8 11,725 → 7,617 (run alone, or with the
    /// scratch pool keeping its larger buffers, ``ScratchShelf``). It had been one thread only
    /// after a run on a loaded two-thread Xeon (res64 1,765 against 2,367 / 1,912). Which products
    /// run: ``defaultProducts(planeStride:)``.
    static func isSuitable(_ g: ConvGeometry) -> Bool {
        guard CPUFeatures.current.useAVX512, isApplicable(g), g.inChannels >= 64, g.outChannels >= 64
        else { return false }
        let planes = 36 * max(g.inChannels, g.outChannels) * planeStride(g)
        return planes * MemoryLayout<Float>.size <= groupBytes
    }
}

extension WinogradF43 {
    /// The forward geometry of `g`'s input gradient, `dX = conv(dY, W′)` with
    /// `W′[c, o] = flip(W[o, c])` and padding `2 − p`, when `g` is a convolution these transforms
    /// compute and its padding is at most 2 (else nil).
    static func inputGradientGeometry(_ g: ConvGeometry) -> ConvGeometry? {
        guard isApplicable(g), g.padHeight <= 2, g.padWidth <= 2, g.outHeight == g.inHeight + 2 * g.padHeight - 2,
            g.outWidth == g.inWidth + 2 * g.padWidth - 2
        else { return nil }
        var t = g
        (t.inChannels, t.outChannels) = (g.outChannels, g.inChannels)
        (t.inHeight, t.inWidth, t.outHeight, t.outWidth) = (g.outHeight, g.outWidth, g.inHeight, g.inWidth)
        (t.padHeight, t.padWidth) = (2 - g.padHeight, 2 - g.padWidth)
        return t
    }
}
