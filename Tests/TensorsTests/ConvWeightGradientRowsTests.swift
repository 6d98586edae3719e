import Testing

@testable import Tensors

@Suite("The weight gradient with output positions in the lanes (AVX-512) against a naive reference")
struct ConvWeightGradientRowsTests {
    /// Random problems the tile takes: kernels 3 or 5 wide (1–5 tall, dilated or strided in
    /// height), output rows of 16 to 40 positions (whole vectors, and a last vector that
    /// overlaps), odd and partial channel tiles, groups.
    static let cases: [ConvGradientCase] = {
        var rng = ConvTestRNG(seed: 2121)
        return (0..<60).map { index in
            let groups = rng.int(1...2)
            let kernel = (rng.int(1...5), [3, 5][rng.int(0...1)])
            let stride = (rng.int(1...2), 1)
            let dilation = (rng.int(0...3) == 0 ? 2 : 1, 1)
            let padding = (rng.int(0...2), rng.int(0...2))
            let outWidth = [16, 17, 23, 31, 32, 33, 40][rng.int(0...6)]
            let height = dilation.0 * (kernel.0 - 1) + 1 - 2 * padding.0 + rng.int(0...9)
            return ConvGradientCase(
                seed: UInt64(index), batch: rng.int(1...3), groups: groups,
                inChannels: groups * [1, 2, 3, 5][rng.int(0...3)],
                outChannels: groups * [1, 2, 3, 5, 6, 7, 16][rng.int(0...6)],
                size: (max(1, height), outWidth + kernel.1 - 1 - 2 * padding.1), kernel: kernel, stride: stride,
                dilation: dilation, padding: padding)
        }
    }()

    @Test(
        "random problems match the reference",
        .enabled(if: CPUFeatures.current.useAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: cases)
    func matchesReference(_ testCase: ConvGradientCase) throws {
        #expect(ConvWeightGradientRows.isSuitable(testCase.geometry))
        try testCase.check(weightAlgorithm: .rows)
        try testCase.check(weightAlgorithm: .rows4)
        try testCase.check(weightAlgorithm: .rowsBiasPass)
    }

    @Test(
        "one and two threads: channel tiles, slabs of rows and of images, image chunks",
        .enabled(if: CPUFeatures.current.useAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: [1, 2])
    func threads(_ threads: Int) throws {
        try onThreads(threads) {
            let shapes: [(batch: Int, inChannels: Int, outChannels: Int, size: (Int, Int), kernel: Int, padding: Int)] =
                [
                    // 4,224 positions of 3 channels: slabs of rows (4,096 positions each), 33 tiles of 2.
                    (1, 3, 65, (96, 44), 3, 1),
                    // Small images: slabs of 12 images (and a last one of 2).
                    (14, 4, 6, (18, 18), 3, 1),
                    // LeNet's first layer: 6 channels in two tiles of 3 (or 4), so the images are split in chunks.
                    (9, 1, 6, (28, 28), 5, 2),
                ]
            for (index, shape) in shapes.enumerated() {
                let testCase = ConvGradientCase(
                    seed: UInt64(30 + index), batch: shape.batch, groups: 1, inChannels: shape.inChannels,
                    outChannels: shape.outChannels, size: shape.size, kernel: (shape.kernel, shape.kernel),
                    stride: (1, 1),
                    dilation: (1, 1), padding: (shape.padding, shape.padding))
                #expect(ConvWeightGradientRows.isSuitable(testCase.geometry))
                try testCase.check(weightAlgorithm: .rows)
                try testCase.check(weightAlgorithm: .rows4)
                try testCase.check(weightAlgorithm: .rowsFixedSlabs)
            }
        }
    }

    @Test("rows narrower than 16 positions, strided rows and 7-wide kernels are not for the tile")
    func unsuitable() {
        func geometry(size: Int, kernel: Int, stride: Int) -> ConvGeometry {
            ConvGradientCase(
                seed: 0, batch: 1, groups: 1, inChannels: 2, outChannels: 4, size: (size, size),
                kernel: (kernel, kernel),
                stride: (1, stride), dilation: (1, 1), padding: (0, 0)
            ).geometry
        }
        #expect(!ConvWeightGradientRows.isSuitable(geometry(size: 17, kernel: 3, stride: 1)))
        #expect(!ConvWeightGradientRows.isSuitable(geometry(size: 40, kernel: 3, stride: 2)))
        #expect(!ConvWeightGradientRows.isSuitable(geometry(size: 40, kernel: 7, stride: 1)))
        #expect(
            ConvWeightGradientRows.isSuitable(geometry(size: 18, kernel: 3, stride: 1)) == CPUFeatures.current.useAVX512
        )
    }

    @Test(
        "the engine takes the tile for few input channels on rows that fill three quarters of their vectors (an RGB stem, LeNet's first layer), and only there"
    )
    func choice() {
        func geometry(inChannels: Int, size: Int) -> ConvGeometry {
            ConvGradientCase(
                seed: 0, batch: 1, groups: 1, inChannels: inChannels, outChannels: 8, size: (size, size),
                kernel: (3, 3),
                stride: (1, 1), dilation: (1, 1), padding: (1, 1)
            ).geometry
        }
        let avx512 = CPUFeatures.current.useAVX512
        #expect(ConvBackward.weightAlgorithm(for: geometry(inChannels: 3, size: 64)) == (avx512 ? .rows : .direct))
        #expect(ConvBackward.weightAlgorithm(for: geometry(inChannels: 3, size: 28)) == (avx512 ? .rows : .direct))
        #expect(ConvBackward.weightAlgorithm(for: geometry(inChannels: 3, size: 23)) == .direct)
        #expect(ConvBackward.weightAlgorithm(for: geometry(inChannels: 5, size: 64)) == .direct)
    }
}
