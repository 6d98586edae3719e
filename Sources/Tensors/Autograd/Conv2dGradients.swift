/// The parts of `conv2d`'s backward pass one at a time, as ``TrackedTensor/conv2d(input:weight:bias:stride:padding:dilation:groups:)``
/// runs them, for benchmarks that time each gradient (and compare weight-gradient algorithms)
/// side by side in one process. Not part of the engine's API.
@_spi(Benchmark) public enum Conv2dGradients {
    /// The weight-gradient algorithms by the name the benchmark reports.
    /// The input-gradient-only algorithm (``ConvInputRows``), for `bench grad --algorithms`; the
    /// names of ``ConvAlgorithmNames/all`` run the transposed convolution as a forward one.
    public static let inputRowsAlgorithm = "input-rows"
    /// ``ConvInputRows`` with its 8-lane (AVX2) loop even when the CPU has AVX-512, one image at a
    /// time (never eight images in the lanes), for A/B runs.
    public static let inputRowsNarrowAlgorithm = "input-rows-8"
    /// ``ConvInputRows`` with eight images in the 8 lanes of AVX2 (``ConvBatchLanes8``) where it has
    /// the widths, even when the CPU has AVX-512; the engine's choice without AVX-512.
    public static let inputLanesNarrowAlgorithm = "input-lanes-8"
    /// ``ConvInputRows`` with one image at a time in its 16-lane loop, never sixteen images in the
    /// lanes (``ConvInputBatchWideTile``), for A/B runs.
    public static let inputRowsRowwiseAlgorithm = "input-rows-16"
    /// Every name of the input-gradient-only algorithm.
    public static var inputRowsAlgorithms: [String] {
        [inputRowsAlgorithm, inputRowsNarrowAlgorithm, inputRowsRowwiseAlgorithm, inputLanesNarrowAlgorithm]
    }
    /// ``ConvInputPlanar`` (input positions in the lanes, few input channels; AVX-512).
    public static let inputPlanarAlgorithm = "input-planar"
    /// The input gradient without ``ConvInputRows``, ``ConvInputPlanar`` and ``WinogradF43``: the
    /// transposed convolution as the engine ran it before them, for A/B runs.
    public static let inputTransposedAlgorithm = "input-transposed"
    /// The transposed convolution as the engine runs it, but with the weights flipped into a copy
    /// that the forward kernel then packs, as before ``ConvInputBlocked`` packed them flipped in
    /// one pass, for A/B runs.
    public static let inputFlippedCopyAlgorithm = "input-flipped-copy"
    /// A 1×1 convolution's input gradient as one `sgemm` `Wᵀ · dY`, not our 16-lane kernel
    /// (``ConvPointwise/inputGradient(_:weight:outputGradient:into:)``), for A/B runs.
    public static let inputPointwiseGEMMAlgorithm = "input-pointwise-gemm"
    /// A 1×1 convolution's input gradient on our 16-lane kernel (the engine's choice on AVX-512),
    /// by name for A/B runs against ``inputPointwiseGEMMAlgorithm``.
    public static let inputPointwiseAlgorithm = "input-pointwise-avx512"
    /// The transposed convolution of a 3×3 stride-1 kernel through ``WinogradF43`` with the flipped
    /// weights transformed in place, wherever it applies (``inputTransposedAlgorithm`` and
    /// ``inputFlippedCopyAlgorithm`` never take it).
    public static let inputWinogradAlgorithm = "input-winograd"
    /// `Wᵀ · dY` per band of output rows folded back onto the input (col2im) even where the
    /// transposed convolution is a forward one, for A/B runs (the engine's choice where
    /// ``ConvBackward/foldsInputGradient(_:)`` holds; always at strides above 1).
    public static let inputFoldAlgorithm = "input-fold"
    /// Every input-gradient-only name (the forward pass runs the engine's choice).
    public static var inputAlgorithms: [String] {
        inputRowsAlgorithms + [
            inputPlanarAlgorithm, inputTransposedAlgorithm, inputFlippedCopyAlgorithm, inputPointwiseGEMMAlgorithm,
            inputPointwiseAlgorithm, inputWinogradAlgorithm, inputFoldAlgorithm,
        ]
    }

    public static var weightAlgorithms: [String] { ConvBackward.WeightAlgorithm.allCases.map(\.rawValue) }

    /// The gradient with respect to a batched `input` `(N, c_i, h, w)`, given the output gradient;
    /// `algorithm` (one of ``ConvAlgorithmNames/all``; nil: the engine's choice) runs the
    /// transposed convolution when it is a forward one (stride 1).
    public static func input(
        input: Tensor, weight: Tensor, outputGradient: Tensor, stride: ConvPair, padding: ConvPair,
        algorithm name: String? = nil
    ) throws(TensorError) -> Tensor {
        let g = try geometry(input: input, weight: weight, stride: stride, padding: padding)
        var forced: ConvEngine.Algorithm? = nil
        if let name, inputRowsAlgorithms.contains(name) {
            guard ConvInputRows.isSuitable(g) else {
                throw .value("conv2d: the input-gradient algorithm '\(name)' does not fit this shape")
            }
            return try ConvBackward.inputGradient(
                g, spatialRank: 2, weight: weight, outputGradient: outputGradient, rows: true,
                wideRows: name == inputRowsNarrowAlgorithm || name == inputLanesNarrowAlgorithm ? false : nil,
                imagesInLanes: name == inputRowsRowwiseAlgorithm || name == inputRowsNarrowAlgorithm ? false : nil)
        }
        if name == inputPlanarAlgorithm {
            guard CPUFeatures.current.hasAVX512, ConvInputPlanar.isSuitable(g) else {
                throw .value("conv2d: the input-gradient algorithm '\(inputPlanarAlgorithm)' does not fit this shape")
            }
            return try ConvBackward.inputGradient(
                g, spatialRank: 2, weight: weight, outputGradient: outputGradient, rows: false, planar: true)
        }
        if let name, name == inputPointwiseGEMMAlgorithm || name == inputPointwiseAlgorithm {
            guard g.isPointwise, name == inputPointwiseGEMMAlgorithm || ConvPointwise.isSuitable(g) else {
                throw .value(
                    "conv2d: the input-gradient algorithm '\(name)' needs a 1×1 kernel, stride 1, no padding "
                        + "(and for \(inputPointwiseAlgorithm) AVX-512 and planes of at least 16 positions)")
            }
            return try ConvBackward.inputGradient(
                g, spatialRank: 2, weight: weight, outputGradient: outputGradient, rows: false, planar: false,
                pointwiseGEMM: name == inputPointwiseGEMMAlgorithm)
        }
        if name == inputTransposedAlgorithm || name == inputFlippedCopyAlgorithm {
            return try ConvBackward.inputGradient(
                g, spatialRank: 2, weight: weight, outputGradient: outputGradient, rows: false, planar: false,
                packsFlipped: name == inputTransposedAlgorithm, winograd: false, folds: false)
        }
        if name == inputFoldAlgorithm {
            guard !g.isPointwise else {
                throw .value("conv2d: the input-gradient algorithm '\(inputFoldAlgorithm)' is not for 1×1 kernels")
            }
            return try ConvBackward.inputGradient(
                g, spatialRank: 2, weight: weight, outputGradient: outputGradient, rows: false, planar: false,
                winograd: false, folds: true)
        }
        if name == inputWinogradAlgorithm {
            guard WinogradF43.inputGradientGeometry(g) != nil else {
                throw .value("conv2d: the input-gradient algorithm '\(inputWinogradAlgorithm)' does not fit this shape")
            }
            return try ConvBackward.inputGradient(
                g, spatialRank: 2, weight: weight, outputGradient: outputGradient, rows: false, planar: false,
                winograd: true)
        }
        if let name {
            guard let known = ConvEngine.Algorithm(rawValue: name), known != .pointwiseGEMM || g.isPointwise else {
                throw .value("conv2d: no input-gradient algorithm named '\(name)' for this shape")
            }
            forced = known
        }
        return try ConvBackward.inputGradient(
            g, spatialRank: 2, weight: weight, outputGradient: outputGradient, forced: forced)
    }

    /// The gradient with respect to `weight`, with the algorithm named `algorithm` (one of
    /// ``weightAlgorithms``; nil: the engine's choice).
    public static func weight(
        input: Tensor, weight: Tensor, outputGradient: Tensor, stride: ConvPair, padding: ConvPair,
        algorithm name: String? = nil
    ) throws(TensorError) -> Tensor {
        let g = try geometry(input: input, weight: weight, stride: stride, padding: padding)
        let algorithm = try weightAlgorithm(named: name)
        let values = try ConvBackward.weightGradient(
            g, input: input, outputGradient: outputGradient, algorithm: algorithm)
        return Tensor(uncheckedShape: weight.shape, storage: .float32(values))
    }

    /// The gradients with respect to `weight` and the bias as the backward pass takes them when it
    /// wants both (the direct kernel sums the bias while it copies the output gradient), with the
    /// weight-gradient algorithm named `algorithm` (nil: the engine's choice).
    public static func weightAndBias(
        input: Tensor, weight: Tensor, outputGradient: Tensor, stride: ConvPair, padding: ConvPair,
        algorithm name: String? = nil
    ) throws(TensorError) -> (weight: Tensor, bias: Tensor) {
        let g = try geometry(input: input, weight: weight, stride: stride, padding: padding)
        let algorithm = try weightAlgorithm(named: name)
        let (values, bias) = try ConvBackward.weightAndBiasGradients(
            g, spatialRank: 2, input: input, outputGradient: outputGradient, algorithm: algorithm)
        return (Tensor(uncheckedShape: weight.shape, storage: .float32(values)), bias)
    }

    /// The gradient with respect to the bias: the output gradient summed over images and positions.
    public static func bias(outputGradient: Tensor) throws(TensorError) -> Tensor {
        try ConvBackward.biasGradient(outputGradient, spatialRank: 2)
    }

    /// The weight-gradient algorithm called `name` (nil: the engine's choice).
    private static func weightAlgorithm(named name: String?) throws(TensorError) -> ConvBackward.WeightAlgorithm? {
        guard let name else { return nil }
        guard let known = ConvBackward.WeightAlgorithm(rawValue: name) else {
            throw .value("conv2d: no weight-gradient algorithm named '\(name)'")
        }
        return known
    }

    private static func geometry(
        input: Tensor, weight: Tensor, stride: ConvPair, padding: ConvPair
    ) throws(TensorError) -> ConvGeometry {
        let arguments = ConvValidation.Arguments(
            stride: ConvTriple(1, stride.height, stride.width),
            padding: .explicit(ConvTriple(0, padding.height, padding.width)), dilation: 1, groups: 1)
        return try ConvValidation(op: "conv2d", spatialRank: 2).geometry(
            input: input, weight: weight, bias: nil, arguments: arguments
        ).0
    }
}
