/// The weight gradient of a 3×3 stride-1 convolution through Winograd F(4×4, 3×3).
///
/// The forward pass in Winograd form is `Y_tile = Aᵀ [Σ_ci (G w Gᵀ) ⊙ V] A` with `V = Bᵀ d B` on
/// overlapping 6 × 6 input tiles (stride 4) and 4 × 4 output tiles. Its gradient with respect to
/// `w` is the convolution's weight gradient (Winograd is exact in real arithmetic):
///
///     dW[co, ci] = Gᵀ (Σ_{n, tiles} (A dY_tile Aᵀ) ⊙ V[ci]) G
///
/// with `dY_tile` the 4 × 4 tile of the output gradient (zeros beyond its edge). So the input and
/// the output gradient are transformed to 6 × 6 tiles, the 36 products
/// `M_ξ[co][ci] = Σ_n Σ_t dYᵀ_ξ[n][co][t] · V_ξ[n][ci][t]` are one `sgemm` each per image (a 1×1
/// convolution's weight gradient with the tiles as positions), and `Gᵀ M G` turns each 6 × 6 `M`
/// back into a 3 × 3 kernel: 36 · 16 / (16 · 9) = 4 times fewer multiply-adds than the direct
/// kernel (``ConvWeightGradient``), plus the transforms.
///
/// Threads first share the transforms of a group of images (claimed channel by channel), then
/// the 36 products (each on one OpenBLAS thread), then the output transform.
enum ConvWeightGradientWinograd {
    /// Floats of transformed tiles (input and output gradient) per group of images: 4 MB, about
    /// this machine's L2 (2 MB a core), and one image of res3x3_c64_56 (3.6 MB) at a time.
    /// Groups of 4 such images (14 MB, from L3) made `res3x3_c64_56_n8` 8 % slower than the
    /// direct kernel (one thread, 15.5 against 14.4 ms).
    static let groupFloats = 1 << 20

    /// Whether ``ConvBackward/weightAlgorithm(for:)`` takes it: where the forward does
    /// (``WinogradF43/isSuitable(_:)``: AVX-512, 64 channels or more each way) and one image's transformed tiles fit a group (``groupFloats``), so its
    /// scratch stays bounded (a 224 × 224 image of 64 → 64 channels would take 58 MB).
    static func isChosen(_ g: ConvGeometry) -> Bool {
        let tiles = WinogradTiling(outHeight: g.outHeight, outWidth: g.outWidth).tiles
        return WinogradF43.isSuitable(g) && isSuitable(g)
            && 36 * (g.inChannels + g.outChannels) * tiles <= groupFloats
    }

    /// Whether the geometry is one ``WinogradF43`` computes (2-D, 3 × 3, stride 1, undilated,
    /// ungrouped) and nothing in it is empty.
    static func isSuitable(_ g: ConvGeometry) -> Bool {
        WinogradF43.isApplicable(g) && g.outHeight > 0 && g.outWidth > 0 && g.inChannels > 0 && g.outChannels > 0
            && g.batch > 0
    }

    /// Writes the gradient with respect to the weight, `(c_o, c_i, 3, 3)` row-major, into `dw`,
    /// and with `bias` the output gradient summed per channel into it (`c_o` floats);
    /// `groupFloats` bounds the transformed tiles of one group of images (tests make it small).
    ///
    /// - Precondition: ``isSuitable(_:)``.
    static func run(
        _ g: ConvGeometry, input: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
        into dw: UnsafeMutablePointer<Float>, bias: UnsafeMutablePointer<Float>? = nil,
        groupFloats: Int = groupFloats
    ) {
        precondition(isSuitable(g), "ConvWeightGradientWinograd needs a 3 × 3 stride-1 2-D geometry")
        let tiling = WinogradTiling(outHeight: g.outHeight, outWidth: g.outWidth)
        let tiles = tiling.tiles
        let inChannels = g.inChannels
        let outChannels = g.outChannels
        let perImage = 36 * (inChannels + outChannels) * tiles
        let images = max(1, min(g.batch, groupFloats / perImage))
        let inline = g.multiplyAdds < 1 << 18 || Parallel.threadCount == 1

        // Each of the two holds 36 blocks, one per ξ, ``WinogradF43/xiStride(planes:planeStride:)`` apart.
        let transformed = ParallelScratch.takeCacheAligned(images * perImage + 2 * 36 * WinogradF43.xiGap)
        defer { ParallelScratch.give(transformed) }
        let v = transformed.cacheAligned
        let dyt = v + 36 * WinogradF43.xiStride(planes: images * inChannels, planeStride: tiles)
        // The 36 products, `M[ξ][co][ci]`, and 16 spare floats read past the last row by the
        // output transform's last vector.
        let productCount = 36 * outChannels * inChannels
        let productBuffer = ParallelScratch.takeCacheAligned(productCount + 16)
        defer { ParallelScratch.give(productBuffer) }
        let products = productBuffer.cacheAligned
        let imageSums = bias.map { _ in ParallelScratch.take(g.batch * outChannels) }
        defer { imageSums.map(ParallelScratch.give) }

        for first in stride(from: 0, to: g.batch, by: images) {
            let count = min(images, g.batch - first)
            let channels = inChannels + outChannels
            let vXi = WinogradF43.xiStride(planes: count * inChannels, planeStride: tiles)
            let dyXi = WinogradF43.xiStride(planes: count * outChannels, planeStride: tiles)
            Parallel.forEachClaimed(count * channels, inline: inline) { items in
                let scratch = ParallelScratch.takeCacheAligned(tiling.scratchCount)
                defer { ParallelScratch.give(scratch) }
                let rows = PhaseRows(g, tilesHigh: tiling.tilesHigh, tilesWide: tiling.tilesWide)
                defer { rows.deallocate() }
                for item in items {
                    let n = item / channels
                    let channel = item - n * channels
                    if channel < inChannels {
                        rows.fill(from: input + ((first + n) * inChannels + channel) * g.inPlane)
                        for th in 0..<tiling.tilesHigh {
                            rows.transformTileRow(
                                th, planes: count * inChannels, planeStride: tiles,
                                into: v + (n * inChannels + channel) * tiles)
                        }
                    } else {
                        let o = channel - inChannels
                        let sum = transformGradient(
                            plane: dy + ((first + n) * outChannels + o) * g.outPlane, height: g.outHeight,
                            width: g.outWidth, tiling: tiling, into: dyt + (n * outChannels + o) * tiles,
                            xiStride: dyXi, scratch: scratch.cacheAligned)
                        imageSums?.pointer[(first + n) * outChannels + o] = sum
                    }
                }
            }
            GEMM.withOneThreadPerProduct {
                Parallel.forEachClaimed(36, inline: inline) { items in
                    for xi in items {
                        for n in 0..<count {
                            GEMM.multiply(
                                transposeB: true, m: outChannels, n: inChannels, k: tiles,
                                a: dyt + xi * dyXi + n * outChannels * tiles, lda: tiles,
                                b: v + xi * vXi + n * inChannels * tiles, ldb: tiles,
                                beta: first == 0 && n == 0 ? 0 : 1,
                                c: products + xi * outChannels * inChannels, ldc: inChannels, onCallerThread: true)
                        }
                    }
                }
            }
        }
        if let bias, let imageSums {
            bias.initialize(repeating: 0, count: outChannels)
            for n in 0..<g.batch {
                for o in 0..<outChannels { bias[o] += imageSums.pointer[n * outChannels + o] }
            }
        }
        Parallel.forEachClaimed(outChannels, inline: inline) { items in
            for o in items {
                transformProducts(
                    products, outChannel: o, outChannels: outChannels, inChannels: inChannels,
                    into: dw + o * inChannels * 9)
            }
        }
    }
}

/// How a plane of `outHeight × outWidth` outputs is cut into 4 × 4 tiles.
struct WinogradTiling {
    let tilesHigh: Int
    let tilesWide: Int
    /// `tilesHigh · tilesWide`, tile `(th, tw)` at `th · tilesWide + tw`.
    let tiles: Int
    /// `tiles` rounded up to a multiple of 16 (whole vectors): the row stride of the gathering scratch.
    let paddedTiles: Int

    init(outHeight: Int, outWidth: Int) {
        tilesHigh = (outHeight + 3) / 4
        tilesWide = (outWidth + 3) / 4
        tiles = tilesHigh * tilesWide
        paddedTiles = (tiles + 15) / 16 * 16
    }

    /// Floats of scratch the output gradient's transform of one channel needs (16 gathered rows
    /// of tiles, then 24 rows of half-transformed ones).
    var scratchCount: Int { 40 * paddedTiles }
}
