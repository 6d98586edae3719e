import Testing

@testable import Tensors

/// The input gradient as a forward blocked convolution whose flipped weights are packed in one
/// pass (``ConvInputBlocked``), against plain loops.
@Suite("The input gradient packs flipped weights straight into the blocked layout")
struct ConvInputBlockedTests {
    /// Blocks of 8 and of one original output channel, filter blocks of 32 and 16, groups,
    /// kernels of 4, 9, 15 and 49 taps (fewer than 8 take the scalar loop; 9 and 49 overlap their
    /// last 8 taps), padding below the kernel's reach, a dilated kernel column.
    static let cases = [
        ConvGradientCase.stride1(
            31, batch: 1, inChannels: 32, outChannels: 24, size: (13, 17), kernel: (3, 3), padding: (1, 1)),
        ConvGradientCase.stride1(32, batch: 2, inChannels: 48, outChannels: 16, size: (9, 11), kernel: (3, 3)),
        ConvGradientCase.stride1(
            33, batch: 3, groups: 2, inChannels: 32, outChannels: 16, size: (8, 10), kernel: (5, 3), dilation: (2, 1),
            padding: (2, 1)),
        ConvGradientCase.stride1(34, batch: 1, inChannels: 16, outChannels: 5, size: (7, 9), kernel: (2, 2)),
        ConvGradientCase.stride1(
            35, batch: 2, inChannels: 16, outChannels: 8, size: (12, 12), kernel: (7, 7), padding: (3, 3)),
    ]

    @Test("dX matches the reference and the flipped copy's path, at 1 and 2 threads", arguments: [1, 2])
    func matchesReference(_ threads: Int) throws {
        try onThreads(threads) {
            for testCase in Self.cases {
                let g = testCase.geometry
                // Blocks of one channel go blocked only on the 16-lane kernel (else ConvShifted).
                if testCase.outChannels % 8 == 0 || CPUFeatures.current.useAVX512 {
                    #expect(ConvInputBlocked.transposed(g) != nil, "\(testCase.testDescription)")
                }
                try testCase.check(weightAlgorithm: nil)
                let r = testCase.reference()
                let (x, w, dy) = try testCase.tensors(r)
                let shape = x.shape
                let copied = try ConvBackward.inputGradient(
                    g, spatialRank: 2, weight: w, outputGradient: dy, rows: false, planar: false, packsFlipped: false)
                expectClose(try copied.reshape(shape), r.dx, shape: shape)
            }
        }
    }

    @Test("strided and over-padded convolutions are not forward ones")
    func declines() {
        let strided = ConvGradientCase(
            seed: 0, batch: 1, groups: 1, inChannels: 16, outChannels: 16, size: (12, 12), kernel: (3, 3),
            stride: (2, 1), dilation: (1, 1), padding: (1, 1))
        #expect(ConvInputBlocked.transposed(strided.geometry) == nil)
        let padded = ConvGradientCase(
            seed: 0, batch: 1, groups: 1, inChannels: 16, outChannels: 16, size: (12, 12), kernel: (3, 3),
            stride: (1, 1), dilation: (1, 1), padding: (3, 1))
        #expect(ConvInputBlocked.transposed(padded.geometry) == nil)
    }
}
