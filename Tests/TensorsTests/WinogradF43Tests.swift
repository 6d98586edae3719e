import Testing

@testable import Tensors

/// ``WinogradF43`` (F(4×4, 3×3)) against the naive reference: the forward convolution through
/// every way of running its products, the input transform's layout on its own, and the input
/// gradient as a flipped forward convolution.
///
/// The engine's default tolerance (1e-4 of the largest output) holds with a margin of 10×: on
/// `res3x3_c64_56` and `res3x3_c128_28` with N(0, 1) inputs the measured error is 5e-6 and 9e-6
/// of the largest output (``WinogradF43``'s documentation has the numbers); these cases have at
/// most 64 channels.
@Suite("Winograd F(4×4, 3×3) against a naive reference")
struct WinogradF43Tests {
    /// Outputs not multiples of 4 (5×7, 13×13, 1×1, 6×17 with more than 16 tiles per row),
    /// padding 0, 1 and 2, batches 1–3, channel counts off the 16-lane blocks, bias or not.
    static let cases: [ConvCase] = [
        (1, 1, 3, 5, (5, 7), 1, true),
        (2, 2, 17, 20, (13, 13), 1, false),
        (3, 1, 16, 33, (3, 3), 0, true),
        (4, 3, 5, 7, (7, 9), 0, false),
        (5, 2, 40, 19, (6, 66), 1, true),
        (6, 1, 1, 1, (4, 4), 2, true),
        (7, 1, 64, 48, (28, 28), 1, true),
    ].map { seed, batch, inChannels, outChannels, size, pad, bias in
        ConvCase(
            seed: seed, spatialRank: 2, batch: batch, groups: 1, inChannels: inChannels, outChannels: outChannels,
            size: [1, size.0, size.1], kernel: [1, 3, 3], stride: [1, 1, 1], dilation: [1, 1, 1],
            padding: .explicit([0, pad, pad]), hasBias: bias)
    }

    @Test("every shape matches the reference, each way of running the products, at 1 and 2 threads", arguments: [1, 2])
    func matchesReference(_ threads: Int) throws {
        try onThreads(threads) {
            for testCase in Self.cases {
                #expect(WinogradF43.isApplicable(ConvBlockedTests.geometry(testCase)))
                if CPUFeatures.current.useAVX512 {
                    try testCase.check(algorithm: .winogradF43)
                    try testCase.check(algorithm: .winogradF43x2)
                    try testCase.check(algorithm: .winogradF43x4)
                }
                try testCase.check(algorithm: .winogradF43GEMM)
            }
        }
    }

    @Test(
        "Winograd is chosen for 64 channels or more (any batch, any thread count), not for the RGB stem or an image too large for one group"
    )
    func choice() {
        func geometry(_ batch: Int, _ channels: Int, _ size: Int) -> ConvGeometry {
            ConvGeometry(
                batch: batch, inChannels: channels, outChannels: 64, groups: 1, inDepth: 1, inHeight: size,
                inWidth: size, kernelDepth: 1, kernelHeight: 3, kernelWidth: 3, strideDepth: 1, strideHeight: 1,
                strideWidth: 1, padDepth: 0, padHeight: 1, padWidth: 1, dilationDepth: 1, dilationHeight: 1,
                dilationWidth: 1, outDepth: 1, outHeight: size, outWidth: size)
        }
        let wide = CPUFeatures.current.useAVX512
        #expect(WinogradF43.isSuitable(geometry(1, 64, 56)) == wide)
        #expect(WinogradF43.isSuitable(geometry(8, 64, 56)) == wide)
        #expect(!WinogradF43.isSuitable(geometry(1, 64, 224)))
        #expect(!WinogradF43.isSuitable(geometry(1, 3, 224)))
        #expect(!WinogradF43.isSuitable(geometry(1, 32, 56)))
        #expect(ConvEngine.algorithm(for: geometry(1, 64, 56), winograd: false) != .winogradF43)
        #expect(ConvEngine.algorithm(for: geometry(1, 3, 224)) != .winogradF43)
    }

    /// Images run in groups (``WinogradF43/groupBytes``) give the same bits as all at once: each
    /// image's tiles are transformed, multiplied and transformed back on their own either way.
    @Test("groups of images give the bits of one pass over the batch", arguments: [1, 2])
    func imageGroups(_ threads: Int) {
        let g = ConvGeometry(
            batch: 5, inChannels: 19, outChannels: 24, groups: 1, inDepth: 1, inHeight: 11, inWidth: 13,
            kernelDepth: 1, kernelHeight: 3, kernelWidth: 3, strideDepth: 1, strideHeight: 1, strideWidth: 1,
            padDepth: 0, padHeight: 1, padWidth: 1, dilationDepth: 1, dilationHeight: 1, dilationWidth: 1,
            outDepth: 1, outHeight: 11, outWidth: 13)
        var rng = ConvTestRNG(seed: 45)
        let x = (0..<g.batch * g.inChannels * g.inPlane).map { _ in rng.float() }
        let w = (0..<g.outChannels * g.inChannels * 9).map { _ in rng.float() }
        let b = (0..<g.outChannels).map { _ in rng.float() }
        let perImage = 36 * 24 * WinogradF43.planeStride(g) * MemoryLayout<Float>.size
        func run(groupBytes: Int, products: WinogradF43.Products) -> [Float] {
            var y = [Float](repeating: .nan, count: g.batch * g.outChannels * g.outPlane)
            onThreads(threads) {
                y.withUnsafeMutableBufferPointer { y in
                    WinogradF43.run(
                        g, input: x, weight: w, bias: b, output: y.baseAddress!, products: products,
                        groupBytes: groupBytes)
                }
            }
            return y
        }
        var products: [WinogradF43.Products] = [.gemm]
        if CPUFeatures.current.useAVX512 { products.append(.wide(vectors: 4)) }
        for product in products {
            let whole = run(groupBytes: .max, products: product)
            #expect(!whole.contains { $0.isNaN })
            // Groups of two images (2 + 2 + 1) and of one.
            #expect(run(groupBytes: 2 * perImage, products: product) == whole)
            #expect(run(groupBytes: 1, products: product) == whole)
        }
    }

    @Test("other geometries fall back to the blocked kernel")
    func fallsBack() throws {
        var strided = Self.cases[4]
        strided.stride = [1, 2, 2]
        #expect(!WinogradF43.isApplicable(ConvBlockedTests.geometry(strided)))
        try strided.check(algorithm: .winogradF43)
        var fiveByFive = Self.cases[4]
        fiveByFive.kernel = [1, 5, 5]
        fiveByFive.padding = .explicit([0, 2, 2])
        #expect(!WinogradF43.isApplicable(ConvBlockedTests.geometry(fiveByFive)))
        try fiveByFive.check(algorithm: .winogradF43GEMM)
    }

    @Test("the input transform writes Bᵀ d B of each tile at its documented place", arguments: [1, 2])
    func inputLayout(_ pad: Int) {
        let g = ConvGeometry(
            batch: 2, inChannels: 3, outChannels: 1, groups: 1, inDepth: 1, inHeight: 7, inWidth: 10, kernelDepth: 1,
            kernelHeight: 3, kernelWidth: 3, strideDepth: 1, strideHeight: 1, strideWidth: 1, padDepth: 0,
            padHeight: pad, padWidth: pad, dilationDepth: 1, dilationHeight: 1, dilationWidth: 1, outDepth: 1,
            outHeight: 7 + 2 * pad - 2, outWidth: 10 + 2 * pad - 2)
        var rng = ConvTestRNG(seed: 43)
        let x = rng.floats(g.batch * g.inChannels * g.inPlane)
        let (high, wide) = WinogradF43.tileCounts(g)
        let tiles = high * wide
        let xiStride = WinogradF43.xiStride(planes: g.batch * g.inChannels, planeStride: tiles)
        #expect(xiStride > g.batch * g.inChannels * tiles)
        var v = [Float](repeating: .nan, count: 36 * xiStride)
        x.withUnsafeBufferPointer { x in
            v.withUnsafeMutableBufferPointer { v in
                WinogradF43.transformInput(g, input: x.baseAddress!, into: v.baseAddress!)
            }
        }
        let bt = WinogradF43.inputMatrix.map { $0.map(Double.init) }
        var worst = 0.0
        for n in 0..<g.batch {
            for c in 0..<g.inChannels {
                for th in 0..<high {
                    for tw in 0..<wide {
                        func d(_ r: Int, _ s: Int) -> Double {
                            let y = 4 * th - pad + r
                            let x0 = 4 * tw - pad + s
                            guard y >= 0, y < g.inHeight, x0 >= 0, x0 < g.inWidth else { return 0 }
                            return Double(x[((n * g.inChannels + c) * g.inHeight + y) * g.inWidth + x0])
                        }
                        for i in 0..<6 {
                            for j in 0..<6 {
                                var sum = 0.0
                                for r in 0..<6 {
                                    for s in 0..<6 { sum += bt[i][r] * d(r, s) * bt[j][s] }
                                }
                                let xi = 6 * i + j
                                let got = Double(v[xi * xiStride + (n * g.inChannels + c) * tiles + th * wide + tw])
                                worst = max(worst, abs(got - sum))
                            }
                        }
                    }
                }
            }
        }
        #expect(worst < 1e-4, "largest difference \(worst)")
    }

    @Test("the input gradient through Winograd matches the reference at 1 and 2 threads", arguments: [1, 2])
    func inputGradient(_ threads: Int) throws {
        try onThreads(threads) {
            let cases = [
                ConvGradientCase.stride1(
                    51, batch: 1, inChannels: 20, outChannels: 33, size: (13, 13), kernel: (3, 3), padding: (1, 1)),
                ConvGradientCase.stride1(
                    52, batch: 2, inChannels: 35, outChannels: 16, size: (7, 9), kernel: (3, 3), padding: (0, 0)),
                ConvGradientCase.stride1(
                    53, batch: 3, inChannels: 32, outChannels: 48, size: (3, 3), kernel: (3, 3), padding: (1, 1)),
                ConvGradientCase.stride1(
                    54, batch: 1, inChannels: 64, outChannels: 64, size: (20, 21), kernel: (3, 3), padding: (2, 1)),
            ]
            for testCase in cases {
                let g = testCase.geometry
                let r = testCase.reference()
                let (x, w, dy) = try testCase.tensors(r)
                let shape = x.shape
                for winograd in [true, false] {
                    let dx = try ConvBackward.inputGradient(
                        g, spatialRank: 2, weight: w, outputGradient: dy, rows: false, planar: false, winograd: winograd
                    )
                    expectClose(try dx.reshape(shape), r.dx, shape: shape)
                }
            }
        }
    }
}
