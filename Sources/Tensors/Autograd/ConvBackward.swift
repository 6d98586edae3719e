/// The backward pass of a convolution, over the engine's own machinery.
///
/// - The input gradient is a transposed convolution. With stride 1 and padding no larger than
///   the dilated kernel it *is* a forward convolution of the output gradient with the kernels
///   flipped and their channel axes swapped, so it runs on the packed forward kernel.
///   Otherwise each band of the column matrix `Wᵀ · dY` comes from one `sgemm` and is folded
///   back onto the input (col2im, the adjoint of im2col).
/// - The weight gradient of a 2-D convolution comes from a direct kernel (``ConvWeightGradient``);
///   in 3-D it is `dY · colsᵀ` per image and group: im2col bands (``Im2col``) and `sgemm`.
/// - The bias gradient is a sum over images and positions, taken while the direct weight-gradient
///   kernel copies the output gradient when both are wanted.
enum ConvBackward {
    /// The gradient with respect to the input, `(N, c_i, in…)` row-major, for a batched geometry;
    /// `forced` names the algorithm of the transposed convolution when it runs as a forward one,
    /// `rows` whether ``ConvInputRows`` may take it, `wideRows` at which width and `imagesInLanes`
    /// whether with images in the lanes, `planar` whether ``ConvInputPlanar`` may (nil: the engine's choice),
    /// `packsFlipped` whether ``ConvInputBlocked`` may (else the flipped weights are copied first),
    /// `pointwiseGEMM` whether a 1×1 convolution's gradient is one `sgemm` even with AVX-512,
    /// `winograd` whether ``WinogradF43`` may take a 3×3 stride-1 one (nil:
    /// ``WinogradF43/isSuitable(_:)`` on the transposed geometry, as for a forward convolution:
    /// `bench grad --algorithms input-transposed,input-winograd` on a quiet Zen 4 (µs):
    /// `res3x3_c128_28` (49 tiles) one thread, CPU time, 2,575 → 1,786, two threads 1,467 → 1,135;
    /// `res3x3_c64_56` two threads 1,565 → 950; it had needed 128 tiles per image after a loaded
    /// Xeon run at one thread, c128 1,605 → 1,643), `folds` whether
    /// it is `Wᵀ · dY` folded back onto the input even where the transposed convolution is a
    /// forward one (nil: ``foldsInputGradient(_:)``).
    static func inputGradient(
        _ g: ConvGeometry, spatialRank: Int, weight: Tensor, outputGradient dy: Tensor,
        forced: ConvEngine.Algorithm? = nil, rows: Bool? = nil, wideRows: Bool? = nil, imagesInLanes: Bool? = nil,
        planar: Bool? = nil, packsFlipped: Bool = true, pointwiseGEMM: Bool = false, winograd: Bool? = nil,
        folds: Bool? = nil
    ) throws(TensorError) -> Tensor {
        let inputShape =
            spatialRank == 2
            ? [g.batch, g.inChannels, g.inHeight, g.inWidth]
            : [g.batch, g.inChannels, g.inDepth, g.inHeight, g.inWidth]
        let features = CPUFeatures.current
        if spatialRank == 2, planar ?? (forced == nil && features.useAVX512), features.hasAVX512,
            ConvInputPlanar.isSuitable(g)
        {
            return try planeGradient(weight: weight, outputGradient: dy, shape: inputShape) { w, dy, dx in
                ConvInputPlanar.run(g, weight: w, outputGradient: dy, into: dx)
            }
        }
        if spatialRank == 2, rows ?? (forced == nil), ConvInputRows.isSuitable(g) {
            return try planeGradient(weight: weight, outputGradient: dy, shape: inputShape) { w, dy, dx in
                ConvInputRows.run(
                    g, weight: w, outputGradient: dy, into: dx, wide: wideRows, imagesInLanes: imagesInLanes)
            }
        }
        if spatialRank == 2, forced == nil, winograd != false, let transposed = WinogradF43.inputGradientGeometry(g),
            winograd == true || WinogradF43.isSuitable(transposed)
        {
            return try planeGradient(weight: weight, outputGradient: dy, shape: inputShape) { w, dy, dx in
                WinogradF43.run(transposed, input: dy, weight: w, bias: nil, output: dx, flipped: true)
            }
        }
        if forced == nil, !g.isPointwise, folds ?? (spatialRank == 2 && foldsInputGradient(g)) {
            return try foldedInputGradient(g, shape: inputShape, weight: weight, outputGradient: dy)
        }
        if forced == nil, g.isPointwise {
            return try pointwiseInputGradient(
                g, shape: inputShape, weight: weight, outputGradient: dy, gemm: pointwiseGEMM)
        }
        if spatialRank == 2, forced == nil, packsFlipped, let transposed = ConvInputBlocked.transposed(g) {
            return try planeGradient(weight: weight, outputGradient: dy, shape: inputShape) { w, dy, dx in
                ConvInputBlocked.run(transposed, weight: w, outputGradient: dy, into: dx)
            }
        }
        if let fast = try transposedAsForward(g, spatialRank: spatialRank, weight: weight, dy: dy, forced: forced) {
            return try fast.reshape(inputShape)
        }
        return try foldedInputGradient(g, shape: inputShape, weight: weight, outputGradient: dy)
    }

    /// Whether the input gradient is `Wᵀ · dY` folded back onto the input (``foldColumns(_:weight:outputGradient:inputGradient:)``)
    /// though the transposed convolution is a forward one: without AVX-512 (where
    /// ``ConvInputPlanar`` takes such layers), for at most 4 input channels per group, whose
    /// transposed convolution would fill 3 of the 8 lanes of the forward kernels' output-channel
    /// vectors. `stem3x3_c3_224` (64 → 3 channels, 224 × 224), AMD EPYC (Zen 3, AVX2), one thread,
    /// CPU time, A/B in one process (`bench grad --algorithms input-transposed,input-fold`): see
    /// ``Conv2dGradients/inputFoldAlgorithm``.
    static func foldsInputGradient(_ g: ConvGeometry) -> Bool {
        !CPUFeatures.current.useAVX512 && g.inChannelsPerGroup <= 4
    }

    /// The input gradient as `Wᵀ · dY` per band of output rows, folded back onto the input (col2im).
    private static func foldedInputGradient(
        _ g: ConvGeometry, shape: [Int], weight: Tensor, outputGradient dy: Tensor
    ) throws(TensorError) -> Tensor {
        let count = try TensorLimits.elementCount(of: shape)
        var result = try ElementBuffer.repeating(Float(0), count: count, for: shape)
        let w = try weight.floats
        let gradient = try dy.floats
        result.withUnsafeMutableBufferPointer { dx in
            w.withUnsafeBufferPointer { w in
                gradient.withUnsafeBufferPointer { dy in
                    guard let dx = dx.baseAddress, let w = w.baseAddress, let dy = dy.baseAddress else { return }
                    foldColumns(g, weight: w, outputGradient: dy, inputGradient: dx)
                }
            }
        }
        return Tensor(uncheckedShape: shape, storage: .float32(result))
    }

    /// The input gradient of `shape` written by `kernel` from the weight and output-gradient
    /// floats into a new buffer admitted for it (the paths that write dX straight, with no
    /// transposed convolution).
    private static func planeGradient(
        weight: Tensor, outputGradient dy: Tensor, shape: [Int],
        _ kernel: (UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void
    ) throws(TensorError) -> Tensor {
        let count = try TensorLimits.elementCount(of: shape)
        let w = try weight.floats
        let gradient = try dy.floats
        let result = try ElementBuffer.uninitialized(count, for: shape) {
            (dx: inout UnsafeMutableBufferPointer<Float>, initialized: inout Int) in
            w.withUnsafeBufferPointer { w in
                gradient.withUnsafeBufferPointer { dy in
                    // With no weights or no output gradient (no channels) nothing reaches dX.
                    guard !w.isEmpty, !dy.isEmpty, let base = dx.baseAddress else { return dx.initialize(repeating: 0) }
                    kernel(w.baseAddress!, dy.baseAddress!, base)
                }
            }
            initialized = count
        }
        return Tensor(uncheckedShape: shape, storage: .float32(result))
    }

    /// The input gradient of a 1×1 stride-1 unpadded convolution: per image and group
    /// `dX = Wᵀ · dY`, with no flipped copy of the weights; on AVX-512 (unless `gemm`) our
    /// forward kernel with the weights read down their columns (``ConvPointwise/inputGradient(_:weight:outputGradient:into:)``),
    /// else one `sgemm` on the operands in place (`pw1x1_c256_14`, `bench grad` at one thread:
    /// 444 µs as a transposed forward convolution, PyTorch 229 µs). Ours against `sgemm`
    /// (`input-pointwise-gemm`), A/B in one process, one thread, CPU time, 15 samples, load 3–4:
    /// 176.6 / 181.5 µs and 175.9 / 180.3 µs in two runs.
    private static func pointwiseInputGradient(
        _ g: ConvGeometry, shape: [Int], weight: Tensor, outputGradient dy: Tensor, gemm: Bool
    ) throws(TensorError) -> Tensor {
        try planeGradient(weight: weight, outputGradient: dy, shape: shape) { w, dy, dx in
            if !gemm && ConvPointwise.isSuitable(g) {
                ConvPointwise.inputGradient(g, weight: w, outputGradient: dy, into: dx)
            } else {
                ConvEngine.pointwise(g, input: dy, weight: w, accumulate: false, output: dx, transposed: true)
            }
        }
    }

    /// The transposed convolution as a forward one, when stride is 1 and the padding fits:
    /// `dX = conv(dY, W')` with `W'[c, o] = flip(W[o, c])` and padding `d·(k − 1) − p`.
    private static func transposedAsForward(
        _ g: ConvGeometry, spatialRank: Int, weight: Tensor, dy: Tensor, forced: ConvEngine.Algorithm?
    ) throws(TensorError) -> Tensor? {
        let dims = [
            (g.strideDepth, g.padDepth, g.dilationDepth, g.kernelDepth, g.inDepth, g.outDepth),
            (g.strideHeight, g.padHeight, g.dilationHeight, g.kernelHeight, g.inHeight, g.outHeight),
            (g.strideWidth, g.padWidth, g.dilationWidth, g.kernelWidth, g.inWidth, g.outWidth),
        ]
        var padding: [Int] = []
        for (stride, pad, dilation, kernel, size, out) in dims {
            let reach = dilation * (kernel - 1)
            guard stride == 1, pad <= reach, out == size + 2 * pad - reach else { return nil }
            padding.append(reach - pad)
        }
        let flipped = try flippedTransposed(g, weight: weight)
        // Whether Winograd takes the input gradient was settled in ``inputGradient`` (its own
        // rule, or the A/B names that exclude it): here the engine chooses as if it did not exist.
        var algorithm = forced
        if algorithm == nil, let transposed = WinogradF43.inputGradientGeometry(g) {
            algorithm = ConvEngine.algorithm(for: transposed, winograd: false)
        }
        if spatialRank == 2 {
            let input = try dy.reshape([g.batch, g.outChannels, g.outHeight, g.outWidth])
            let kernels = try flipped.reshape([
                g.inChannels, g.outChannelsPerGroup, g.kernelHeight, g.kernelWidth,
            ])
            return try conv2d(
                input: input, weight: kernels, bias: nil, stride: 1,
                padding: .explicit(ConvPair(padding[1], padding[2])),
                dilation: ConvPair(g.dilationHeight, g.dilationWidth), groups: g.groups, algorithm: algorithm)
        }
        let input = try dy.reshape([g.batch, g.outChannels, g.outDepth, g.outHeight, g.outWidth])
        return try conv3d(
            input: input, weight: flipped, stride: 1,
            padding: .explicit(ConvTriple(padding[0], padding[1], padding[2])),
            dilation: ConvTriple(g.dilationDepth, g.dilationHeight, g.dilationWidth), groups: g.groups)
    }

    /// `W'[grp·c_i/g + c, o, taps] = W[grp·c_o/g + o, c, reversed taps]`, shaped
    /// `(c_i, c_o / groups, k_d, k_h, k_w)`.
    private static func flippedTransposed(_ g: ConvGeometry, weight: Tensor) throws(TensorError) -> Tensor {
        let w = try weight.floats
        let volume = g.kernelVolume
        let groupIn = g.inChannelsPerGroup
        let groupOut = g.outChannelsPerGroup
        let count = w.count
        let result = try ElementBuffer.uninitialized(count, for: weight.shape) {
            (buffer: inout UnsafeMutableBufferPointer<Float>, initialized: inout Int) in
            w.withUnsafeBufferPointer { w in
                guard let source = w.baseAddress, let target = buffer.baseAddress else { return }
                for group in 0..<g.groups {
                    for o in 0..<groupOut {
                        for c in 0..<groupIn {
                            let from = source + ((group * groupOut + o) * groupIn + c) * volume + volume - 1
                            let to = target + ((group * groupIn + c) * groupOut + o) * volume
                            for tap in 0..<volume { to[tap] = from[-tap] }
                        }
                    }
                }
            }
            initialized = count
        }
        return Tensor(
            uncheckedShape: [g.inChannels, groupOut, g.kernelDepth, g.kernelHeight, g.kernelWidth],
            storage: .float32(result))
    }

    /// The general transposed convolution: per image, group and band of output rows,
    /// `cols = W_gᵀ · dY_g` (one `sgemm`), then every column entry is added to the input
    /// element it was read from. Channels are split across threads, so writes never collide.
    private static func foldColumns(
        _ g: ConvGeometry, weight: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
        inputGradient dx: UnsafeMutablePointer<Float>
    ) {
        let patch = g.patchLength
        guard patch > 0, g.outDepth * g.outHeight > 0, g.outWidth > 0 else { return }
        let groupIn = g.inChannelsPerGroup
        let groupOut = g.outChannelsPerGroup
        ConvColumnBands.forEach(g) { n, group, band, scratch in
            let width = band.count * g.outWidth
            GEMM.multiply(
                transposeA: true, m: patch, n: width, k: groupOut,
                a: weight + group * groupOut * patch, lda: patch,
                b: dy + (n * g.outChannels + group * groupOut) * g.outPlane + band.lowerBound * g.outWidth,
                ldb: g.outPlane,
                c: scratch, ldc: width)
            let target = dx + (n * g.inChannels + group * groupIn) * g.inPlane
            Parallel.forEach(groupIn, minimumChunk: max(1, 16384 / max(1, g.kernelVolume * width))) { channels in
                for channel in channels {
                    fold(g, channel: channel, band: band, columns: scratch, plane: target + channel * g.inPlane)
                }
            }
        }
    }

    /// Adds the column-matrix rows of one input channel back onto its plane (col2im).
    private static func fold(
        _ g: ConvGeometry, channel: Int, band: Range<Int>, columns: UnsafePointer<Float>,
        plane: UnsafeMutablePointer<Float>
    ) {
        let width = band.count * g.outWidth
        for tap in 0..<g.kernelVolume {
            let kernelColumn = tap % g.kernelWidth
            let kernelRow = (tap / g.kernelWidth) % g.kernelHeight
            let kernelDepth = tap / (g.kernelHeight * g.kernelWidth)
            let shift = kernelColumn * g.dilationWidth - g.padWidth
            let first = min(g.outWidth, max(0, ceilDivide(-shift, g.strideWidth)))
            let last = max(first, min(g.outWidth, floorDivide(g.inWidth - 1 - shift, g.strideWidth) + 1))
            var source = columns + (channel * g.kernelVolume + tap) * width
            for q in band {
                defer { source += g.outWidth }
                let outputDepth = q / g.outHeight
                let outputRow = q % g.outHeight
                let id = outputDepth * g.strideDepth - g.padDepth + kernelDepth * g.dilationDepth
                let ih = outputRow * g.strideHeight - g.padHeight + kernelRow * g.dilationHeight
                guard id >= 0, id < g.inDepth, ih >= 0, ih < g.inHeight else { continue }
                let row = plane + (id * g.inHeight + ih) * g.inWidth + shift
                if g.strideWidth == 1 {
                    for ow in first..<last { row[ow] += source[ow] }
                } else {
                    for ow in first..<last { row[ow * g.strideWidth] += source[ow] }
                }
            }
        }
    }

    /// How the weight gradient is computed.
    enum WeightAlgorithm: String, CaseIterable, Sendable {
        /// ``ConvWeightGradient``, for 2-D problems.
        case direct
        /// ``ConvWeightGradient`` with its 8-lane tiles even when the CPU has AVX-512 (for A/B runs).
        case direct8 = "direct-8"
        /// ``ConvWeightGradient`` with one block of 16 channels per wide 3 × 3 tile, never two (for A/B runs).
        case direct16 = "direct-16"
        /// im2col bands and `sgemm` (``im2colWeightGradient(_:input:outputGradient:into:)``).
        case im2colGEMM = "im2col-gemm"
        /// ``ConvWeightGradientRows`` (output positions in the lanes, AVX-512) where it fits, else
        /// ``direct``.
        case rows = "rows-avx512"
        /// ``direct`` with the bias gradient in a pass of its own (for A/B runs).
        case directBiasPass = "direct-bias-pass"
        /// ``rows`` with tiles of 4 output channels for 5-wide kernels, never 3 (for A/B runs).
        case rows4 = "rows-avx512-4"
        /// ``rows`` with the bias gradient in a pass of its own (for A/B runs).
        case rowsBiasPass = "rows-avx512-bias-pass"
        /// ``rows`` with slabs of 4,096 positions whatever the tile's channels (for A/B runs).
        case rowsFixedSlabs = "rows-avx512-4096"
        /// ``direct`` with 7-wide kernels on the 8-lane tile of input offsets and each image's
        /// copies filled by one thread, as before the 7 × 7 stride-2 stem took 16-lane tiles
        /// (for A/B runs).
        case directBeforeStem = "direct-before-stem"
        /// ``direct`` with the 16-lane tiles' sums written lane by lane straight from their
        /// registers, not through an aligned scratch (for A/B runs).
        case directExtracting = "direct-extracting"
        /// ``ConvPointwise/weightGradient(_:input:outputGradient:into:)`` for 1×1 kernels at stride 1
        /// without padding (AVX-512; elsewhere im2col).
        case pointwise = "pointwise-avx512"
        /// ``ConvWeightGradientWinograd`` (Winograd F(4×4, 3×3)) where it fits (3 × 3, stride 1,
        /// ungrouped), else ``direct``.
        case winogradF43 = "winograd-f43"
    }

    /// The algorithm ``weightGradient(_:input:outputGradient:algorithm:)`` uses by default.
    /// Ungrouped 1×1 kernels are one `sgemm` per image on the operands in place
    /// (`pw1x1_c256_14`, A/B in one process: one thread, CPU time, 496 µs direct, 194 µs sgemm;
    /// two threads 603 and 210 µs; on an AMD EPYC without AVX-512, one thread, CPU time, load
    /// 2.5: 887 µs direct, 435 µs sgemm). The 3×3 shapes stay direct: sgemm won on one thread and
    /// lost on two (`res3x3_c64_56` 3.53 against 4.08 ms). Inputs of at most 4 channels per group
    /// on wide output rows (an RGB stem) take ``ConvWeightGradientRows``
    /// (`stem3x3_c3_224`, A/B in one process, one thread, CPU time: 6.49 ms direct, 3.59 ms rows;
    /// two threads, quiet: 4.29 and 2.28 ms; it lost on `res3x3_c64_56` (4.32 against 1.87 ms),
    /// `res3x3_c128_28` and LeNet's 28 × 28).
    /// LeNet's first layer (1 → 6 channels, 28 positions a row: 87.5 % of two vectors' lanes)
    /// takes it too since its sums stay in registers (one thread, CPU time, with the bias:
    /// 998 µs direct, 612 µs rows); rows that fill less than three quarters of their vectors
    /// (17–23 positions) stay direct.
    /// ``WeightAlgorithm/pointwise`` (our 16-lane kernel over transposed input panels) lost to
    /// the `sgemm` on `pw1x1_c256_14`: one thread, CPU time, 15 samples, load 3–4, 205.5 / 193.5
    /// and 202.8 / 192.4 µs in two runs (a test program timing the loop alone had it 3 % ahead),
    /// so it is there by name only.
    /// ``WeightAlgorithm/winogradF43`` where ``ConvWeightGradientWinograd/isChosen(_:)``. A/B in
    /// one process, CPU time, µs direct / Winograd, one thread, quiet (three runs): `res3x3_c64_56`
    /// 1,934 / 1,808, 2,061 / 1,933, 1,777 / 1,613; `res3x3_c128_28` 2,248 / 2,056, 1,703 / 1,531,
    /// 1,737 / 1,565; `res3x3_c64_56_n8` 16,457 / 14,481, 15,422 / 13,345, 16,723 / 13,682. At two
    /// threads, wall time, quiet Zen 4: res64 1,373 / 1,010, c128 1,422 / 1,140, n8 11,191 / 7,028
    /// (it had been one thread only after a run on a loaded Xeon: res64 1,669 / 1,713, n8
    /// 14,423 / 16,643). Its 36 products are 4 times fewer multiply-adds, but `sgemm` on 196 tiles
    /// runs them at about half the FMA peak and the transforms cost as much again.
    static func weightAlgorithm(for g: ConvGeometry) -> WeightAlgorithm {
        if g.isPointwise && g.groups == 1 && g.inDepth == 1 { return .im2colGEMM }
        let lanesUsed = 4 * g.outWidth >= 3 * 16 * ((g.outWidth + 15) / 16)
        if g.inChannelsPerGroup <= 4 && lanesUsed && ConvWeightGradientRows.isSuitable(g) { return .rows }
        if ConvWeightGradientWinograd.isChosen(g) { return .winogradF43 }
        return ConvWeightGradient.isSuitable(g) ? .direct : .im2colGEMM
    }

    /// The gradient with respect to the weight, `(c_o, c_i / groups, k…)` row-major, with
    /// `algorithm` (nil: ``weightAlgorithm(for:)``; `.direct` on a geometry it cannot take runs
    /// im2col).
    static func weightGradient(
        _ g: ConvGeometry, input: Tensor, outputGradient dy: Tensor, algorithm: WeightAlgorithm? = nil
    ) throws(TensorError) -> AdmittedElements<Float> {
        try weightGradient(g, input: input, outputGradient: dy, algorithm: algorithm, bias: nil)
    }

    /// The gradients with respect to the weight (as ``weightGradient(_:input:outputGradient:algorithm:)``)
    /// and the bias (as ``biasGradient(_:spatialRank:)``). ``ConvWeightGradient`` sums the bias
    /// while it copies the output gradient, with no pass of its own (``ConvWeightGradientRows``
    /// and ``ConvWeightGradientWinograd`` likewise, the latter while it transforms the output
    /// gradient); the other algorithms (and
    /// ``WeightAlgorithm/directBiasPass``) take that pass.
    static func weightAndBiasGradients(
        _ g: ConvGeometry, spatialRank: Int, input: Tensor, outputGradient dy: Tensor,
        algorithm: WeightAlgorithm? = nil
    ) throws(TensorError) -> (weight: AdmittedElements<Float>, bias: Tensor) {
        let chosen = algorithm ?? weightAlgorithm(for: g)
        let fused =
            spatialRank == 2 && chosen != .im2colGEMM && chosen != .directBiasPass && chosen != .rowsBiasPass
            && chosen != .pointwise
            && (ConvWeightGradientLayout(g) != nil
                || chosen == .winogradF43 && ConvWeightGradientWinograd.isSuitable(g))
            && g.patchLength > 0 && g.outHeight > 0 && g.outWidth > 0
        guard fused else {
            let weight = try weightGradient(g, input: input, outputGradient: dy, algorithm: chosen, bias: nil)
            return (weight, try biasGradient(dy, spatialRank: spatialRank))
        }
        var sums = try ElementBuffer.repeating(Float(0), count: g.outChannels, for: [g.outChannels])
        let weight = try sums.withUnsafeMutableBufferPointer { sums in
            Result { () throws(TensorError) in
                try weightGradient(g, input: input, outputGradient: dy, algorithm: chosen, bias: sums.baseAddress)
            }
        }.get()
        return (weight, Tensor(uncheckedShape: [g.outChannels], storage: .float32(sums)))
    }

    /// The gradients with respect to the weight and (with `bias`) the bias of a 2-D convolution from a
    /// described output gradient, each slab of its planes computed where ``ConvWeightGradientRows``
    /// reads it; `nil` when `g` takes another algorithm (``weightAlgorithm(for:)``) or the description
    /// is not of `g`'s output, and the gradient has to be written out.
    static func weightAndBiasGradients(
        _ g: ConvGeometry, input: Tensor, outputGradient dy: SigmoidPoolingGradient, bias: Bool
    ) throws(TensorError) -> (weight: AdmittedElements<Float>, bias: Tensor?)? {
        let pool = dy.geometry
        guard weightAlgorithm(for: g) == .rows, pool.planes == g.batch * g.outChannels,
            pool.inHeight == g.outHeight, pool.inWidth == g.outWidth
        else { return nil }
        var result = try ElementBuffer.repeating(
            Float(0), count: g.outChannels * g.patchLength, for: [g.outChannels, g.patchLength])
        var sums = try ElementBuffer.repeating(Float(0), count: g.outChannels, for: [g.outChannels])
        let x = try input.floats
        try dy.withPlanes { fill, prefetch in
            result.withUnsafeMutableBufferPointer { dw in
                sums.withUnsafeMutableBufferPointer { sums in
                    x.withUnsafeBufferPointer { x in
                        guard let dw = dw.baseAddress, let x = x.baseAddress else { return }
                        withoutActuallyEscaping(fill) { fill in
                            withoutActuallyEscaping(prefetch) { prefetch in
                                ConvWeightGradientRows.run(
                                    g, input: x, outputGradient: .planes(fill, prefetch: prefetch), into: dw,
                                    bias: bias ? sums.baseAddress : nil)
                            }
                        }
                    }
                }
            }
        }
        return (result, bias ? Tensor(uncheckedShape: [g.outChannels], storage: .float32(sums)) : nil)
    }

    /// The weight gradient, and with `bias` (the direct, rows and Winograd kernels) the bias gradient into it.
    private static func weightGradient(
        _ g: ConvGeometry, input: Tensor, outputGradient dy: Tensor, algorithm: WeightAlgorithm?,
        bias: UnsafeMutablePointer<Float>?
    ) throws(TensorError) -> AdmittedElements<Float> {
        let patch = g.patchLength
        var result = try ElementBuffer.repeating(Float(0), count: g.outChannels * patch, for: [g.outChannels, patch])
        guard patch > 0, g.outDepth * g.outHeight > 0, g.outWidth > 0 else { return result }
        let chosen = algorithm ?? weightAlgorithm(for: g)
        let direct = chosen != .im2colGEMM && chosen != .pointwise && ConvWeightGradientLayout(g) != nil
        let x = try input.floats
        let gradient = try dy.floats
        result.withUnsafeMutableBufferPointer { dw in
            x.withUnsafeBufferPointer { x in
                gradient.withUnsafeBufferPointer { dy in
                    guard let dw = dw.baseAddress, let x = x.baseAddress, let dy = dy.baseAddress else { return }
                    if chosen == .pointwise, ConvPointwise.fitsWeightGradient(g) {
                        ConvPointwise.weightGradient(g, input: x, outputGradient: dy, into: dw)
                    } else if chosen == .winogradF43, ConvWeightGradientWinograd.isSuitable(g) {
                        ConvWeightGradientWinograd.run(g, input: x, outputGradient: dy, into: dw, bias: bias)
                    } else if [.rows, .rows4, .rowsBiasPass, .rowsFixedSlabs].contains(chosen),
                        ConvWeightGradientRows.isSuitable(g)
                    {
                        ConvWeightGradientRows.run(
                            g, input: x, outputGradient: .buffer(dy), into: dw, bias: bias,
                            fourChannels: chosen == .rows4,
                            fixedSlabs: chosen == .rowsFixedSlabs)
                    } else if direct {
                        ConvWeightGradient.run(
                            g, input: x, outputGradient: dy, into: dw, bias: bias,
                            wide: chosen == .direct8 ? false : nil, pairs: chosen != .direct16,
                            wideSeven: chosen != .directBeforeStem, fillsByImage: chosen == .directBeforeStem,
                            extracting: chosen == .directExtracting)
                    } else {
                        im2colWeightGradient(g, input: x, outputGradient: dy, into: dw)
                    }
                }
            }
        }
        return result
    }

    /// `dW_g += dY_g · colsᵀ` over every image and band of output rows (`dw` starts at zero).
    private static func im2colWeightGradient(
        _ g: ConvGeometry, input x: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
        into dw: UnsafeMutablePointer<Float>
    ) {
        let patch = g.patchLength
        let groupIn = g.inChannelsPerGroup
        let groupOut = g.outChannelsPerGroup
        if g.isPointwise {
            // The input planes are the column matrix already.
            for n in 0..<g.batch {
                for group in 0..<g.groups {
                    GEMM.multiply(
                        transposeB: true, m: groupOut, n: patch, k: g.outPlane,
                        a: dy + (n * g.outChannels + group * groupOut) * g.outPlane, lda: g.outPlane,
                        b: x + (n * g.inChannels + group * groupIn) * g.inPlane, ldb: g.inPlane,
                        beta: 1, c: dw + group * groupOut * patch, ldc: patch)
                }
            }
            return
        }
        ConvColumnBands.forEachUnfolded(g, input: x) { n, group, band, scratch in
            let width = band.count * g.outWidth
            GEMM.multiply(
                transposeB: true, m: groupOut, n: patch, k: width,
                a: dy + (n * g.outChannels + group * groupOut) * g.outPlane + band.lowerBound * g.outWidth,
                lda: g.outPlane,
                b: scratch, ldb: width,
                beta: 1,
                c: dw + group * groupOut * patch, ldc: patch)
        }
    }

    /// The gradient with respect to the bias: `dy` (`(N, c_o, out…)`, or unbatched
    /// `(c_o, out…)`) summed over images and positions, per channel.
    static func biasGradient(_ dy: Tensor, spatialRank: Int) throws(TensorError) -> Tensor {
        let shape = dy.shape
        let batched = shape.count == spatialRank + 2
        let channels = shape[batched ? 1 : 0]
        let images = batched ? shape[0] : 1
        let plane = shape.suffix(spatialRank).reduce(1, *)
        let values = try dy.floats
        var sums = try ElementBuffer.repeating(Float(0), count: channels, for: [channels])
        values.withUnsafeBufferPointer { values in
            guard let base = values.baseAddress else { return }
            for n in 0..<images {
                for channel in 0..<channels {
                    sums[channel] += planeSum(base + (n * channels + channel) * plane, count: plane)
                }
            }
        }
        return Tensor(uncheckedShape: [channels], storage: .float32(sums))
    }

    /// The sum of `count` floats, eight lanes at a time.
    private static func planeSum(_ values: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = SIMD8<Float>()
        var i = 0
        while i + 8 <= count {
            lanes += UnsafeRawPointer(values + i).loadUnaligned(as: SIMD8<Float>.self)
            i += 8
        }
        var total = lanes.sum()
        while i < count {
            total += values[i]
            i += 1
        }
        return total
    }
}
