import Testing

@testable import Tensors

/// ``ConvInputPlanar`` (input positions in the lanes) against the naive input gradient.
@Suite("The input gradient onto few input channels against the naive reference")
struct ConvInputPlanarTests {
    /// An RGB stem's shape, then random stride-1 convolutions onto 1–4 channels: kernels up to
    /// 7 × 7 (not square), paddings up to kernel − 1, rows from 17 columns (tails of every
    /// width) and bands cut short at the bottom.
    static let cases: [ConvGradientCase] = {
        var rng = ConvTestRNG(seed: 211)
        var cases = [
            ConvGradientCase(
                seed: 0, batch: 2, groups: 1, inChannels: 3, outChannels: 16, size: (19, 40), kernel: (3, 3),
                stride: (1, 1), dilation: (1, 1), padding: (1, 1))
        ]
        for index in 1..<30 {
            let kernel = (rng.int(1...7), rng.int(1...7))
            let padding = (rng.int(0...(kernel.0 - 1)), rng.int(0...(kernel.1 - 1)))
            cases.append(
                ConvGradientCase(
                    seed: UInt64(index), batch: rng.int(1...3), groups: 1, inChannels: rng.int(1...4),
                    outChannels: rng.int(1...20),
                    size: (max(1, kernel.0 - 2 * padding.0) + rng.int(0...20), 17 + rng.int(0...120)),
                    kernel: kernel, stride: (1, 1), dilation: (1, 1), padding: padding))
        }
        return cases
    }()

    @Test("input positions in the lanes (AVX-512), on one and two threads", arguments: cases)
    func planar(_ c: ConvGradientCase) throws {
        let g = c.geometry
        #expect(ConvInputPlanar.isSuitable(g))
        guard CPUFeatures.current.hasAVX512 else { return }
        let r = c.reference()
        let (_, w, dy) = try c.tensors(r)
        for threads in [1, 2] {
            try onThreads(threads) {
                let dx = try ConvBackward.inputGradient(
                    g, spatialRank: 2, weight: w, outputGradient: dy, rows: false, planar: true)
                expectClose(dx, r.dx, shape: [c.batch, c.inChannels, c.size.0, c.size.1])
            }
        }
    }

    @Test("refuses strides, dilations, groups, many channels and narrow rows")
    func limits() {
        func geometry(
            channels: Int = 3, width: Int = 40, stride: Int = 1, dilation: Int = 1, groups: Int = 1, padding: Int = 1
        ) -> ConvGeometry {
            ConvGradientCase(
                seed: 0, batch: 1, groups: groups, inChannels: channels, outChannels: 6, size: (8, width),
                kernel: (3, 3), stride: (stride, stride), dilation: (dilation, dilation), padding: (padding, padding)
            ).geometry
        }
        #expect(ConvInputPlanar.isSuitable(geometry()))
        #expect(ConvInputPlanar.isSuitable(geometry(channels: 4, width: 17)))
        #expect(!ConvInputPlanar.isSuitable(geometry(channels: 5)))
        #expect(!ConvInputPlanar.isSuitable(geometry(width: 16)))
        #expect(!ConvInputPlanar.isSuitable(geometry(stride: 2)))
        #expect(!ConvInputPlanar.isSuitable(geometry(dilation: 2)))
        #expect(!ConvInputPlanar.isSuitable(geometry(channels: 2, groups: 2)))
        #expect(!ConvInputPlanar.isSuitable(geometry(padding: 3)))
    }
}
