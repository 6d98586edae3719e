import Testing

@testable import Tensors

/// ``ConvPointwise`` (1×1 kernels as `W · X` in place, output positions in the 16 lanes,
/// AVX-512) against the naive reference.
@Suite("Pointwise 16-lane convolution against a naive reference")
struct ConvPointwiseTests {
    /// Random 1×1 problems: planes of 16–230 positions (whole 64-wide panels, tiles of 32 and 16
    /// and every remainder of the last vector), channel counts that leave every remainder of the
    /// 6-channel tile and of the 48-channel work item, groups, batches and no batch, with and
    /// without bias.
    static let cases: [ConvCase] = {
        var rng = ConvTestRNG(seed: 21_11)
        return (0..<24).map { index in
            let groups = rng.int(1...2)
            let height = rng.int(1...10)
            let width = max(1, (16 + rng.int(0...214)) / height + (height == 1 ? 0 : 1))
            let batchChoice = rng.int(0...2)
            return ConvCase(
                seed: UInt64(index), spatialRank: 2, batch: batchChoice == 0 ? nil : batchChoice, groups: groups,
                inChannels: groups * rng.int(1...20), outChannels: groups * rng.int(1...60),
                size: [1, height, width], kernel: [1, 1, 1], stride: [1, 1, 1], dilation: [1, 1, 1],
                padding: .explicit([0, 0, 0]), hasBias: rng.bool())
        }
    }()

    @Test(
        "every shape matches the reference",
        .enabled(if: CPUFeatures.current.hasAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: cases)
    func matchesReference(_ testCase: ConvCase) throws {
        let g = ConvBlockedTests.geometry(testCase)
        #expect(ConvPointwise.isSuitable(g) == (CPUFeatures.current.useAVX512 && g.outPlane >= 16))
        try testCase.check(algorithm: .pointwiseAVX512)
        try testCase.check(algorithm: .pointwiseAVX512x4)
        try testCase.check(algorithm: .pointwiseAVX512Packed)
        try testCase.check(algorithm: nil)
    }

    /// Planes of 1, 15, 16, 17, 49, 64 and 196 positions (no whole vector, one, a tail of 1, an odd
    /// count of vectors and a tail, whole panels only, `pw1x1_c256_14`'s 12 vectors and 4), channels
    /// below and past the packed tiles' 12 and 16 (the tail kernel's 16-channel steps and their
    /// remainder), groups, batches 1–3, with and without bias.
    static let packedCases: [ConvCase] = {
        var rng = ConvTestRNG(seed: 21_12)
        let planes = [(1, 1), (3, 5), (4, 4), (1, 17), (7, 7), (8, 8), (14, 14)]
        return planes.enumerated().flatMap { index, plane in
            [(1, 5, 7), (1, 40, 33), (2, 34, 26)].map { groups, inChannels, outChannels in
                ConvCase(
                    seed: UInt64(100 * index + inChannels), spatialRank: 2, batch: rng.int(1...3), groups: groups,
                    inChannels: inChannels, outChannels: outChannels, size: [1, plane.0, plane.1], kernel: [1, 1, 1],
                    stride: [1, 1, 1], dilation: [1, 1, 1], padding: .explicit([0, 0, 0]), hasBias: rng.bool())
            }
        }
    }()

    @Test(
        "packed panels and the tail kernel match the reference at one and two threads",
        .enabled(if: CPUFeatures.current.hasAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: packedCases, [1, 2])
    func packedMatchesReference(_ testCase: ConvCase, threads: Int) throws {
        try onThreads(threads) {
            try testCase.check(algorithm: .pointwiseAVX512Packed)
        }
    }

    /// 1×1 gradients on the planes of ``packedCases``, channels that leave every remainder of
    /// the 16-row vectors and the 48-row items (c_i 5, 17, 40, 100; 2 groups of 17).
    static let gradientCases: [ConvGradientCase] = {
        let planes = [(1, 1), (3, 5), (4, 4), (1, 17), (7, 7), (14, 14)]
        let channels = [(1, 5, 7), (1, 17, 33), (1, 40, 100), (2, 34, 26), (1, 100, 20)]
        return planes.enumerated().flatMap { index, plane in
            channels.enumerated().map { c, shape in
                ConvGradientCase(
                    seed: UInt64(10 * index + c), batch: 1 + (index + c) % 3, groups: shape.0, inChannels: shape.1,
                    outChannels: shape.2, size: plane, kernel: (1, 1), stride: (1, 1), dilation: (1, 1),
                    padding: (0, 0))
            }
        }
    }()

    @Test(
        "the input gradient Wᵀ · dY (16-lane kernel and sgemm) matches the reference at one and two threads",
        .enabled(if: CPUFeatures.current.hasAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: gradientCases, [1, 2])
    func inputGradientMatchesReference(_ testCase: ConvGradientCase, threads: Int) throws {
        try onThreads(threads) {
            let g = testCase.geometry
            let r = testCase.reference()
            let (x, w, dy) = try testCase.tensors(r)
            let shape = x.shape
            for gemm in [false, true] {
                let dx = try ConvBackward.inputGradient(
                    g, spatialRank: 2, weight: w, outputGradient: dy, pointwiseGEMM: gemm)
                expectClose(try dx.reshape(shape), r.dx, shape: shape)
            }
            // The kernel itself (the engine may send few channels elsewhere first).
            #expect(ConvPointwise.isSuitable(g) == (g.outPlane >= 16))
            guard ConvPointwise.isSuitable(g) else { return }
            var dx = [Float](repeating: .nan, count: r.dx.count)
            r.w.withUnsafeBufferPointer { w in
                r.dy.withUnsafeBufferPointer { dy in
                    dx.withUnsafeMutableBufferPointer { dx in
                        ConvPointwise.inputGradient(
                            g, weight: w.baseAddress!, outputGradient: dy.baseAddress!, into: dx.baseAddress!)
                    }
                }
            }
            expectClose(try Tensor(shape: shape, floats: dx), r.dx, shape: shape)
        }
    }

    @Test(
        "one and two threads give the same sums as the reference; other shapes fall back to the blocked kernel",
        .enabled(if: CPUFeatures.current.hasAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: [1, 2])
    func threads(_ threads: Int) throws {
        try onThreads(threads) {
            // 64 · 100 · 14² ≈ 1.3 M multiply-adds per image, 4 panels × 3 items: two threads split them.
            var pointwise = ConvCase(
                seed: 11, spatialRank: 2, batch: 2, groups: 1, inChannels: 64, outChannels: 100, size: [1, 14, 14],
                kernel: [1, 1, 1], stride: [1, 1, 1], dilation: [1, 1, 1], padding: .explicit([0, 0, 0]), hasBias: true)
            #expect(ConvPointwise.isSuitable(ConvBlockedTests.geometry(pointwise)) == CPUFeatures.current.useAVX512)
            try pointwise.check(algorithm: .pointwiseAVX512)
            try pointwise.check(algorithm: .pointwiseAVX512x4)
            // Stride 2 and planes narrower than a vector go to ConvBlocked.
            pointwise.stride = [1, 2, 2]
            #expect(!ConvPointwise.isSuitable(ConvBlockedTests.geometry(pointwise)))
            try pointwise.check(algorithm: .pointwiseAVX512)
            pointwise.stride = [1, 1, 1]
            pointwise.size = [1, 3, 5]
            #expect(!ConvPointwise.isSuitable(ConvBlockedTests.geometry(pointwise)))
            try pointwise.check(algorithm: .pointwiseAVX512)
        }
    }

    @Test(
        "the weight gradient dY · Xᵀ on the 16-lane kernel matches the reference at one and two threads",
        .enabled(if: CPUFeatures.current.hasAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: gradientCases, [1, 2])
    func weightGradientMatchesReference(_ testCase: ConvGradientCase, threads: Int) throws {
        try onThreads(threads) {
            #expect(ConvPointwise.fitsWeightGradient(testCase.geometry) == (testCase.geometry.outPlane >= 16))
            try testCase.check(weightAlgorithm: .pointwise)
        }
    }
}
