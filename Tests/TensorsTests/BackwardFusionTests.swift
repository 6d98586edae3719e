import Foundation
import Testing

@testable import Tensors

/// The backward pass's fusion of a 2×2 average pooling's gradient with the sigmoid before it
/// (``BackwardFusion``): the same bits as the two nodes run one after the other, checked against
/// loops written here, and taken only where nothing else receives the sigmoid's output gradient.
@Suite("Backward fusion of sigmoid and 2×2 average pooling")
struct BackwardFusionTests {
    /// The gradient of `Σ avg_pool2d(sigmoid(x), 2) · dy` with respect to `x`, in plain loops:
    /// each covered input gets `dy / divisor · s · (1 − s)`, the rest `0 · s · (1 − s)`, with `s`
    /// the engine's forward output `sigmoid(x)`.
    private func naive(_ xs: [Float], _ shape: [Int], _ dys: [Float], divisor: Int) throws -> [Float] {
        let outputs = try Tensor(shape: shape, floats: xs).sigmoid().floats
        let planes = shape.dropLast(2).reduce(1, *)
        let (height, width) = (shape[shape.count - 2], shape[shape.count - 1])
        let (oh, ow) = (height / 2, width / 2)
        var share = [Float](repeating: 0, count: xs.count)
        for p in 0..<planes {
            for i in 0..<oh {
                for j in 0..<ow {
                    for (a, b) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                        share[(p * height + 2 * i + a) * width + 2 * j + b] =
                            0 + dys[(p * oh + i) * ow + j] / Float(divisor)
                    }
                }
            }
        }
        return (0..<xs.count).map { index in share[index] * outputs[index] * (1 - outputs[index]) }
    }

    static let shapes: [[Int]] = [
        [128, 6, 28, 28], [4, 16, 10, 10], [2, 3, 17, 33], [1, 2, 2, 2], [5, 1, 3, 19], [2, 40, 41], [3, 9, 7],
    ]

    @Test(
        "sigmoid then 2×2 average pooling: fused and unfused agree bit for bit and with plain loops", arguments: shapes)
    func fusedMatchesUnfused(_ shape: [Int]) throws {
        var rng = ConvTestRNG(seed: UInt64(shape.reduce(7, *)))
        // NaNs and an infinity, one NaN in the last column (outside every window when the width is odd).
        let xs = FusionChecking.inputs(shape.reduce(1, *), scale: 6, rng: &rng)
        let outCount = shape.dropLast(2).reduce(1, *) * (shape[shape.count - 2] / 2) * (shape[shape.count - 1] / 2)
        var dys = rng.floats(outCount)
        dys[dys.count - 1] = -0.0
        for divisorOverride in [nil, 3] {
            let (fused, unfused) = try FusionChecking.fusedAndUnfused(BackwardFusion.setting) { () throws -> [Float] in
                let (x, sink) = try GradientCollector.leaf(xs, shape)
                let pooled = try x.apply(.sigmoid).avgPool2d(kernelSize: 2, divisorOverride: divisorOverride)
                try Autograd.backward(pooled, gradient: try Tensor(shape: pooled.shape, floats: dys))
                return try #require(sink.gradient).floats
            }
            let expected = try naive(xs, shape, dys, divisor: divisorOverride ?? 4)
            #expect(fused.map(\.bitPattern) == unfused.map(\.bitPattern))
            #expect(fused.map(\.bitPattern) == expected.map(\.bitPattern))
        }
    }

    @Test("the fused node writes the sigmoid's input gradient itself")
    func fusionTakesPlace() throws {
        let shape = [2, 3, 6, 10]
        var rng = ConvTestRNG(seed: 31)
        let xs = rng.floats(shape.reduce(1, *))
        let (x, _) = try GradientCollector.leaf(xs, shape)
        let pooled = try x.apply(.sigmoid).avgPool2d(kernelSize: 2)
        let dys = rng.floats(pooled.tensor.count)
        let order = Autograd.topologicalOrder(from: try #require(pooled.node))
        var fusion = BackwardFusion(order, enabled: true)
        let gradients = try fusion.apply(try #require(pooled.node), try Tensor(shape: pooled.shape, floats: dys))
        let written = try #require(gradients.first ?? nil)
        let expected = try naive(xs, shape, dys, divisor: 4)
        #expect(try written.floats.map(\.bitPattern) == expected.map(\.bitPattern))
        // The sigmoid's node then passes that gradient on unchanged.
        let sigmoid = try #require(order.first { $0.name == "SigmoidBackward0" })
        let passed = try fusion.apply(sigmoid, written)
        let passedOn = try #require(passed.first ?? nil)
        #expect(try passedOn.floats.map(\.bitPattern) == written.floats.map(\.bitPattern))
    }

    @Test("a sigmoid output that also feeds another operation is not fused, and both gradients add up")
    func secondConsumer() throws {
        let shape = [2, 2, 5, 6]
        var rng = ConvTestRNG(seed: 12)
        let xs = rng.floats(shape.reduce(1, *)).map { $0 * 3 }
        let scale = rng.floats(shape.reduce(1, *))
        let (fused, unfused) = try FusionChecking.fusedAndUnfused(BackwardFusion.setting) { () throws -> [Float] in
            let (x, sink) = try GradientCollector.leaf(xs, shape)
            let y = try x.apply(.sigmoid)
            let pooled = try y.avgPool2d(kernelSize: 2)
            let scaled = try TrackedTensor.binary(.mul, y, TrackedTensor(try Tensor(shape: shape, floats: scale)))
            let total = try TrackedTensor.binary(.add, try pooled.sum(), try scaled.sum())
            try Autograd.backward(total)
            return try #require(sink.gradient).floats
        }
        #expect(fused.map(\.bitPattern) == unfused.map(\.bitPattern))
        // d/dx = (pooling share + scale) · s · (1 − s), the two contributions summed before the sigmoid.
        let share = try naive(xs, shape, [Float](repeating: 1, count: 2 * 2 * 2 * 3), divisor: 4)
        let outputs = try Tensor(shape: shape, floats: xs).sigmoid().floats
        for index in xs.indices {
            let s = outputs[index]
            let expected = share[index] + scale[index] * s * (1 - s)
            #expect(abs(fused[index] - expected) <= 1e-6, "index \(index): \(fused[index]) vs \(expected)")
        }
    }

    @Test("two poolings of one sigmoid output are not fused")
    func twoPoolings() throws {
        let shape = [1, 2, 4, 4]
        let xs = (0..<32).map { Float($0) / 8 - 2 }
        let (fused, unfused) = try FusionChecking.fusedAndUnfused(BackwardFusion.setting) { () throws -> [Float] in
            let (x, sink) = try GradientCollector.leaf(xs, shape)
            let y = try x.apply(.sigmoid)
            let first = try y.avgPool2d(kernelSize: 2)
            let second = try y.avgPool2d(kernelSize: 2, divisorOverride: 2)
            try Autograd.backward(try TrackedTensor.binary(.add, try first.sum(), try second.sum()))
            return try #require(sink.gradient).floats
        }
        #expect(fused.map(\.bitPattern) == unfused.map(\.bitPattern))
        for (index, s) in try Tensor(shape: shape, floats: xs).sigmoid().floats.enumerated() {
            #expect(abs(fused[index] - (0.25 + 0.5) * s * (1 - s)) <= 1e-7)
        }
    }

    @Test("an in-place change of the sigmoid's saved input is still reported when fused")
    func inPlaceChangeReported() throws {
        let counter = VersionCounter()
        let (x, sink) = try GradientCollector.leaf((0..<16).map { Float($0) / 4 }, [1, 1, 4, 4], version: counter)
        let pooled = try x.apply(.sigmoid).avgPool2d(kernelSize: 2)
        counter.bump()
        let message = try FusionChecking.backwardMessages(from: pooled)
        for text in [message.fused, message.unfused] {
            #expect(text.contains("modified by an inplace operation"), "\(text)")
            #expect(text.contains("SigmoidBackward0"), "\(text)")
        }
        #expect(sink.gradient == nil)
    }

    @Test("a retained graph walks twice fused, then refuses a third walk")
    func retainedGraph() throws {
        let xs = (0..<24).map { Float($0) / 5 - 2 }
        let (x, sink) = try GradientCollector.leaf(xs, [2, 3, 4])
        let pooled = try x.apply(.sigmoid).avgPool2d(kernelSize: 2)
        try Autograd.backward(try pooled.sum(), retainGraph: true)
        let once = try #require(sink.gradient).floats
        let expected = try naive(xs, [2, 3, 4], [Float](repeating: 1, count: 6), divisor: 4)
        #expect(once.map(\.bitPattern) == expected.map(\.bitPattern))
        let summed = try pooled.sum()
        try Autograd.backward(summed, retainGraph: true)
        #expect(try #require(sink.gradient).floats == once.map { $0 + $0 })
        try Autograd.backward(summed)
        do {
            try Autograd.backward(summed)
            Issue.record("expected the freed-graph error")
        } catch {
            #expect(error.message.contains("backward through the graph a second time"))
        }
    }

    @Test("fused gradients split across two threads give the one-thread bits")
    func threads() throws {
        let shape = [64, 6, 28, 28]
        var rng = ConvTestRNG(seed: 77)
        let xs = rng.floats(shape.reduce(1, *)).map { $0 * 4 }
        let dys = rng.floats(64 * 6 * 14 * 14)
        var results: [[UInt32]] = []
        for count in [1, 2] {
            try onThreads(count) {
                let (x, sink) = try GradientCollector.leaf(xs, shape)
                let pooled = try x.apply(.sigmoid).avgPool2d(kernelSize: 2)
                try Autograd.backward(pooled, gradient: try Tensor(shape: pooled.shape, floats: dys))
                results.append(try #require(sink.gradient).floats.map(\.bitPattern))
            }
        }
        #expect(results[0] == results[1])
    }
}
