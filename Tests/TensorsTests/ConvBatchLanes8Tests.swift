import Testing

@testable import Tensors

/// ``ConvBatchLanes8`` (eight images in the 8 lanes of AVX2, which every x86-64-v3 machine runs):
/// the forward convolution and the input gradient on the widths ``ImageLanes8Row`` has loops for,
/// against the naive reference, with batches that are not multiples of eight, row and column
/// padding, and one and two threads.
@Suite("Eight-images-in-the-lanes convolution and input gradient against a naive reference")
struct ConvBatchLanes8Tests {
    /// Random forward problems on each forward row loop (14 → 10 and 10 → 10 under 5-wide kernels,
    /// 7 → 5 and 7 → 7 under 3-wide ones), 1–7 input channels, 1–17 output channels, kernel heights
    /// that differ from the widths, row padding from 0 to k − 1, batches from 8 to 45 (the images
    /// after the last block of eight take ``ConvBlocked``).
    static let forwardCases: [ConvCase] = {
        var rng = ConvTestRNG(seed: 18_8)
        let rows: [(width: Int, kernel: Int, pad: Int)] = [(14, 5, 0), (10, 5, 2), (7, 3, 0), (7, 3, 1)]
        return (0..<16).map { index in
            let row = rows[index % rows.count]
            let kernelHeight = rng.int(1...5)
            let padHeight = rng.int(0...(kernelHeight - 1))
            let height = max(1, kernelHeight - 2 * padHeight) + rng.int(0...6)
            return ConvCase(
                seed: UInt64(index), spatialRank: 2, batch: [8, 9, 15, 16, 23, 45][rng.int(0...5)], groups: 1,
                inChannels: rng.int(1...7), outChannels: [1, 2, 3, 5, 16, 17][rng.int(0...5)],
                size: [1, height, row.width], kernel: [1, kernelHeight, row.kernel], stride: [1, 1, 1],
                dilation: [1, 1, 1], padding: .explicit([0, padHeight, row.pad]), hasBias: rng.bool())
        }
    }()

    @Test(
        "the forward convolution matches the reference on every row loop, at one and two threads",
        arguments: forwardCases)
    func forward(_ testCase: ConvCase) throws {
        #expect(ConvBatchLanes.isSuitableNarrow(ConvBlockedTests.geometry(testCase)))
        for threads in [1, 2] {
            try onThreads(threads) { try testCase.check(algorithm: .batchLanes8) }
        }
    }

    @Test("LeNet's second layer on the 8-lane forward kernel; other widths and small batches take ConvBlocked")
    func forwardChoice() throws {
        var lenet = ConvCase(
            seed: 18, spatialRank: 2, batch: 37, groups: 1, inChannels: 6, outChannels: 16, size: [1, 14, 14],
            kernel: [1, 5, 5], stride: [1, 1, 1], dilation: [1, 1, 1], padding: .explicit([0, 0, 0]), hasBias: true)
        let g = ConvBlockedTests.geometry(lenet)
        #expect(ConvBatchLanes.isSuitableNarrow(g))
        try lenet.check(algorithm: nil)
        lenet.batch = 7
        #expect(!ConvBatchLanes.isSuitableNarrow(ConvBlockedTests.geometry(lenet)))
        try lenet.check(algorithm: .batchLanes8)
        lenet.batch = 16
        lenet.size = [1, 14, 13]
        #expect(!ConvBatchLanes.isSuitableNarrow(ConvBlockedTests.geometry(lenet)))
        try lenet.check(algorithm: .batchLanes8)
    }

    /// Input-gradient problems on each gradient row loop (input, output-gradient and kernel widths;
    /// the column padding follows), random channels, kernel heights and row paddings, batches that
    /// are and are not multiples of eight (the rest take ``ConvInputRows``' row-wise 8-lane loop).
    static let gradientCases: [ConvGradientCase] =
        ConvGradientCase.imageLanes(
            rngSeed: 18_9, widths: [(14, 10, 5), (14, 14, 5), (10, 6, 5), (10, 10, 5), (8, 6, 3), (8, 8, 3)],
            lenetBatch: 21, batches: [8, 11, 16, 29], firstSeed: 200)

    @Test(
        "the input gradient matches the reference on every row loop, at one and two threads",
        arguments: gradientCases)
    func inputGradient(_ c: ConvGradientCase) throws {
        let g = c.geometry
        #expect(ConvInputRows.isSuitable(g))
        #expect(ConvInputRows.takesImagesInNarrowLanes(g))
        let r = c.reference()
        let w = try Tensor(shape: [c.outChannels, c.inChannels, c.kernel.0, c.kernel.1], floats: r.w)
        let dy = try Tensor(shape: [c.batch, c.outChannels, g.outHeight, g.outWidth], floats: r.dy)
        for threads in [1, 2] {
            try onThreads(threads) {
                let dx = try ConvBackward.inputGradient(
                    g, spatialRank: 2, weight: w, outputGradient: dy, rows: true, wideRows: false, imagesInLanes: true)
                expectClose(dx, r.dx, shape: [c.batch, c.inChannels, c.size.0, c.size.1])
            }
        }
    }

    @Test("the 8-lane input gradient refuses widths it has no loop for")
    func inputGradientLimits() {
        func geometry(_ width: Int, kernel: Int, padding: Int) -> ConvGeometry {
            ConvGradientCase(
                seed: 0, batch: 8, groups: 1, inChannels: 6, outChannels: 16, size: (14, width), kernel: (5, kernel),
                stride: (1, 1), dilation: (1, 1), padding: (0, padding)
            ).geometry
        }
        #expect(ConvInputRows.takesImagesInNarrowLanes(geometry(14, kernel: 5, padding: 0)))
        #expect(ConvInputRows.takesImagesInNarrowLanes(geometry(14, kernel: 5, padding: 2)))
        #expect(!ConvInputRows.takesImagesInNarrowLanes(geometry(14, kernel: 5, padding: 1)))
        #expect(!ConvInputRows.takesImagesInNarrowLanes(geometry(13, kernel: 5, padding: 0)))
        #expect(!ConvInputRows.takesImagesInNarrowLanes(geometry(16, kernel: 3, padding: 0)))
    }
}
