import TensorsWide

extension WinogradF43 {
    /// How the 36 products `M_ξ = U_ξ · V_ξ` are computed.
    enum Products: Sendable {
        /// ``ConvPointwiseWideTile`` (AVX-512), output positions (tiles) in the lanes, panels of
        /// `vectors` vectors of tiles (2: 12 channels × 32 tiles; 4: 6 channels × 64 tiles).
        case wide(vectors: Int)
        /// One OpenBLAS `sgemm` per `ξ` and image.
        case gemm
    }

    /// Floats between two planes of tiles: `tiles` rounded up to whole vectors, so the products
    /// never run a partial vector.
    static func planeStride(_ g: ConvGeometry) -> Int {
        let (high, wide) = tileCounts(g)
        return (high * wide + 15) / 16 * 16
    }

    /// Floats between the starts of two `ξ` blocks of `planes` planes: the planes plus a gap of a
    /// cache line. Without it the 36 blocks lay a multiple of 4 KB apart wherever the channels
    /// are a multiple of 64 (res3x3_c64_56: 64 × 208 floats), so the transforms' 36 streams of
    /// loads or stores all met in one L1 set. Two threads, Zen 4, eight processes of each binary
    /// alternating, medians of their medians (µs): res64 forward 875 → 754, forward + backward
    /// 1,882 → 1,665; c128 forward 1,120 → 878, backward 2,245 → 1,946; one thread, CPU time, four
    /// processes each: res64 1,630 → 1,340, c128 1,814 → 1,600.
    static func xiStride(planes: Int, planeStride: Int) -> Int { planes * planeStride + xiGap }
    static let xiGap = 16

    /// Bytes the transformed input of one group of images may take, and its products (each of
    /// `V` and `M` at most this): the images of a group go through the input transform, the
    /// products and the output transform together, so a group is read back from L2 or near it
    /// rather than from memory. `res3x3_c64_56_n8` at one thread, CPU
    /// time, quiet (µs): all eight images at once (15 MB each of `V` and `M`) 12,971 against the
    /// blocked kernel's 12,595 (load 4–7); see ``isSuitable(_:)``.
    static let groupBytes = 4 << 20

    /// The convolution `g` (``isApplicable(_:)``) into `output` (NCHW): the weights transformed
    /// once, then per group of images (``groupBytes``, at least one image) the input, the 36
    /// products and the output transform, each a parallel pass over the group.
    ///
    /// With `flipped`, `g` is the forward geometry of a convolution's input gradient (`input` is
    /// dY) and `weight` that convolution's own kernels (``transformWeights(_:weight:flipped:into:)``).
    static func run(
        _ g: ConvGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
        output: UnsafeMutablePointer<Float>, flipped: Bool = false, products: Products? = nil,
        groupBytes: Int = groupBytes
    ) {
        let stride = planeStride(g)
        let perImage = 36 * max(g.inChannels, g.outChannels) * stride * MemoryLayout<Float>.size
        let images = max(1, min(g.batch, groupBytes / perImage))
        let uCount = 36 * g.outChannels * g.inChannels
        let vCount = 36 * xiStride(planes: images * g.inChannels, planeStride: stride)
        let mCount = 36 * xiStride(planes: images * g.outChannels, planeStride: stride) + 16
        let uBuffer = ParallelScratch.takeCacheAligned(uCount)
        let vBuffer = ParallelScratch.takeCacheAligned(vCount)
        let mBuffer = ParallelScratch.takeCacheAligned(mCount)
        defer {
            ParallelScratch.give(uBuffer)
            ParallelScratch.give(vBuffer)
            ParallelScratch.give(mBuffer)
        }
        let u = uBuffer.cacheAligned
        let v = vBuffer.cacheAligned
        let m = mBuffer.cacheAligned
        (m + mCount - 16).initialize(repeating: 0, count: 16)
        transformWeights(g, weight: weight, flipped: flipped, into: u)
        let chosen = products ?? defaultProducts(planeStride: stride)
        for first in Swift.stride(from: 0, to: g.batch, by: images) {
            var group = g
            group.batch = min(images, g.batch - first)
            transformInput(group, input: input + first * g.inChannels * g.inPlane, into: v, planeStride: stride)
            multiply(group, u: u, v: v, m: m, planeStride: stride, products: chosen)
            transformOutput(
                group, products: m, planeStride: stride, bias: bias, output: output + first * g.outChannels * g.outPlane
            )
        }
    }

    /// The products the engine runs: OpenBLAS on planes of 128 tiles or more, else (and only with
    /// AVX-512) the 16-lane pointwise tiles. A/B in one process, one thread, CPU time, quiet (µs,
    /// 6 × 64 tiles / OpenBLAS): `res3x3_c64_56` (196 tiles) 1,482 / 1,407, `res3x3_c64_56_n8`
    /// 14,463 / 12,749, `res3x3_c128_28` (49 tiles, planes of 64) 2,039 / 2,382; an earlier run at
    /// load 4–7 ordered them the same way (1,226 / 1,157; 12,971 / 11,009 all images at once;
    /// 1,451 / 1,666).
    static func defaultProducts(planeStride: Int) -> Products {
        CPUFeatures.current.useAVX512 && planeStride < 128 ? .wide(vectors: 4) : .gemm
    }

    /// `m[ξ, n] = u[ξ] · v[ξ, n]` for every `ξ` and image: `(c_o × c_i) · (c_i × planeStride)`.
    static func multiply(
        _ g: ConvGeometry, u: UnsafePointer<Float>, v: UnsafePointer<Float>, m: UnsafeMutablePointer<Float>,
        planeStride: Int, products: Products
    ) {
        let rows = g.outChannels
        let depth = g.inChannels
        let pairs = 36 * g.batch
        let vXi = xiStride(planes: g.batch * depth, planeStride: planeStride)
        let mXi = xiStride(planes: g.batch * rows, planeStride: planeStride)
        // The `(ξ, n)` pair's planes of `v` and of `m`.
        func planes(_ pair: Int) -> (v: UnsafePointer<Float>, m: UnsafeMutablePointer<Float>) {
            let (xi, n) = pair.quotientAndRemainder(dividingBy: g.batch)
            return (v + xi * vXi + n * depth * planeStride, m + xi * mXi + n * rows * planeStride)
        }
        // The 16-lane tiles need AVX-512 (a forced name may ask for them anyway).
        let products = CPUFeatures.current.useAVX512 ? products : .gemm
        switch products {
        case .gemm:
            // Each engine thread runs whole products on one OpenBLAS thread: threads setting and
            // restoring OpenBLAS's process-wide count around their own products would race.
            GEMM.withOneThreadPerProduct {
                Parallel.forEachClaimed(pairs) { items in
                    for item in items {
                        let xi = item / g.batch
                        let (b, c) = planes(item)
                        GEMM.multiply(
                            m: rows, n: planeStride, k: depth, a: u + xi * rows * depth, lda: depth,
                            b: b, ldb: planeStride, c: c, ldc: planeStride, onCallerThread: true)
                    }
                }
            }
        case .wide(let vectors):
            let panel = 16 * vectors
            let panels = (planeStride + panel - 1) / panel
            let threads = 36 * g.batch * rows * depth * planeStride < 1 << 20 ? 1 : Parallel.threadCount
            Parallel.forEachClaimed(pairs * panels, inline: threads == 1) { items in
                for item in items {
                    let (pair, panelIndex) = item.quotientAndRemainder(dividingBy: panels)
                    let xi = pair / g.batch
                    let w = u + xi * rows * depth
                    let (vPair, mPair) = planes(pair)
                    let column = panelIndex * panel
                    var start = column
                    var left = min(vectors, (planeStride - column) / 16)
                    while left > 0 {
                        let step = left >= 4 ? 4 : left >= 2 ? 2 : 1
                        let height = ConvPointwiseWideTile.rows(vectors: step)
                        var row = 0
                        while row < rows {
                            let rowCount = min(height, rows - row)
                            ConvPointwiseWideTile.run(
                                rows: rowCount, vectors: step, depth: depth, weight: w + row * depth,
                                weightStride: depth, input: vPair + start,
                                inputStride: planeStride, bias: nil,
                                output: mPair + row * planeStride + start, outputStride: planeStride)
                            row += rowCount
                        }
                        start += 16 * step
                        left -= step
                    }
                }
            }
        }
    }
}
