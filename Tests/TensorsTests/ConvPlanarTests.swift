import Testing

@testable import Tensors

/// ``ConvPlanar`` (output positions in the 16 lanes, AVX-512) on the shapes it takes: few input
/// channels, rows at least 32 outputs wide.
@Suite("Planar 16-lane convolution against a naive reference")
struct ConvPlanarTests {
    /// Random problems with 1–5 input channels (never a multiple of 8), 16 or 32 output channels,
    /// output widths 32–80 (every remainder of the 32-wide tile, whose last tile overlaps the one
    /// before), kernels up to 7×7, row strides and dilations 1–2, padding, batches and no batch.
    static let cases: [ConvCase] = {
        var rng = ConvTestRNG(seed: 21_32)
        return (0..<24).map { index in
            let kernel = [1, rng.int(1...7), rng.int(1...7)]
            let stride = [1, rng.int(1...2), 1]
            let dilation = [1, rng.int(1...2), 1]
            let pads = [0, rng.int(0...3), rng.int(0...3)]
            let height = max(1, dilation[1] * (kernel[1] - 1) + 1 - 2 * pads[1]) + rng.int(0...6)
            let width = kernel[2] - 1 - 2 * pads[2] + 32 + rng.int(0...48)
            let batchChoice = rng.int(0...2)
            return ConvCase(
                seed: UInt64(index), spatialRank: 2, batch: batchChoice == 0 ? nil : batchChoice, groups: 1,
                inChannels: [1, 2, 3, 5][rng.int(0...3)], outChannels: 16 * rng.int(1...2),
                size: [1, height, max(1, width)], kernel: kernel, stride: stride, dilation: dilation,
                padding: .explicit(pads), hasBias: rng.bool())
        }
    }()

    @Test(
        "every shape matches the reference, forced and chosen",
        .enabled(if: CPUFeatures.current.hasAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: cases)
    func matchesReference(_ testCase: ConvCase) throws {
        #expect(ConvPlanar.isSuitable(ConvBlockedTests.geometry(testCase)) == CPUFeatures.current.useAVX512)
        try testCase.check(algorithm: .planar)
        try testCase.check(algorithm: nil)
    }

    @Test(
        "one and two threads give the same sums as the reference; other shapes fall back to the blocked kernel",
        .enabled(if: CPUFeatures.current.hasAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: [1, 2])
    func threads(_ threads: Int) throws {
        try onThreads(threads) {
            // 3 · 32 · 40 · 45 · 9 ≈ 1.6 M multiply-adds per image: two threads split the rows.
            var stem = ConvCase(
                seed: 7, spatialRank: 2, batch: 3, groups: 1, inChannels: 3, outChannels: 32, size: [1, 40, 45],
                kernel: [1, 3, 3], stride: [1, 1, 1], dilation: [1, 1, 1], padding: .explicit([0, 1, 1]), hasBias: true)
            try stem.check(algorithm: .planar)
            // Stride 2 along the row and rows narrower than a tile go to ConvBlocked.
            stem.stride = [1, 2, 2]
            #expect(!ConvPlanar.isSuitable(ConvBlockedTests.geometry(stem)))
            try stem.check(algorithm: .planar)
            stem.stride = [1, 1, 1]
            stem.size = [1, 40, 20]
            #expect(!ConvPlanar.isSuitable(ConvBlockedTests.geometry(stem)))
            try stem.check(algorithm: .planar)
        }
    }
}
