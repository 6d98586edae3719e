import Testing

@testable import Tensors

/// One random pooling problem.
struct PoolCase: Sendable, CustomTestStringConvertible {
    var seed: UInt64
    var batch: Int?
    var channels: Int
    var height: Int
    var width: Int
    var kernel: (Int, Int)
    var stride: (Int, Int)?
    var pad: (Int, Int)
    var dilation: (Int, Int)
    var ceilMode: Bool
    var countIncludePad: Bool
    var divisorOverride: Int?

    var testDescription: String {
        "pool #\(seed): \(batch.map(String.init) ?? "-")×\(channels)×\(height)×\(width) k \(kernel) "
            + "s \(String(describing: stride)) p \(pad) d \(dilation) ceil \(ceilMode)"
    }

    static func random(count: Int, seed: UInt64) -> [PoolCase] {
        var rng = ConvTestRNG(seed: seed)
        return (0..<count).map { index in
            let kernel = (rng.int(1...4), rng.int(1...4))
            let dilation = rng.int(0...3) == 0 ? (rng.int(1...2), rng.int(1...2)) : (1, 1)
            let stride: (Int, Int)? = rng.bool() ? nil : (rng.int(1...3), rng.int(1...3))
            let pad = (rng.int(0...(kernel.0 / 2)), rng.int(0...(kernel.1 / 2)))
            let span = (dilation.0 * (kernel.0 - 1) + 1, dilation.1 * (kernel.1 - 1) + 1)
            let batch = rng.int(0...2)
            // Every eighth case is wide enough for the vector paths; the first also for threads.
            let large = index % 8 == 0
            return PoolCase(
                seed: UInt64(index), batch: batch == 0 ? nil : batch, channels: index == 0 ? 40 : rng.int(1...3),
                height: span.0 + rng.int(0...(large ? 40 : 7)),
                width: span.1 + rng.int((large ? 16 : 0)...(large ? 40 : 7)),
                kernel: kernel, stride: stride, pad: pad, dilation: dilation, ceilMode: rng.bool(),
                countIncludePad: rng.bool(), divisorOverride: rng.int(0...4) == 0 ? rng.int(1...5) : nil)
        }
    }

    var inputShape: [Int] { (batch.map { [$0] } ?? []) + [channels, height, width] }
    var planes: Int { (batch ?? 1) * channels }
}

@Suite("Pooling against a naive reference")
struct PoolTests {
    static let cases = PoolCase.random(count: 160, seed: 77)

    @Test("max_pool2d", arguments: cases)
    func maxPool(_ c: PoolCase) throws {
        var rng = ConvTestRNG(seed: c.seed)
        let xs = rng.floats(c.planes * c.height * c.width)
        let stride = c.stride ?? c.kernel
        let (expected, oh, ow) = ConvReference.pool(
            max: true, input: xs, planes: c.planes, height: c.height, width: c.width, kernel: c.kernel,
            stride: stride, pad: c.pad, dilation: c.dilation, ceilMode: c.ceilMode)
        let y = try maxPool2d(
            input: Tensor(shape: c.inputShape, floats: xs), kernelSize: ConvPair(c.kernel.0, c.kernel.1),
            stride: c.stride.map { ConvPair($0.0, $0.1) }, padding: ConvPair(c.pad.0, c.pad.1),
            dilation: ConvPair(c.dilation.0, c.dilation.1), ceilMode: c.ceilMode)
        expectClose(y, expected, shape: Array(c.inputShape.dropLast(2)) + [oh, ow], tolerance: 0)
    }

    @Test("avg_pool2d", arguments: cases)
    func avgPool(_ c: PoolCase) throws {
        var rng = ConvTestRNG(seed: c.seed)
        let xs = rng.floats(c.planes * c.height * c.width)
        let stride = c.stride ?? c.kernel
        let (expected, oh, ow) = ConvReference.pool(
            max: false, input: xs, planes: c.planes, height: c.height, width: c.width, kernel: c.kernel,
            stride: stride, pad: c.pad, dilation: (1, 1), ceilMode: c.ceilMode,
            countIncludePad: c.countIncludePad, divisorOverride: c.divisorOverride)
        let y = try avgPool2d(
            input: Tensor(shape: c.inputShape, floats: xs), kernelSize: ConvPair(c.kernel.0, c.kernel.1),
            stride: c.stride.map { ConvPair($0.0, $0.1) }, padding: ConvPair(c.pad.0, c.pad.1),
            ceilMode: c.ceilMode, countIncludePad: c.countIncludePad, divisorOverride: c.divisorOverride)
        expectClose(y, expected, shape: Array(c.inputShape.dropLast(2)) + [oh, ow])
    }

    @Test("adaptive_avg_pool2d", arguments: 0..<60)
    func adaptive(_ seed: Int) throws {
        var rng = ConvTestRNG(seed: UInt64(seed))
        let (planes, height, width) = (rng.int(1...3), rng.int(1...12), rng.int(1...12))
        let (oh, ow) = (rng.int(1...7), rng.int(1...7))
        let xs = rng.floats(planes * height * width)
        let y = try adaptiveAvgPool2d(
            input: Tensor(shape: [planes, height, width], floats: xs), outputSize: ConvPair(oh, ow))
        let expected = ConvReference.adaptiveAverage(
            input: xs, planes: planes, height: height, width: width, outHeight: oh, outWidth: ow)
        expectClose(y, expected, shape: [planes, oh, ow])
    }

    @Test("max_pool2d propagates NaN as PyTorch does")
    func nanPropagates() throws {
        let x = try Tensor(shape: [1, 2, 2], floats: [1, .nan, 3, 4])
        let y = try maxPool2d(input: x, kernelSize: 2)
        #expect(try y.floats.first?.isNaN == true)
    }
}
