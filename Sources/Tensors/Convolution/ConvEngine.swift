/// Picks the algorithm for one convolution and runs it.
///
/// - Tiny problems (the book's examples, ≤ 4096 multiply-adds): ``ConvDirect``, no setup at all.
/// - 2-D problems with whole blocks of 16 output channels per group, an undilated kernel row,
///   input channels in blocks of 8 (or fewer than 8 under kernels of 25 taps or more, like the
///   7×7 RGB stem) and a padded copy at most twice the operands (``ConvBlocked/isSuitable(_:)``):
///   ``ConvBlocked``, a direct convolution over a channel-blocked
///   copy of the input with output channels in the vector lanes, as ONNX Runtime runs its NCHWc
///   convolutions. Against ``ConvShifted``, A/B in one process, one thread, CPU time: 3×3 over 64
///   channels at 56² 52 → 61–65 GFLOPS, over 128 channels at 28² 51 → 59–62; the 7×7 stride-2
///   RGB stem on par (53–58 against 53–60). Where the CPU has AVX-512 (``CPUFeatures``) its tiles
///   run through the 16-lane kernel of `TensorsWide`: one thread, CPU time, A/B in one process,
///   1.2–1.65× the 8-lane kernel (3×3 over 64 channels at 56² 79 → 129 GFLOPS). 1×1 kernels too, since its walks sum many blocks per
///   call: on `pw1x1_c256_14`, two threads, A/B in one process, 101 GFLOPS against 44 for the
///   OpenBLAS product below (whose speed depends on the CPU OpenBLAS recognizes: 0.3.21 takes
///   this machine's Xeon for a "Prescott" and runs SSE3 kernels; on Zen 3 it measured 95–109).
/// - Before ``ConvBlocked``, where the CPU has AVX-512: 3×3 stride-1 ungrouped
///   kernels over 64 channels or more each way go to ``WinogradF43`` (F(4×4, 3×3), a quarter of
///   the multiplies; `res3x3_c64_56` 1,511 → 1,226 µs, `res3x3_c128_28` 1,538 → 1,451, one thread,
///   CPU time; ``WinogradF43/isSuitable(_:)`` has the bounds and the two-thread numbers).
/// - Before that, where the CPU has AVX-512: inputs of few channels (not a multiple of 8) with
///   rows of 32 or more outputs at unit stride along the row (the 3×3 RGB stem) go to
///   ``ConvPlanar``, output positions in the lanes, stored straight into the output rows
///   (`stem3x3_c3_224`, one thread, CPU time, A/B in one process: 64 → 106 GFLOPS against the
///   16-lane ``ConvBlocked``, which spent 42% of its time transposing sums into the output).
/// - Next, where the CPU has AVX-512: rows of 16 to 32 outputs at unit stride along the row whose
///   output channels do not come in blocks of 16 (LeNet's first layer, 1 → 6 channels, 5×5 over
///   28 × 28) go to ``ConvPlanarPair``, two rows × 32 positions × 6 channels per tile.
/// - Before ``ConvBlocked``, where the CPU has AVX-512: small stride-1 layers whose row widths
///   ``ConvBatchLanesWideTile`` has a loop for, at a batch of sixteen or more (LeNet's second layer,
///   6 → 16 channels, 5×5 over 14 × 14), go to ``ConvBatchLanes``, sixteen images in the lanes.
/// - Before both, where the CPU has AVX-512: ungrouped 1×1 convolutions at stride 1 without
///   padding go to ``ConvPointwise``, `W · X` on the operands in place with output positions in
///   the lanes (`pw1x1_c256_14`, A/B in one process: one thread, CPU time, 121.7 → 133.4 GFLOPS
///   against ``ConvBlocked``, OpenBLAS 135.1; two threads on a busy machine, best samples 78 → 106,
///   OpenBLAS 69; two threads, quiet, medians on par: 156 against 156, best 195 against 188).
///   Since issue 21 over packed panels with a tail kernel for the plane's last positions
///   (``ConvPointwise/Tiling/packed``): one thread, CPU time, 15 samples, load 3–4, 132.7 →
///   146.0 GFLOPS against `pointwise-avx512` (6 × 64 tiles in place: 130.6).
/// - Other ungrouped 1×1 convolutions with stride 1 and no padding (``pointwiseGEMM``): one
///   OpenBLAS `sgemm` per image on the input in place, since the convolution is exactly that
///   product.
/// - Other 2-D problems with sums of 64 steps or more (``ConvShifted/isSuitable(_:)``): ``ConvShifted``,
///   our AVX2 6×16 micro-kernel reading each kernel tap from one padded, stride-phased copy of
///   the input (in place: 5–15% faster than ``ConvPacked`` on one thread on the 3×3 over 64
///   channels and the 7×7 stride-2 shapes, CPU time on a busy machine), or, for grouped 1×1
///   kernels, from panels packed per block straight from the input.
/// - Everything else: ``ConvPacked``, the same micro-kernel over input windows packed
///   straight into cache-sized panels (implicit im2col), threads splitting the output positions.
/// - ``im2colGEMM`` (an explicit im2col band, then `sgemm`) stays as a tested alternative: it
///   writes each input window twice and measured 23–37% slower than ``ConvShifted`` on the 3×3
///   shapes (two threads, A/B in one process).
enum ConvEngine {
    /// The algorithm chosen for a geometry; reported by the benchmark.
    enum Algorithm: String, Sendable, CaseIterable {
        case direct
        case pointwiseGEMM = "pointwise-gemm"
        case im2colGEMM = "im2col-gemm"
        case packed
        /// ``ConvBlocked``; on a geometry without a blocked layout it runs ``ConvShifted``.
        case blocked
        /// ``ConvBlocked`` with its tiling as before issue 21 (``ConvBlocked/Tiling/plain``).
        case blockedPlain = "blocked-plain"
        /// ``ConvBlocked`` with the 8-lane (AVX2) kernel whatever the CPU has.
        case blockedAVX2 = "blocked-avx2"
        /// ``ConvBlocked`` with the 16-lane (AVX-512) kernel; only valid where
        /// ``CPUFeatures/hasAVX512`` (elsewhere it runs the 8-lane kernel).
        case blockedAVX512 = "blocked-avx512"
        /// ``ConvBlocked`` with the 16-lane kernel on 32-filter blocks (``ConvBlocked/Tiling/tunedWide2``);
        /// AVX-512 only, as `blocked-avx512`.
        case blockedAVX512x2 = "blocked-avx512x2"
        /// ``ConvBlocked`` with the 16-lane kernel on 64-filter blocks (``ConvBlocked/Tiling/tunedWide4``);
        /// AVX-512 only, as `blocked-avx512`.
        case blockedAVX512x4 = "blocked-avx512x4"
        /// ``ConvBlocked`` with ``ConvBlocked/Tiling/tunedWide2Bands``; AVX-512 only.
        case blockedAVX512x2Bands = "blocked-avx512x2-bands"
        /// ``ConvBlocked`` with ``ConvBlocked/Tiling/tunedWide2Fine`` (more, smaller work items); AVX-512 only.
        case blockedAVX512x2Fine = "blocked-avx512x2-fine"
        /// ``ConvBlocked`` with ``ConvBlocked/Tiling/tunedWide2Split`` (a contiguous part of the rows
        /// per thread, copied as it goes); AVX-512 only.
        case blockedAVX512x2Split = "blocked-avx512x2-split"
        /// ``ConvPlanar``: output positions in the 16 lanes, for inputs of few channels; AVX-512
        /// only, as `blocked-avx512` (elsewhere, and on other geometries, it runs ``ConvBlocked``).
        case planar = "planar-avx512"
        /// ``ConvPlanarPair``: two output rows × 32 positions × up to 6 channels per tile, for rows
        /// of 16 to 32 outputs and output channels not in blocks of 16; AVX-512 only (elsewhere, and
        /// on other geometries, it runs ``ConvShifted``).
        case planarPair = "planar-pair-avx512"
        /// ``ConvBatchLanes``: sixteen images in the lanes, two output channels × one output row per
        /// tile, for the small layers ``ConvBatchLanesWideTile`` has row loops for; AVX-512 only
        /// (elsewhere, and on other geometries, it runs ``ConvBlocked``).
        case batchLanes = "batch-lanes-avx512"
        /// ``ConvBatchLanes8``: eight images in the 8 lanes of AVX2, one output row of one channel
        /// per tile, for the widths ``ImageLanes8Row`` has loops for (elsewhere ``ConvBlocked``); an
        /// A/B alternative, slower than ``ConvBlocked`` on LeNet so far (see ``ConvBatchLanes8``).
        case batchLanes8 = "batch-lanes-8"
        /// ``ConvPointwise``: a 1×1 convolution as `W · X` in place, output positions in the 16
        /// lanes; AVX-512 only, as `blocked-avx512` (on other geometries it runs ``ConvBlocked``).
        case pointwiseAVX512 = "pointwise-avx512"
        /// ``ConvPointwise`` with tiles of 6 channels × 64 positions (``ConvPointwise/Tiling/sixByFour``).
        case pointwiseAVX512x4 = "pointwise-avx512x4"
        /// ``ConvPointwise`` over packed panels with its tail kernel (``ConvPointwise/Tiling/packed``).
        case pointwiseAVX512Packed = "pointwise-avx512-packed"
        /// ``ConvShifted``; on a geometry without a shifted layout (3-D) it runs ``ConvPacked``.
        case shifted
        /// ``ConvShifted`` reading every tile in place, or packing every block's tiles, whatever
        /// ``ConvShifted/reading(for:)`` would choose (for side-by-side benchmarks).
        case shiftedInPlace = "shifted-in-place"
        case shiftedPacked = "shifted-packed"
        /// ``WinogradF43``: F(4×4, 3×3) for 3×3 stride-1 kernels, its 36 products as
        /// ``WinogradF43/defaultProducts(planeStride:)`` runs them; elsewhere (other geometries)
        /// ``ConvBlocked``.
        case winogradF43 = "winograd-f43"
        /// ``WinogradF43`` with 12 channels × 32 tiles per product tile (AVX-512).
        case winogradF43x2 = "winograd-f43-x2"
        /// ``WinogradF43`` with 6 channels × 64 tiles per product tile (AVX-512).
        case winogradF43x4 = "winograd-f43-x4"
        /// ``WinogradF43`` with its products as OpenBLAS `sgemm`s.
        case winogradF43GEMM = "winograd-f43-gemm"

        /// Whether the algorithm makes fewer multiplies than the direct count (the benchmark's
        /// GFLOPS are then "effective": the direct count over the time).
        var isFast: Bool { [.winogradF43, .winogradF43x2, .winogradF43x4, .winogradF43GEMM].contains(self) }
    }

    /// The engine's choice; without `winograd` as if ``WinogradF43`` did not exist (the input
    /// gradient's blocked path asks which direct kernel a geometry would get).
    static func algorithm(for g: ConvGeometry, winograd: Bool = true) -> Algorithm {
        if g.multiplyAdds <= ConvDirect.maximumMultiplyAdds { return .direct }
        if ConvPlanar.isSuitable(g) { return .planar }
        if winograd && WinogradF43.isSuitable(g) { return .winogradF43 }
        if ConvPlanarPair.isSuitable(g) { return .planarPair }
        if g.groups == 1 && ConvPointwise.isSuitable(g) { return .pointwiseAVX512Packed }
        if ConvBatchLanes.isSuitable(g) { return .batchLanes }
        // Without AVX-512, an ungrouped 1×1 kernel is one OpenBLAS product: `pw1x1_c256_14` on an
        // AMD EPYC (Zen 3, AVX2), A/B in one process (`bench conv --algorithms blocked,pointwise-gemm`),
        // one thread, CPU time, load 2.5: 852 µs blocked, 488 µs sgemm (ONNX Runtime 446 µs wall
        // on the quiet machine); two threads: see the note of issue 21's AVX2 round.
        if g.isPointwise && g.groups == 1 && !CPUFeatures.current.useAVX512 { return .pointwiseGEMM }
        if ConvBlocked.isSuitable(g) { return .blocked }
        // Grouped 1×1 kernels would make one small product per group; they stay with our kernel.
        if g.isPointwise && g.groups == 1 { return .pointwiseGEMM }
        return ConvShifted.isSuitable(g) ? .shifted : .packed
    }

    /// Computes the convolution into `output` (`batch · c_o · outPlane` elements), with the
    /// algorithm ``algorithm(for:)`` picks unless `forced` names another (tests run every
    /// algorithm on every shape; `.pointwiseGEMM` is only valid when `g.isPointwise`).
    ///
    /// `weightArray`, the array `weight` points into, lets `.blocked` keep its packed weights
    /// across calls (``ConvBlockedWeightCache``); the blocked algorithms named by their tiling
    /// (`blocked-avx512x2`, …) pack on every call, for A/B runs against it.
    static func run(
        _ g: ConvGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, forced: Algorithm? = nil,
        weightArray: [Float]? = nil
    ) {
        let outputCount = g.batch * g.outChannels * g.outPlane
        guard outputCount > 0 else { return }
        switch forced ?? algorithm(for: g) {
        case .direct:
            ConvDirect.run(g, input: input, weight: weight, bias: bias, output: output)
        case .pointwiseGEMM:
            fillBias(g, bias: bias, output: output)
            pointwise(g, input: input, weight: weight, accumulate: bias != nil, output: output)
        case .packed:
            ConvPacked.run(g, input: input, weight: weight, bias: bias, output: output)
        case .blocked:
            ConvBlocked.run(g, input: input, weight: weight, bias: bias, output: output, weightArray: weightArray)
        case .blockedPlain:
            ConvBlocked.run(g, input: input, weight: weight, bias: bias, output: output, tiling: .plain)
        case .blockedAVX2:
            ConvBlocked.run(g, input: input, weight: weight, bias: bias, output: output, tiling: .tunedNarrow)
        case .blockedAVX512:
            ConvBlocked.run(g, input: input, weight: weight, bias: bias, output: output, tiling: .tunedWide)
        case .blockedAVX512x2:
            ConvBlocked.run(g, input: input, weight: weight, bias: bias, output: output, tiling: .tunedWide2)
        case .blockedAVX512x4:
            ConvBlocked.run(g, input: input, weight: weight, bias: bias, output: output, tiling: .tunedWide4)
        case .blockedAVX512x2Bands:
            ConvBlocked.run(g, input: input, weight: weight, bias: bias, output: output, tiling: .tunedWide2Bands)
        case .blockedAVX512x2Fine:
            ConvBlocked.run(g, input: input, weight: weight, bias: bias, output: output, tiling: .tunedWide2Fine)
        case .blockedAVX512x2Split:
            ConvBlocked.run(g, input: input, weight: weight, bias: bias, output: output, tiling: .tunedWide2Split)
        case .planar:
            ConvPlanar.run(g, input: input, weight: weight, bias: bias, output: output)
        case .planarPair:
            ConvPlanarPair.run(g, input: input, weight: weight, bias: bias, output: output)
        case .batchLanes:
            ConvBatchLanes.run(g, input: input, weight: weight, bias: bias, output: output)
        case .batchLanes8:
            ConvBatchLanes.runNarrow(g, input: input, weight: weight, bias: bias, output: output)
        case .pointwiseAVX512:
            ConvPointwise.run(g, input: input, weight: weight, bias: bias, output: output)
        case .pointwiseAVX512x4:
            ConvPointwise.run(g, input: input, weight: weight, bias: bias, output: output, tiling: .sixByFour)
        case .pointwiseAVX512Packed:
            ConvPointwise.run(g, input: input, weight: weight, bias: bias, output: output, tiling: .packed)
        case .shifted:
            ConvShifted.run(g, input: input, weight: weight, bias: bias, output: output)
        case .shiftedInPlace:
            ConvShifted.run(g, input: input, weight: weight, bias: bias, output: output, reading: .inPlace)
        case .shiftedPacked:
            ConvShifted.run(g, input: input, weight: weight, bias: bias, output: output, reading: .packed)
        case .winogradF43, .winogradF43x2, .winogradF43x4, .winogradF43GEMM:
            guard WinogradF43.isApplicable(g) else {
                ConvBlocked.run(g, input: input, weight: weight, bias: bias, output: output)
                return
            }
            let products: WinogradF43.Products? =
                switch forced {
                case .winogradF43x2: .wide(vectors: 2)
                case .winogradF43x4: .wide(vectors: 4)
                case .winogradF43GEMM: .gemm
                default: nil
                }
            WinogradF43.run(g, input: input, weight: weight, bias: bias, output: output, products: products)
        case .im2colGEMM:
            fillBias(g, bias: bias, output: output)
            unfolded(g, input: input, weight: weight, accumulate: bias != nil, output: output)
        }
    }

    /// Starts every output channel at its bias, so the products can accumulate onto it.
    private static func fillBias(_ g: ConvGeometry, bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>) {
        guard let bias else { return }
        let plane = g.outPlane
        for n in 0..<g.batch {
            for co in 0..<g.outChannels {
                (output + (n * g.outChannels + co) * plane).initialize(repeating: bias[co], count: plane)
            }
        }
    }

    /// A 1×1 stride-1 unpadded convolution as one `sgemm` per image and group on the operands in
    /// place: `W · X`, or with `transposed` the input gradient `Wᵀ · dY` (``ConvBackward``).
    static func pointwise(
        _ g: ConvGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>, accumulate: Bool,
        output: UnsafeMutablePointer<Float>, transposed: Bool = false
    ) {
        let plane = g.outPlane
        let groupIn = g.inChannelsPerGroup
        let groupOut = g.outChannelsPerGroup
        // Transposed (the input gradient, `Wᵀ · dY`), the operand has c_o channels and the result c_i.
        let (rows, inner) = transposed ? (groupIn, groupOut) : (groupOut, groupIn)
        let (sourceChannels, targetChannels) =
            transposed ? (g.outChannels, g.inChannels) : (g.inChannels, g.outChannels)
        for n in 0..<g.batch {
            for group in 0..<g.groups {
                GEMM.multiply(
                    transposeA: transposed, m: rows, n: plane, k: inner,
                    a: weight + group * groupOut * groupIn, lda: groupIn,
                    b: input + (n * sourceChannels + group * inner) * plane, ldb: plane,
                    beta: accumulate ? 1 : 0,
                    c: output + (n * targetChannels + group * rows) * plane, ldc: plane)
            }
        }
    }

    /// Scratch budget for one band of the im2col matrix, in floats (a few MB stays in cache).
    static let bandElements = 1 << 19

    private static func unfolded(
        _ g: ConvGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>, accumulate: Bool,
        output: UnsafeMutablePointer<Float>
    ) {
        let patch = g.patchLength
        let plane = g.outPlane
        let groupOut = g.outChannelsPerGroup
        ConvColumnBands.forEachUnfolded(g, input: input) { n, group, band, scratch in
            let width = band.count * g.outWidth
            GEMM.multiply(
                m: groupOut, n: width, k: patch,
                a: weight + group * groupOut * patch, lda: patch,
                b: scratch, ldb: width,
                beta: accumulate ? 1 : 0,
                c: output + (n * g.outChannels + group * groupOut) * plane + band.lowerBound * g.outWidth, ldc: plane)
        }
    }
}
