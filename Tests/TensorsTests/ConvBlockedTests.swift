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
        try testCase.check(algorithm: .blockedAVX2)
        try testCase.check(algorithm: nil)
    }

    @Test(
        "the 16-lane (AVX-512) kernel matches the reference on every shape, with 16-, 32- and 64-filter blocks",
        .enabled(if: CPUFeatures.current.hasAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: cases)
    func wideMatchesReference(_ testCase: ConvCase) throws {
        try testCase.check(algorithm: .blockedAVX512)
        try testCase.check(algorithm: .blockedAVX512x2)
        try testCase.check(algorithm: .blockedAVX512x4)
        try testCase.check(algorithm: .blockedAVX512x2Bands)
        try testCase.check(algorithm: .blockedAVX512x2Fine)
        try testCase.check(algorithm: .blockedAVX512x2Split)
    }

    @Test(
        "bands of rows copied and summed by one thread, and single-row work items, match the reference, on one and two threads",
        .enabled(if: CPUFeatures.current.hasAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: [1, 2])
    func wideBands(_ threads: Int) throws {
        try onThreads(threads) {
            // 25 rows in bands of 3 (two threads × 4 bands), the last one short; strides 1 and 2,
            // row dilation 2, one image and three (which do not divide among two threads).
            for (stride, dilation, batch) in [(1, 1, 1), (2, 1, 3), (1, 2, 1)] {
                let testCase = ConvCase(
                    seed: 44, spatialRank: 2, batch: batch, groups: 1, inChannels: 16, outChannels: 64,
                    size: [1, 25 * stride + 2, 22], kernel: [1, 3, 3], stride: [1, stride, stride],
                    dilation: [1, dilation, 1], padding: .explicit([0, 1, 1]), hasBias: true)
                try testCase.check(algorithm: .blockedAVX512x2Bands)
                // Single rows as work items (the batch of 3 does not divide among two threads either).
                try testCase.check(algorithm: .blockedAVX512x2Fine)
                try testCase.check(algorithm: .blockedAVX512x2Split)
            }
        }
    }

    @Test(
        "contiguous parts of the rows per thread, copied as they go, match the reference on one, two and three threads",
        .enabled(if: CPUFeatures.current.hasAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: [1, 2, 3])
    func wideSplit(_ threads: Int) throws {
        try onThreads(threads) {
            // (channels, kernel, stride, row dilation, padding, height, width, batch, filters): odd
            // row counts, parts that start inside a row (three filter blocks of 32 = 96 filters) or
            // span two images (batch 3), 1×1 kernels at strides 2 and 3 (the rows between two
            // output rows' input rows are not copied), and the 7×7 stride-2 RGB stem's blocks of
            // one channel.
            let shapes = [
                (16, 3, 1, 1, 1, 25, 22, 1, 64), (8, 3, 1, 1, 1, 11, 13, 3, 96), (16, 3, 2, 1, 1, 27, 20, 1, 32),
                (16, 3, 1, 2, 2, 13, 9, 3, 64), (64, 1, 3, 1, 0, 41, 40, 1, 32), (16, 1, 2, 1, 0, 33, 21, 3, 96),
                (8, 1, 3, 1, 0, 40, 17, 3, 32), (3, 7, 2, 1, 3, 23, 19, 3, 64), (3, 7, 2, 1, 3, 30, 30, 1, 64),
            ]
            for (channels, kernel, stride, dilation, pad, height, width, batch, filters) in shapes {
                let testCase = ConvCase(
                    seed: 45, spatialRank: 2, batch: batch, groups: 1, inChannels: channels, outChannels: filters,
                    size: [1, height, width], kernel: [1, kernel, kernel], stride: [1, stride, stride],
                    dilation: [1, dilation, 1], padding: .explicit([0, pad, pad]), hasBias: true)
                try testCase.check(algorithm: .blockedAVX512x2Split)
            }
            // Two groups of 8 channels and 32 filters each.
            let grouped = ConvCase(
                seed: 46, spatialRank: 2, batch: 1, groups: 2, inChannels: 16, outChannels: 64, size: [1, 15, 12],
                kernel: [1, 3, 3], stride: [1, 1, 1], dilation: [1, 1, 1], padding: .explicit([0, 1, 1]), hasBias: false
            )
            try grouped.check(algorithm: .blockedAVX512x2Split)
        }
    }

    @Test(
        "tiles of two and four 16-lane vectors, of every width, and 1×1 planes walked as one row match the reference",
        .enabled(if: CPUFeatures.current.hasAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: [
            (64, [1, 3, 3], 13, 64), (296, [1, 1, 1], 7, 64), (16, [1, 1, 1], 9, 128), (8, [1, 3, 3], 37, 96),
            (40, [1, 1, 1], 5, 48), (3, [1, 7, 7], 23, 64),
        ])
    func wideVectors(_ inChannels: Int, _ kernel: [Int], _ width: Int, _ outChannels: Int) throws {
        // 1×1 at stride 1: 5 rows of 7 as one row of 35 (tiles 12, 12, 11 or six of 6 and one
        // of 5); widths 13 and 37 in rows: 7 + 6, 10 + 9 + 9 + 9 (two vectors), 6 + 6 + … (four);
        // 96 and 48 channels do not divide into 64-filter blocks: 32 and 16 instead.
        let pad = kernel[1] / 2
        for stride in [1, 2] {
            let testCase = ConvCase(
                seed: 43, spatialRank: 2, batch: 2, groups: 1, inChannels: inChannels, outChannels: outChannels,
                size: [1, 5, width], kernel: kernel, stride: [1, stride, stride], dilation: [1, 1, 1],
                padding: .explicit([0, pad, pad]), hasBias: true)
            try testCase.check(algorithm: .blockedAVX512x2)
            try testCase.check(algorithm: .blockedAVX512x4)
        }
    }

    @Test("filter blocks are 16 · vectors wide where the channels divide by that, else the widest that does")
    func filterBlocks() throws {
        var g = Self.geometry(
            ConvCase(
                seed: 0, spatialRank: 2, batch: 1, groups: 1, inChannels: 8, outChannels: 64, size: [1, 6, 6],
                kernel: [1, 3, 3], stride: [1, 1, 1], dilation: [1, 1, 1], padding: .explicit([0, 1, 1]),
                hasBias: false))
        #expect(ConvBlockedLayout(g)?.filters == 16)
        #expect(ConvBlockedLayout(g, vectors: 2)?.filters == 32)
        #expect(ConvBlockedLayout(g, vectors: 4)?.filters == 64)
        g.outChannels = 96
        #expect(ConvBlockedLayout(g, vectors: 4)?.filters == 32)
        #expect(ConvBlockedLayout(g, vectors: 4)?.filterBlocksPerGroup == 3)
        g.outChannels = 48
        #expect(ConvBlockedLayout(g, vectors: 4)?.filters == 16)
        g.outChannels = 40
        #expect(ConvBlockedLayout(g, vectors: 4) == nil)
    }

    @Test(
        "16-lane walks of several blocks and tiles of every width up to 12 match the reference",
        .enabled(if: CPUFeatures.current.hasAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: [(40, [1, 3, 3], 13), (296, [1, 1, 1], 7), (8, [1, 3, 3], 37), (16, [1, 1, 1], 1)])
    func wideWalks(_ inChannels: Int, _ kernel: [Int], _ width: Int) throws {
        // Width 37: balanced tiles of 10 and 9 positions; 13: 7 and 6; 7 and 1: one tile.
        let pad = kernel[1] / 2
        for stride in [1, 2] {
            let testCase = ConvCase(
                seed: 41, spatialRank: 2, batch: 2, groups: 1, inChannels: inChannels, outChannels: 32,
                size: [1, 5, width], kernel: kernel, stride: [1, stride, stride], dilation: [1, 1, 1],
                padding: .explicit([0, pad, pad]), hasBias: true)
            try testCase.check(algorithm: .blockedAVX512)
        }
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
        try onThreads(threads) {
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
            // 35 rows: 16 or more per thread, so with AVX-512 each thread walks a part of them.
            var tall = image
            tall.size = [1, 35, 22]
            try tall.check(algorithm: .blocked)
            tall.batch = 3
            try tall.check(algorithm: .blocked)
        }
    }

    @Test(
        "the engine picks it for whole filter blocks, and for single-channel blocks with 25 taps or more (any with AVX-512)"
    )
    func choice() {
        var g = Self.geometry(
            ConvCase(
                seed: 0, spatialRank: 2, batch: 1, groups: 1, inChannels: 64, outChannels: 64, size: [1, 56, 56],
                kernel: [1, 3, 3], stride: [1, 1, 1], dilation: [1, 1, 1], padding: .explicit([0, 1, 1]),
                hasBias: false))
        #expect(ConvEngine.algorithm(for: g, winograd: false) == .blocked)
        // A 1×1 kernel over 256 channels at 14²: the pointwise kernel with AVX-512, else OpenBLAS
        // (ahead of the blocked kernel's 8-lane tiles on an AMD EPYC).
        var pointwise = g
        (pointwise.inChannels, pointwise.outChannels, pointwise.inHeight, pointwise.inWidth) = (256, 256, 14, 14)
        (pointwise.kernelHeight, pointwise.kernelWidth, pointwise.padHeight, pointwise.padWidth) = (1, 1, 0, 0)
        (pointwise.outHeight, pointwise.outWidth) = (14, 14)
        #expect(
            ConvEngine.algorithm(for: pointwise, winograd: false)
                == (CPUFeatures.current.useAVX512 ? .pointwiseAVX512Packed : .pointwiseGEMM))
        // 60 channels would be blocks of one channel: too few steps per block for 3×3 taps.
        g.inChannels = 60
        #expect(ConvEngine.algorithm(for: g, winograd: false) != .blocked)
        // The 7×7 stride-2 RGB stem: blocks of one channel, 49 taps each.
        var stem = g
        (stem.inChannels, stem.inHeight, stem.inWidth, stem.kernelHeight, stem.kernelWidth) = (3, 224, 224, 7, 7)
        (stem.strideHeight, stem.strideWidth, stem.padHeight, stem.padWidth) = (2, 2, 3, 3)
        (stem.outHeight, stem.outWidth) = (112, 112)
        #expect(ConvEngine.algorithm(for: stem, winograd: false) == .blocked)
        #expect(ConvBlockedLayout(stem)?.channels == 1)
        // The 3×3 RGB stem: planar (positions in the lanes) only on the 16-lane kernel.
        var stem3 = stem
        (stem3.kernelHeight, stem3.kernelWidth, stem3.strideHeight, stem3.strideWidth) = (3, 3, 1, 1)
        (stem3.padHeight, stem3.padWidth, stem3.outHeight, stem3.outWidth) = (1, 1, 224, 224)
        #expect((ConvEngine.algorithm(for: stem3, winograd: false) == .planar) == CPUFeatures.current.useAVX512)
        g.inChannels = 64
        g.outChannels = 72
        #expect(ConvEngine.algorithm(for: g, winograd: false) != .blocked)
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
