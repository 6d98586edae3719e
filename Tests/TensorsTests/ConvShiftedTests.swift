import Testing

@testable import Tensors

@Suite("Shifted-input convolution")
struct ConvShiftedTests {
    /// Shapes chosen for the shifted path's edges: tiles crossing grid rows, a last tile past
    /// the grid, filter counts that are not a multiple of 6, strides and dilations that make
    /// several phase planes, groups, batches, more filter panels than tiles (panel splits), sums
    /// cut into several passes, and batches shared out as whole images.
    static let shapes: [ConvCase] = [
        shape(1, c: 3, o: 7, [17, 19], k: [3, 3], p: [1, 1]),
        shape(2, c: 5, o: 13, [23, 9], k: [2, 4], s: [1, 2], p: [0, 2]),
        shape(3, c: 4, o: 6, [31, 30], k: [7, 7], s: [2, 2], p: [3, 3]),
        shape(4, c: 6, o: 9, [20, 21], k: [3, 2], s: [3, 2], d: [2, 1], p: [2, 0]),
        shape(5, c: 6, o: 12, [16, 16], k: [3, 3], d: [2, 2], p: [2, 2], groups: 3),
        shape(6, c: 40, o: 64, [6, 5], k: [1, 1]),
        shape(7, c: 8, o: 50, [9, 9], k: [3, 3], p: [1, 1], batch: 3),
        shape(8, c: 2, o: 1, [40, 3], k: [1, 3], p: [0, 1]),
        shape(9, c: 3, o: 16, [5, 70], k: [5, 1], s: [2, 1], p: [2, 0], batch: 2),
        shape(10, c: 64, o: 100, [7, 9], k: [3, 3], p: [1, 1]),
        shape(11, c: 24, o: 20, [12, 14], k: [3, 3], s: [2, 2], d: [1, 2], p: [1, 2], groups: 2, batch: 2),
        // Large enough for threads: a batch split into whole images per thread.
        shape(12, c: 16, o: 8, [24, 24], k: [3, 3], p: [1, 1], batch: 2),
        // A sum cut into three passes of 24, 24 and 22 channels, onto scattered tiles too.
        shape(13, c: 70, o: 13, [10, 11], k: [3, 3], p: [1, 1]),
        // Inputs that are their own layout (1×1, unpadded 3×1: packed straight from the caller's
        // array, the last tile ending inside it), batched and not; an unpadded 3×3 drops grid
        // columns, so it is copied first.
        shape(14, c: 80, o: 14, [9, 7], k: [1, 1], batch: 2),
        shape(15, c: 96, o: 40, [13, 13], k: [1, 1]),
        shape(16, c: 9, o: 7, [11, 5], k: [3, 1], batch: 3),
        shape(17, c: 9, o: 7, [11, 5], k: [3, 3], batch: 3),
    ]

    @Test(
        "matches the naive reference on one and two threads, tiles read in place or packed", arguments: shapes, [1, 2])
    func matchesReference(_ testCase: ConvCase, threads: Int) throws {
        try onThreads(threads) {
            try testCase.check(algorithm: .shifted)
            try testCase.check(algorithm: .shiftedInPlace)
            try testCase.check(algorithm: .shiftedPacked)
        }
    }

    @Test(
        "the plan covers every tile and filter panel exactly once",
        arguments: [(1, 203, 11, 2), (8, 196, 11, 2), (1, 13, 43, 2), (3, 1, 1, 2), (2, 7, 5, 1), (1, 50, 3, 4)])
    func planCoversWork(imagesAndGroups: Int, tiles: Int, rowPanels: Int, threads: Int) {
        let plan = ConvShiftedPlan(
            imagesAndGroups: imagesAndGroups, tiles: tiles, rowPanels: rowPanels, threads: threads, largestBlock: 8)
        var seen = [Int](repeating: 0, count: imagesAndGroups * tiles * rowPanels)
        for item in 0..<plan.items {
            let work = plan.work(item)
            #expect(work.panels.count <= plan.panelsPerSplit)
            #expect(work.tiles.count <= plan.tilesPerBlock)
            for tile in work.tiles {
                for panel in work.panels { seen[(work.imageGroup * tiles + tile) * rowPanels + panel] += 1 }
            }
        }
        #expect(seen.allSatisfy { $0 == 1 })
    }

    @Test("the engine picks it for long 2-D sums with little waste, not for short sums, huge padding or 3-D")
    func selection() throws {
        // 40 output channels: not whole blocks of 16, which ConvBlocked would take.
        var g = ConvGeometry(
            batch: 1, inChannels: 64, outChannels: 40, groups: 1, inDepth: 1, inHeight: 56, inWidth: 56,
            kernelDepth: 1, kernelHeight: 3, kernelWidth: 3, strideDepth: 1, strideHeight: 1, strideWidth: 1,
            padDepth: 0, padHeight: 1, padWidth: 1, dilationDepth: 1, dilationHeight: 1, dilationWidth: 1,
            outDepth: 1, outHeight: 56, outWidth: 56)
        #expect(ConvEngine.algorithm(for: g, winograd: false) == .shifted)
        // A 2×2 input with 100 zeros around it: the padded copy would dwarf input and output.
        var padded = g
        (padded.inChannels, padded.outChannels, padded.inHeight, padded.inWidth) = (8, 1, 2, 2)
        (padded.padHeight, padded.padWidth, padded.outHeight, padded.outWidth) = (100, 100, 200, 200)
        #expect(ConvEngine.algorithm(for: padded, winograd: false) == .packed)
        // Three input channels of 3×3 taps: a sum of 27 steps.
        var stem = g
        (stem.inChannels, stem.inHeight, stem.inWidth, stem.outHeight, stem.outWidth) = (3, 224, 224, 224, 224)
        #expect(ConvEngine.algorithm(for: stem, winograd: false) == .packed)
        // LeNet's 1→6 layer: a 25-step sum, but one filter panel, which packing cannot share
        // (with AVX-512 its 28-wide rows go to ConvPlanarPair).
        var lenet = g
        (lenet.batch, lenet.inChannels, lenet.outChannels, lenet.inHeight, lenet.inWidth) = (128, 1, 6, 28, 28)
        (lenet.kernelHeight, lenet.kernelWidth, lenet.padHeight, lenet.padWidth) = (5, 5, 2, 2)
        (lenet.outHeight, lenet.outWidth) = (28, 28)
        #expect(
            ConvEngine.algorithm(for: lenet, winograd: false)
                == (CPUFeatures.current.useAVX512 ? .planarPair : .shifted))
        // The input gradient of its 6→16 layer: 16 → 6 channels padded by 4, 14 of 18 grid
        // columns valid (more waste than a fifth, less than a third).
        var transposed = lenet
        (transposed.inChannels, transposed.inHeight, transposed.inWidth) = (16, 10, 10)
        (transposed.padHeight, transposed.padWidth, transposed.outHeight, transposed.outWidth) = (4, 4, 14, 14)
        #expect(ConvEngine.algorithm(for: transposed, winograd: false) == .shifted)
        transposed.outChannels = 12
        #expect(ConvEngine.algorithm(for: transposed, winograd: false) == .packed)
        // A 1×1 kernel over 256 channels is one matrix product per image (OpenBLAS); forced
        // onto this path, its tiles are packed straight from the input.
        var pointwise = g
        (pointwise.inChannels, pointwise.kernelHeight, pointwise.kernelWidth) = (256, 1, 1)
        (pointwise.padHeight, pointwise.padWidth) = (0, 0)
        #expect(
            ConvEngine.algorithm(for: pointwise, winograd: false)
                == (CPUFeatures.current.useAVX512 ? .pointwiseAVX512Packed : .pointwiseGEMM))
        #expect(ConvShifted.reading(for: pointwise) == .packed)
        // Grouped, it would be many small products: our kernel takes it.
        var grouped = pointwise
        (grouped.groups, grouped.outChannels) = (4, 40)
        #expect(ConvEngine.algorithm(for: grouped, winograd: false) == .shifted)
        #expect(ConvShifted.reading(for: g) == .inPlace)
        g.inDepth = 4
        g.kernelDepth = 2
        g.outDepth = 3
        #expect(ConvEngine.algorithm(for: g, winograd: false) == .packed)
    }

    private static func shape(
        _ seed: UInt64, c: Int, o: Int, _ size: [Int], k: [Int], s: [Int] = [1, 1], d: [Int] = [1, 1],
        p: [Int] = [0, 0], groups: Int = 1, batch: Int? = 1
    ) -> ConvCase {
        ConvCase(
            seed: seed, spatialRank: 2, batch: batch, groups: groups, inChannels: c, outChannels: o,
            size: [1] + size, kernel: [1] + k, stride: [1] + s, dilation: [1] + d, padding: .explicit([0] + p),
            hasBias: seed % 2 == 1)
    }
}
