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
        try testCase.check(algorithm: nil)
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
}
