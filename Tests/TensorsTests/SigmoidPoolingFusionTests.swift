import Foundation
import Testing

@_spi(Benchmark) @testable import Tensors

/// The forward fusion of a sigmoid with the 2×2 average pooling after it
/// (``TrackedTensor/sigmoidAvgPool2d(kernelSize:stride:padding:ceilMode:countIncludePad:divisorOverride:)``):
/// the same bits as the two operations one after the other, the pooling checked against loops written
/// here, the same nodes and gradients, and the unfused path wherever the fused one does not apply.
@Suite("Forward fusion of sigmoid and 2×2 average pooling")
struct SigmoidPoolingFusionTests {
    /// A halving average pooling of `ys` in plain loops, summed as the engine's general path sums a
    /// window (`0 +` the two rows of the left column, then those of the right one).
    private func naivePool(_ ys: [Float], _ shape: [Int], divisor: Int) -> [Float] {
        let planes = shape.dropLast(2).reduce(1, *)
        let (height, width) = (shape[shape.count - 2], shape[shape.count - 1])
        let (oh, ow) = (height / 2, width / 2)
        var out: [Float] = []
        for p in 0..<planes {
            for i in 0..<oh {
                for j in 0..<ow {
                    let at = { (a: Int, b: Int) in ys[(p * height + 2 * i + a) * width + 2 * j + b] }
                    out.append((0 + (at(0, 0) + at(1, 0)) + (at(0, 1) + at(1, 1))) / Float(divisor))
                }
            }
        }
        return out
    }

    /// The scalar sigmoid, as `UnaryFunction.sigmoid` defines it.
    private func scalarSigmoid(_ x: Float) -> Float { x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x)) }

    // LeNet's two poolings (planes of 784 and of 100 values), odd sizes whose last row or column no window
    // covers, planes of odd sizes (so groups of sixteen planes), 3-D inputs, a batch of one, and output rows
    // of 1 to 3, 4, 5 to 7, 8, 9 to 15 and more values (the pooling's registers of four and eight).
    static let shapes: [[Int]] = [
        [128, 6, 28, 28], [128, 16, 10, 10], [3, 16, 10, 10], [2, 3, 17, 33], [1, 2, 2, 2], [5, 1, 3, 19],
        [2, 40, 41], [3, 9, 7], [1, 1, 5, 5], [7, 3, 6, 6], [2, 2, 4, 8], [1, 3, 5, 13], [2, 1, 6, 30],
    ]

    @Test("one pass gives the two operations' bits, and the pooling of plain loops", arguments: shapes)
    func matchesUnfused(_ shape: [Int]) throws {
        var rng = ConvTestRNG(seed: UInt64(shape.reduce(11, *)))
        // NaN, infinities and values past ±87, which the vector loop leaves to the scalar function.
        var xs = FusionChecking.inputs(shape.reduce(1, *), scale: 6, rng: &rng)
        xs[xs.count / 3] = -.infinity
        xs[xs.count / 5] = 95
        xs[xs.count / 7] = -120
        for divisorOverride in [nil, 3] {
            let (fused, unfused) = try FusionChecking.fusedAndUnfused(SigmoidPoolingFusion.setting) {
                () throws -> ([UInt32], [UInt32]) in
                let (x, _) = try GradientCollector.leaf(xs, shape)
                let (activation, pooled) = try x.sigmoidAvgPool2d(kernelSize: 2, divisorOverride: divisorOverride)
                return (
                    try activation.tensor.floats.map(\.bitPattern), try pooled.tensor.floats.map(\.bitPattern)
                )
            }
            #expect(fused.0 == unfused.0)
            #expect(fused.1 == unfused.1)
            let ys = fused.0.map(Float.init(bitPattern:))
            let expected = naivePool(ys, shape, divisor: divisorOverride ?? 4)
            #expect(fused.1 == expected.map(\.bitPattern))
            // The sigmoid itself, against the scalar formula (the vector one is within 2 ulp of it).
            for (index, x) in xs.enumerated() where !x.isNaN {
                let exact = scalarSigmoid(x)
                #expect(abs(ys[index] - exact) <= 2 * exact.ulp, "x = \(x): \(ys[index]) vs \(exact)")
            }
        }
    }

    @Test("the nodes are the two operations' nodes, and the gradients the same bits", arguments: shapes)
    func sameGradients(_ shape: [Int]) throws {
        var rng = ConvTestRNG(seed: UInt64(shape.reduce(5, *)))
        let xs = rng.floats(shape.reduce(1, *)).map { $0 * 4 }
        let outCount = shape.dropLast(2).reduce(1, *) * (shape[shape.count - 2] / 2) * (shape[shape.count - 1] / 2)
        let dys = rng.floats(outCount)
        let (fused, unfused) = try FusionChecking.fusedAndUnfused(SigmoidPoolingFusion.setting) {
            () throws -> ([UInt32], [String]) in
            let (x, sink) = try GradientCollector.leaf(xs, shape)
            let (activation, pooled) = try x.sigmoidAvgPool2d(kernelSize: 2, stride: 2)
            let names = [pooled.node?.name ?? "-", activation.node?.name ?? "-"]
            try Autograd.backward(pooled, gradient: try Tensor(shape: pooled.shape, floats: dys))
            return (try #require(sink.gradient).floats.map(\.bitPattern), names)
        }
        #expect(fused.1 == ["AvgPool2DBackward0", "SigmoidBackward0"])
        #expect(fused.1 == unfused.1)
        #expect(fused.0 == unfused.0)
    }

    @Test("one thread and two give the same bits")
    func threads() throws {
        for shape in [[128, 6, 28, 28], [128, 16, 10, 10], [33, 16, 11, 13]] {
            var rng = ConvTestRNG(seed: 91)
            let xs = rng.floats(shape.reduce(1, *)).map { $0 * 5 }
            var results: [[UInt32]] = []
            for count in [1, 2] {
                try onThreads(count) {
                    let (activation, pooled) = try TrackedTensor(try Tensor(shape: shape, floats: xs)).sigmoidAvgPool2d(
                        kernelSize: 2)
                    results.append(
                        try activation.tensor.floats.map(\.bitPattern) + pooled.tensor.floats.map(\.bitPattern))
                }
            }
            #expect(results[0] == results[1])
            let reference = try TrackedTensor(try Tensor(shape: shape, floats: xs)).apply(.sigmoid)
            let pooled = try reference.avgPool2d(kernelSize: 2)
            #expect(
                results[0] == (try reference.tensor.floats.map(\.bitPattern) + pooled.tensor.floats.map(\.bitPattern)))
        }
    }

    @Test("other poolings and inputs take the two operations, with their results and errors")
    func fallsBack() throws {
        var rng = ConvTestRNG(seed: 3)
        let xs = rng.floats(2 * 3 * 7 * 7)
        let x = TrackedTensor(try Tensor(shape: [2, 3, 7, 7], floats: xs))
        // A 3×3 window with stride 1 and padding: not a halving pooling.
        let (activation, pooled) = try x.sigmoidAvgPool2d(kernelSize: 3, stride: 1, padding: 1)
        let expected = try x.apply(.sigmoid).avgPool2d(kernelSize: 3, stride: 1, padding: 1)
        #expect(activation.shape == [2, 3, 7, 7])
        #expect(try pooled.tensor.floats.map(\.bitPattern) == expected.tensor.floats.map(\.bitPattern))
        // An int tensor: the sigmoid converts it, as on its own.
        let ints = TrackedTensor(try Tensor(shape: [1, 1, 2, 2], ints: [0, 1, 2, 3]))
        let fromInts = try ints.sigmoidAvgPool2d(kernelSize: 2).pooled.tensor.floats
        #expect(fromInts == (try ints.apply(.sigmoid).avgPool2d(kernelSize: 2).tensor.floats))
        // Too small for one window, and a zero divisor: the pooling's own errors.
        let tiny = TrackedTensor(try Tensor(shape: [1, 1, 1, 1], floats: [0.5]))
        for (input, divisor) in [(tiny, nil), (x, 0)] as [(TrackedTensor, Int?)] {
            var messages: [String] = []
            for call in 0..<2 {
                do {
                    if call == 0 {
                        _ = try input.sigmoidAvgPool2d(kernelSize: 2, divisorOverride: divisor)
                    } else {
                        _ = try input.apply(.sigmoid).avgPool2d(kernelSize: 2, divisorOverride: divisor)
                    }
                    messages.append("no error")
                } catch {
                    messages.append(error.message)
                }
            }
            #expect(messages[0] == messages[1])
            #expect(messages[0] != "no error")
        }
    }
}
