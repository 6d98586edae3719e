import Testing

@testable import Tensors

/// ``ConvPlanarPair`` (two output rows × two 16-lane vectors of positions × up to 6 channels,
/// AVX-512) on the shapes it takes: rows of 16 to 32 outputs, output channels not in blocks of 16.
@Suite("Planar two-row 16-lane convolution against a naive reference")
struct ConvPlanarPairTests {
    /// Random problems with 1–9 input channels, 1–13 output channels (every remainder of the
    /// 6-channel tile), output widths 16–32 (the second vector overlapping the first by 0–16
    /// positions), odd and even output heights, kernels up to 7×7, row strides 1–2, dilations
    /// 1–2, padding, batches and no batch.
    static let cases: [ConvCase] = {
        var rng = ConvTestRNG(seed: 21_18)
        return (0..<24).map { index in
            let kernel = [1, rng.int(1...7), rng.int(1...7)]
            let stride = [1, rng.int(1...2), 1]
            let dilation = [1, rng.int(1...2), rng.int(1...2)]
            let pads = [0, rng.int(0...3), rng.int(0...3)]
            let height = max(2, dilation[1] * (kernel[1] - 1) + 1 - 2 * pads[1]) + rng.int(1...9)
            let width = dilation[2] * (kernel[2] - 1) - 2 * pads[2] + 16 + rng.int(0...16)
            let batchChoice = rng.int(0...2)
            return ConvCase(
                seed: UInt64(index), spatialRank: 2, batch: batchChoice == 0 ? nil : batchChoice, groups: 1,
                inChannels: rng.int(1...9), outChannels: [1, 5, 6, 7, 12, 13][rng.int(0...5)],
                size: [1, height, width], kernel: kernel, stride: stride, dilation: dilation,
                padding: .explicit(pads), hasBias: rng.bool())
        }
    }()

    @Test(
        "every shape matches the reference, forced",
        .enabled(if: CPUFeatures.current.hasAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: cases)
    func matchesReference(_ testCase: ConvCase) throws {
        let g = ConvBlockedTests.geometry(testCase)
        #expect(ConvPlanarPair.isSuitable(g) == (CPUFeatures.current.useAVX512 && g.outHeight >= 2))
        try testCase.check(algorithm: .planarPair)
    }

    @Test(
        "LeNet's first layer at one and two threads, chosen by the engine; other shapes fall back",
        .enabled(if: CPUFeatures.current.hasAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: [1, 2])
    func threads(_ threads: Int) throws {
        try onThreads(threads) {
            // 1 → 6 channels, 5×5, padding 2, 28 × 28: whole images per thread at a batch of 9, bands
            // of rows at a batch of 1.
            for batch in [9, 1] {
                var lenet = ConvCase(
                    seed: 18, spatialRank: 2, batch: batch, groups: 1, inChannels: 1, outChannels: 6,
                    size: [1, 28, 28],
                    kernel: [1, 5, 5], stride: [1, 1, 1], dilation: [1, 1, 1], padding: .explicit([0, 2, 2]),
                    hasBias: true)
                let g = ConvBlockedTests.geometry(lenet)
                #expect(
                    ConvEngine.algorithm(for: g, winograd: false)
                        == (CPUFeatures.current.useAVX512 ? .planarPair : .shifted))
                try lenet.check(algorithm: .planarPair)
                try lenet.check(algorithm: nil)
                // Rows wider than 32 outputs and 16 output channels go elsewhere.
                lenet.size = [1, 28, 40]
                #expect(!ConvPlanarPair.isSuitable(ConvBlockedTests.geometry(lenet)))
                try lenet.check(algorithm: .planarPair)
                lenet.size = [1, 28, 28]
                lenet.outChannels = 16
                #expect(!ConvPlanarPair.isSuitable(ConvBlockedTests.geometry(lenet)))
                try lenet.check(algorithm: .planarPair)
            }
        }
    }
}
