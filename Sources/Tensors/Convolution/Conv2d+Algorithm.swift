/// The convolution algorithms by name, for benchmarks that compare them side by side in one
/// process (`convbook bench conv --algorithms packed,shifted`). Not part of the engine's API.
@_spi(Benchmark) public enum ConvAlgorithmNames {
    /// Every algorithm the engine has, by the name the benchmark reports.
    public static var all: [String] { ConvEngine.Algorithm.allCases.map(\.rawValue) }

    /// Whether the algorithm named `name` makes fewer multiplies than the direct count (Winograd),
    /// so GFLOPS counted the direct way are "effective" ones.
    public static func hasFewerMultiplies(_ name: String) -> Bool {
        ConvEngine.Algorithm(rawValue: name)?.isFast ?? false
    }

    /// The name of the algorithm the engine picks for `conv2d` of these operands (ungrouped,
    /// undilated).
    public static func chosen(
        input: Tensor, weight: Tensor, stride: ConvPair, padding: ConvPadding2D
    ) throws(TensorError) -> String {
        let (g, _) = try conv2dGeometry(
            input: input, weight: weight, bias: nil, stride: stride, padding: padding, dilation: ConvPair(1),
            groups: 1)
        return ConvEngine.algorithm(for: g).rawValue
    }
}

/// `conv2d` run with the algorithm named `algorithm` (one of ``ConvAlgorithmNames/all``)
/// instead of the engine's choice.
///
/// - Throws: ``TensorError`` for an unknown name, for `pointwise-gemm` on a convolution that is
///   not a plain 1×1 product, for the `blocked-avx512` kinds without AVX-512, and for everything plain
///   `conv2d` rejects.
@_spi(Benchmark) public func conv2d(
    input: Tensor, weight: Tensor, bias: Tensor?, stride: ConvPair, padding: ConvPadding2D, algorithm name: String
) throws(TensorError) -> Tensor {
    guard let algorithm = ConvEngine.Algorithm(rawValue: name) else {
        throw .value("conv2d: no algorithm named '\(name)'; known: \(ConvAlgorithmNames.all.joined(separator: ", "))")
    }
    if [
        .blockedAVX512, .blockedAVX512x2, .blockedAVX512x4, .blockedAVX512x2Bands, .blockedAVX512x2Fine,
        .blockedAVX512x2Split, .planar, .planarPair, .batchLanes,
        .pointwiseAVX512, .pointwiseAVX512x4, .winogradF43x2, .winogradF43x4, .pointwiseAVX512Packed,
    ]
    .contains(algorithm)
        && !CPUFeatures.current.hasAVX512
    {
        throw .value("conv2d: \(name) needs AVX-512, which this CPU (or its operating system) does not offer")
    }
    if algorithm == .pointwiseGEMM {
        var padded = false
        if case .explicit(let pad) = padding { padded = pad != ConvPair(0) }
        guard weight.shape.count == 4, weight.shape[2] == 1, weight.shape[3] == 1, stride == ConvPair(1), !padded
        else { throw .value("conv2d: pointwise-gemm needs a 1×1 kernel, stride 1 and no padding") }
    }
    return try conv2d(
        input: input, weight: weight, bias: bias, stride: stride, padding: padding, dilation: 1, groups: 1,
        algorithm: algorithm, cachesPacking: true)
}
