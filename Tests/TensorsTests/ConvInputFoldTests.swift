import Testing

@testable import Tensors

/// The input gradient as `Wᵀ · dY` folded back onto the input (col2im) at stride 1, which the
/// engine takes without AVX-512 for few input channels per group (an RGB stem), against plain
/// loops and against the transposed forward convolution it replaces.
@Suite("The input gradient of few-channel convolutions folds Wᵀ · dY back onto the input")
struct ConvInputFoldTests {
    /// Three channels (an RGB stem, padded), one channel with a 5 × 5 kernel (LeNet's first
    /// layer), two groups of four, a dilated kernel column, and a layer with more channels than
    /// the rule takes (the fold still computes it when asked).
    static let cases = [
        ConvGradientCase.stride1(
            41, batch: 2, inChannels: 3, outChannels: 16, size: (19, 23), kernel: (3, 3), padding: (1, 1)),
        ConvGradientCase.stride1(
            42, batch: 3, inChannels: 1, outChannels: 6, size: (12, 12), kernel: (5, 5), padding: (2, 2)),
        ConvGradientCase.stride1(
            43, batch: 1, groups: 2, inChannels: 8, outChannels: 6, size: (9, 11), kernel: (3, 2), dilation: (1, 2),
            padding: (1, 0)),
        ConvGradientCase.stride1(44, batch: 2, inChannels: 12, outChannels: 8, size: (7, 10), kernel: (3, 3)),
    ]

    @Test(
        "dX folded matches the reference and the transposed forward convolution, at 1 and 2 threads",
        arguments: [1, 2])
    func matchesReference(_ threads: Int) throws {
        try onThreads(threads) {
            for testCase in Self.cases {
                let g = testCase.geometry
                let r = testCase.reference()
                let (x, w, dy) = try testCase.tensors(r)
                let shape = x.shape
                for folds in [true, false] {
                    let dx = try ConvBackward.inputGradient(
                        g, spatialRank: 2, weight: w, outputGradient: dy, rows: false, planar: false, winograd: false,
                        folds: folds)
                    expectClose(try dx.reshape(shape), r.dx, shape: shape)
                }
                // The engine's own choice, whichever path it takes here.
                let chosen = try ConvBackward.inputGradient(g, spatialRank: 2, weight: w, outputGradient: dy)
                expectClose(try chosen.reshape(shape), r.dx, shape: shape)
            }
        }
    }

    @Test("the engine folds only without AVX-512 and for at most four input channels per group")
    func rule() {
        let avx2 = !CPUFeatures.current.useAVX512
        #expect(ConvBackward.foldsInputGradient(Self.cases[0].geometry) == avx2)
        #expect(ConvBackward.foldsInputGradient(Self.cases[1].geometry) == avx2)
        #expect(ConvBackward.foldsInputGradient(Self.cases[2].geometry) == avx2)
        #expect(!ConvBackward.foldsInputGradient(Self.cases[3].geometry))
    }
}
