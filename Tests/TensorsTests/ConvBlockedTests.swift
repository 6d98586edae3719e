import Testing

@testable import Tensors

/// ``ConvBlocked`` on shapes it accepts (whole blocks of 16 output channels per group), which the
/// general random cases, with their few channels, never reach.
@Suite("Channel-blocked convolution against a naive reference")
struct ConvBlockedTests {
    /// Random 2-D problems with whole filter blocks: 8 or 16 input channels per group (blocks of
    /// 8) or 3 or 5 (blocks of one channel), every remainder of the 6-wide tile (output widths
    /// 1–20), odd and even kernel widths, strides 1–3, row dilation, padding, groups, batches
    /// and no batch.
    static let cases: [ConvCase] = {
        var rng = ConvTestRNG(seed: 8_16)
        return (0..<48).map { index in
            let groups = rng.int(1...2)
            let kernel = [1, rng.int(1...4), rng.int(1...4)]
            let stride = [1, rng.int(1...3), rng.int(1...3)]
            let dilation = [1, rng.int(0...2) == 0 ? 2 : 1, 1]
            let pads = [0, rng.int(0...2), rng.int(0...2)]
            var size = [1, 1, 1]
            for axis in 1...2 {
                let span = dilation[axis] * (kernel[axis] - 1) + 1
                size[axis] = max(1, span - 2 * pads[axis]) + rng.int(0...(axis == 2 ? 20 : 8))
            }
            let batchChoice = rng.int(0...2)
            return ConvCase(
                seed: UInt64(index), spatialRank: 2, batch: batchChoice == 0 ? nil : batchChoice, groups: groups,
                inChannels: groups * [8, 16, 3, 5][rng.int(0...3)], outChannels: groups * 16 * rng.int(1...2),
                size: size, kernel: kernel, stride: stride, dilation: dilation, padding: .explicit(pads),
                hasBias: rng.bool())
        }
    }()

    @Test("every shape with a blocked layout matches the reference, forced and chosen", arguments: cases)
    func matchesReference(_ testCase: ConvCase) throws {
        // Forced runs use the layout whenever there is one (heavy padding around a tiny input
        // has one, but the engine would not choose it).
        #expect(ConvBlockedLayout(Self.geometry(testCase)) != nil)
        try testCase.check(algorithm: .blocked)
        try testCase.check(algorithm: .blockedPlain)
        try testCase.check(algorithm: nil)
    }

    @Test(
        "walks of several 8-channel blocks, with a shorter last walk, match the reference",
        arguments: [(40, [1, 3, 3]), (72, [1, 1, 1]), (296, [1, 1, 1])])
    func multiBlockWalks(_ inChannels: Int, _ kernel: [Int]) throws {
        // 3×3: three blocks of weights fit a walk (5 blocks: walks of 3 and 2); 1×1: 32 blocks
        // (9 blocks: one walk; 37 blocks: 32 and 5). Output widths 13 and 7 take balanced tiles.
        let pad = kernel[1] / 2
        let testCase = ConvCase(
            seed: 40, spatialRank: 2, batch: 1, groups: 1, inChannels: inChannels, outChannels: 16,
            size: [1, 5, kernel[1] == 3 ? 13 : 7], kernel: kernel, stride: [1, 1, 1], dilation: [1, 1, 1],
            padding: .explicit([0, pad, pad]), hasBias: true)
        try testCase.check(algorithm: .blocked)
        try testCase.check(algorithm: .blockedPlain)
    }

    @Test("one and two threads give the same sums as the reference", arguments: [1, 2])
    func threads(_ threads: Int) throws {
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        Parallel.threadCount = threads
        // One image: two threads split its rows (16 · 32 · 23 · 22 · 9 ≈ 2.3 M multiply-adds).
        let image = ConvCase(
            seed: 5, spatialRank: 2, batch: 1, groups: 1, inChannels: 16, outChannels: 32, size: [1, 25, 22],
            kernel: [1, 3, 3], stride: [1, 1, 1], dilation: [1, 1, 1], padding: .explicit([0, 0, 1]), hasBias: true)
        try image.check(algorithm: .blocked)
        // Two images: each thread takes whole images, with the weights packed once.
        var batch = image
        batch.batch = 2
        try batch.check(algorithm: .blocked)
        // Three images do not divide among two threads: rows are split again.
        batch.batch = 3
        try batch.check(algorithm: .blocked)
    }

    @Test("the engine picks it for whole filter blocks, and for single-channel blocks only with 25 taps or more")
    func choice() {
        var g = Self.geometry(
            ConvCase(
                seed: 0, spatialRank: 2, batch: 1, groups: 1, inChannels: 64, outChannels: 64, size: [1, 56, 56],
                kernel: [1, 3, 3], stride: [1, 1, 1], dilation: [1, 1, 1], padding: .explicit([0, 1, 1]),
                hasBias: false))
        #expect(ConvEngine.algorithm(for: g) == .blocked)
        // A 1×1 kernel over 256 channels at 14²: one walk of 32 blocks per tile, ahead of OpenBLAS.
        var pointwise = g
        (pointwise.inChannels, pointwise.outChannels, pointwise.inHeight, pointwise.inWidth) = (256, 256, 14, 14)
        (pointwise.kernelHeight, pointwise.kernelWidth, pointwise.padHeight, pointwise.padWidth) = (1, 1, 0, 0)
        (pointwise.outHeight, pointwise.outWidth) = (14, 14)
        #expect(ConvEngine.algorithm(for: pointwise) == .blocked)
        // 60 channels would be blocks of one channel: too few steps per block for 3×3 taps.
        g.inChannels = 60
        #expect(ConvEngine.algorithm(for: g) != .blocked)
        // The 7×7 stride-2 RGB stem: blocks of one channel, 49 taps each.
        var stem = g
        (stem.inChannels, stem.inHeight, stem.inWidth, stem.kernelHeight, stem.kernelWidth) = (3, 224, 224, 7, 7)
        (stem.strideHeight, stem.strideWidth, stem.padHeight, stem.padWidth) = (2, 2, 3, 3)
        (stem.outHeight, stem.outWidth) = (112, 112)
        #expect(ConvEngine.algorithm(for: stem) == .blocked)
        #expect(ConvBlockedLayout(stem)?.channels == 1)
        g.inChannels = 64
        g.outChannels = 72
        #expect(ConvEngine.algorithm(for: g) != .blocked)
        g.outChannels = 64
        g.dilationWidth = 2
        #expect(!ConvBlocked.isSuitable(g))
    }

    /// The geometry the engine builds for a 2-D case with explicit padding.
    static func geometry(_ c: ConvCase) -> ConvGeometry {
        guard case .explicit(let pads) = c.padding else { preconditionFailure("explicit padding only") }
        func out(_ axis: Int) -> Int {
            (c.size[axis] + 2 * pads[axis] - c.dilation[axis] * (c.kernel[axis] - 1) - 1) / c.stride[axis] + 1
        }
        return ConvGeometry(
            batch: c.batch ?? 1, inChannels: c.inChannels, outChannels: c.outChannels, groups: c.groups,
            inDepth: 1, inHeight: c.size[1], inWidth: c.size[2], kernelDepth: 1, kernelHeight: c.kernel[1],
            kernelWidth: c.kernel[2], strideDepth: 1, strideHeight: c.stride[1], strideWidth: c.stride[2],
            padDepth: 0, padHeight: pads[1], padWidth: pads[2], dilationDepth: 1, dilationHeight: c.dilation[1],
            dilationWidth: 1, outDepth: 1, outHeight: out(1), outWidth: out(2))
    }
}
