import Testing

@testable import Tensors

/// ``ConvBatchLanes`` (sixteen images in the 16 lanes, two output channels × one output row per
/// tile, AVX-512) on the widths it has row loops for, against a naive reference.
@Suite("Sixteen-images-in-the-lanes convolution against a naive reference")
struct ConvBatchLanesTests {
    /// Random problems on each of the four row loops (14 → 10 and 10 → 10 under 5-wide kernels,
    /// 7 → 5 and 7 → 7 under 3-wide ones), with 1–7 input channels, odd and even output channel
    /// counts (the one-channel tile after the pairs), odd heights, row padding from 0 to k − 1,
    /// kernel heights that differ from the widths, and batches that are and are not multiples of
    /// sixteen (the images left over take ``ConvBlocked``).
    static let cases: [ConvCase] = {
        var rng = ConvTestRNG(seed: 18_2)
        let rows: [(width: Int, kernel: Int, pad: Int)] = [(14, 5, 0), (10, 5, 2), (7, 3, 0), (7, 3, 1)]
        return (0..<20).map { index in
            let row = rows[index % rows.count]
            let kernelHeight = rng.int(1...5)
            let padHeight = rng.int(0...(kernelHeight - 1))
            let height = max(1, kernelHeight - 2 * padHeight) + rng.int(0...6)
            return ConvCase(
                seed: UInt64(index), spatialRank: 2, batch: [16, 17, 31, 32, 45][rng.int(0...4)], groups: 1,
                inChannels: rng.int(1...7), outChannels: [1, 2, 3, 5, 16, 17][rng.int(0...5)],
                size: [1, height, row.width], kernel: [1, kernelHeight, row.kernel], stride: [1, 1, 1],
                dilation: [1, 1, 1], padding: .explicit([0, padHeight, row.pad]), hasBias: rng.bool())
        }
    }()

    @Test(
        "every shape matches the reference, forced",
        .enabled(if: CPUFeatures.current.hasAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: cases)
    func matchesReference(_ testCase: ConvCase) throws {
        let g = ConvBlockedTests.geometry(testCase)
        #expect(ConvBatchLanes.isSuitable(g) == CPUFeatures.current.useAVX512)
        try testCase.check(algorithm: .batchLanes)
    }

    @Test(
        "LeNet's second layer at one and two threads, chosen by the engine; other shapes fall back",
        .enabled(if: CPUFeatures.current.hasAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: [1, 2])
    func threads(_ threads: Int) throws {
        try onThreads(threads) {
            // 6 → 16 channels, 5×5, 14 × 14: whole blocks at 64, a tail of 4 images at 100.
            for batch in [64, 100] {
                var lenet = ConvCase(
                    seed: 18, spatialRank: 2, batch: batch, groups: 1, inChannels: 6, outChannels: 16,
                    size: [1, 14, 14],
                    kernel: [1, 5, 5], stride: [1, 1, 1], dilation: [1, 1, 1], padding: .explicit([0, 0, 0]),
                    hasBias: true)
                let g = ConvBlockedTests.geometry(lenet)
                #expect(
                    ConvEngine.algorithm(for: g, winograd: false)
                        == (CPUFeatures.current.useAVX512 ? .batchLanes : .blocked))
                try lenet.check(algorithm: .batchLanes)
                try lenet.check(algorithm: nil)
                // Fewer than sixteen images, and widths without a row loop, go to ``ConvBlocked``.
                lenet.batch = 15
                #expect(!ConvBatchLanes.isSuitable(ConvBlockedTests.geometry(lenet)))
                try lenet.check(algorithm: .batchLanes)
                lenet.batch = batch
                lenet.size = [1, 14, 13]
                #expect(!ConvBatchLanes.isSuitable(ConvBlockedTests.geometry(lenet)))
                try lenet.check(algorithm: .batchLanes)
            }
            // A wide layer whose rows have a row loop (7 → 7 under 3 × 3, padding 1) but whose sixteen
            // images outgrow the scratch bound stays with ``ConvBlocked``; 32 channels still fit.
            var wide = ConvCase(
                seed: 18, spatialRank: 2, batch: 16, groups: 1, inChannels: 512, outChannels: 512, size: [1, 7, 7],
                kernel: [1, 3, 3], stride: [1, 1, 1], dilation: [1, 1, 1], padding: .explicit([0, 1, 1]), hasBias: false
            )
            #expect(!ConvBatchLanes.isSuitable(ConvBlockedTests.geometry(wide)))
            (wide.inChannels, wide.outChannels) = (32, 32)
            #expect(ConvBatchLanes.isSuitable(ConvBlockedTests.geometry(wide)))
        }
    }
}
