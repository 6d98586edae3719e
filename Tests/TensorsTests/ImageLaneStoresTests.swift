import TensorsWide
import Testing

@testable import Tensors

/// The scatter out of the lanes with its rows stored to whole 64-byte lines
/// (``ImageLaneStores/aligned``) moves the same floats as the plain walk: a convolution with sixteen
/// images in the lanes gives the same bits into outputs placed at every float offset from a line,
/// with the switch on and off, and they match the naive reference.
@Suite("Line-aligned stores out of the image lanes", .serialized)
struct ImageLaneStoresTests {
    /// LeNet's second layer (1,600 floats an image: a head, 99 aligned squares and a tail), a layer
    /// whose images are 112 floats (stride a multiple of 16, little room after the head), and one of
    /// 75 (stride not a multiple of 16: the plain walk).
    static let cases: [ConvCase] = [
        (6, 16, 14, 14, 5, 0),
        (3, 2, 8, 7, 3, 1),
        (2, 3, 7, 7, 3, 0),
    ].map { inChannels, outChannels, height, width, kernel, pad in
        ConvCase(
            seed: 18, spatialRank: 2, batch: 16, groups: 1, inChannels: inChannels, outChannels: outChannels,
            size: [1, height, width], kernel: [1, kernel, kernel], stride: [1, 1, 1],
            dilation: [1, 1, 1], padding: .explicit([0, pad, pad]), hasBias: true)
    }

    @Test(
        "outputs at every offset from a cache line, aligned stores on and off, are the same bits",
        .enabled(if: CPUFeatures.current.hasAVX512, "this CPU (or its operating system) has no AVX-512"),
        arguments: cases)
    func sameBits(_ testCase: ConvCase) throws {
        let g = ConvBlockedTests.geometry(testCase)
        #expect(ConvBatchLanes.isSuitable(g) == CPUFeatures.current.useAVX512)
        var rng = ConvTestRNG(seed: 18)
        let input = rng.floats(g.batch * g.inChannels * g.inPlane)
        let weight = rng.floats(g.outChannels * g.inChannels * g.kernelHeight * g.kernelWidth)
        let bias = rng.floats(g.outChannels)
        let count = g.batch * g.outChannels * g.outPlane
        let saved = ImageLaneStores.aligned
        defer { ImageLaneStores.aligned = saved }

        func run(offset: Int, aligned: Bool) -> [Float] {
            ImageLaneStores.aligned = aligned
            let raw = UnsafeMutableRawPointer.allocate(byteCount: 4 * (count + 16), alignment: 64)
            defer { raw.deallocate() }
            let output = raw.bindMemory(to: Float.self, capacity: count + 16) + offset
            input.withUnsafeBufferPointer { x in
                weight.withUnsafeBufferPointer { w in
                    bias.withUnsafeBufferPointer { b in
                        ConvBatchLanes.run(
                            g, input: x.baseAddress!, weight: w.baseAddress!, bias: b.baseAddress!, output: output)
                    }
                }
            }
            return Array(UnsafeBufferPointer(start: output, count: count))
        }

        let plain = run(offset: 0, aligned: false)
        let reference = ConvReference.conv(
            input: input, batch: g.batch, inChannels: g.inChannels, size: [1, g.inHeight, g.inWidth],
            weight: weight, outChannels: g.outChannels, kernel: [1, g.kernelHeight, g.kernelWidth], bias: bias,
            stride: [1, 1, 1], padBefore: [0, g.padHeight, g.padWidth], padAfter: [0, g.padHeight, g.padWidth],
            dilation: [1, 1, 1], groups: 1
        ).values
        #expect(reference.count == plain.count)
        let worst = zip(plain, reference).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-4, "largest difference from the naive reference: \(worst)")
        for offset in 0..<16 {
            for aligned in [true, false] {
                let result = run(offset: offset, aligned: aligned)
                #expect(
                    result.map(\.bitPattern) == plain.map(\.bitPattern),
                    "offset \(offset) floats, aligned stores \(aligned)")
            }
        }
    }
}
