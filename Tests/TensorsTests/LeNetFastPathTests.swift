import Foundation
import Testing

@testable import Tensors

/// The fast paths the book's LeNet runs (vector sigmoid, 2×2 average pooling) against plain
/// loops written independently of the engine.
@Suite("LeNet's fast paths against naive references")
struct LeNetFastPathTests {
    private func leaf(_ values: [Float], _ shape: [Int]) throws -> (TrackedTensor, GradientCollector) {
        let sink = GradientCollector()
        return (TrackedTensor(try Tensor(shape: shape, floats: values), node: GradNode(accumulatingInto: sink)), sink)
    }

    @Test("vector sigmoid within 3 ulp of the logistic function in Double, over ±100")
    func sigmoidAccuracy() throws {
        var rng = ConvTestRNG(seed: 5)
        // Spread over ±100 (subnormal and saturated results included), plus every block edge.
        var xs = (0..<20_000).map { _ in rng.float() * 100 }
        xs += [0, -0, 87, -87, 87.5, -87.5, 88, -88, 89, -89, 103, -103, 1e-8, -1e-8]
        xs += (0..<3).map { _ in rng.float() }  // a tail shorter than one block
        let ys = try Tensor(shape: [xs.count], floats: xs).sigmoid().floats
        for (x, y) in zip(xs, ys) {
            let exact = 1 / (1 + Foundation.exp(-Double(x)))
            let ulp = Double(Float(exact).ulp)
            #expect(abs(Double(y) - exact) <= 3 * ulp, "sigmoid(\(x)) = \(y), exact \(exact)")
        }
    }

    @Test("vector sigmoid and its gradient split across two threads give the one-thread bits")
    func sigmoidThreads() throws {
        var rng = ConvTestRNG(seed: 8)
        let count = 3 * VectorSigmoid.parallelMinimum + 5
        let x = try Tensor(shape: [count], floats: rng.floats(count).map { $0 * 20 })
        let dy = try Tensor(shape: [count], floats: rng.floats(count))
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        var results: [[Float]] = []
        for threads in [1, 2] {
            Parallel.threadCount = threads
            let y = try x.sigmoid()
            results.append(y.floats + (try Tensor.sigmoidGradient(dy, output: y)).floats)
        }
        #expect(results[0] == results[1])
        let y = results[0]
        let exact = x.floats.map { 1 / (1 + Foundation.exp(-Double($0))) }
        let worst = zip(exact, y).map { abs(Double($1) - $0) / Double(Float($0).ulp) }.max() ?? 0
        #expect(worst <= 3, "largest error \(worst) ulp")
    }

    @Test("vector sigmoid keeps NaN and infinities in a full block")
    func sigmoidSpecialValues() throws {
        let xs: [Float] = [.nan, .infinity, -.infinity, 1, -1, 2, -2, 0.5]
        let ys = try Tensor(shape: [8], floats: xs).sigmoid().floats
        #expect(ys[0].isNaN)
        #expect(ys[1] == 1 && ys[2] == 0)
        for index in 3..<8 { #expect(ys[index] == UnaryFunction.sigmoid.apply(xs[index])) }
    }

    @Test("sigmoid's gradient is dy · y · (1 − y) element by element")
    func sigmoidGradient() throws {
        var rng = ConvTestRNG(seed: 6)
        let xs = rng.floats(1003).map { $0 * 8 }
        let dys = rng.floats(1003)
        let (x, sink) = try leaf(xs, [17, 59])
        let y = try x.apply(.sigmoid)
        try Autograd.backward(y, gradient: try Tensor(shape: [17, 59], floats: dys))
        let outputs = y.tensor.floats
        let expected = (0..<xs.count).map { dys[$0] * outputs[$0] * (1 - outputs[$0]) }
        #expect(sink.gradient?.floats == expected)
    }

    static let halvingShapes: [[Int]] = [
        [128, 6, 28, 28], [3, 16, 10, 10], [2, 3, 17, 33], [1, 2, 2, 2], [5, 1, 3, 19], [2, 40, 41],
    ]

    @Test("2×2 average pooling, stride 2, against the naive reference", arguments: halvingShapes)
    func halvingForward(_ shape: [Int]) throws {
        var rng = ConvTestRNG(seed: UInt64(shape.reduce(0, +)))
        let xs = rng.floats(shape.reduce(1, *))
        let planes = shape.dropLast(2).reduce(1, *)
        let (height, width) = (shape[shape.count - 2], shape[shape.count - 1])
        for divisorOverride in [nil, 3] {
            let (expected, oh, ow) = ConvReference.pool(
                max: false, input: xs, planes: planes, height: height, width: width, kernel: (2, 2),
                stride: (2, 2), pad: (0, 0), dilation: (1, 1), ceilMode: false, divisorOverride: divisorOverride)
            let y = try avgPool2d(
                input: Tensor(shape: shape, floats: xs), kernelSize: 2, stride: 2, divisorOverride: divisorOverride)
            expectClose(y, expected, shape: Array(shape.dropLast(2)) + [oh, ow], tolerance: 1e-6)
            // ceil_mode changes nothing when the windows already reach the last full pair.
            let ceil = try avgPool2d(input: Tensor(shape: shape, floats: xs), kernelSize: 2, ceilMode: true)
            if height % 2 == 0 && width % 2 == 0 {
                #expect(ceil.floats == (try avgPool2d(input: Tensor(shape: shape, floats: xs), kernelSize: 2)).floats)
            }
        }
    }

    @Test("2×2 average pooling's gradient against a naive loop", arguments: halvingShapes)
    func halvingBackward(_ shape: [Int]) throws {
        var rng = ConvTestRNG(seed: UInt64(shape.reduce(1, *)))
        let xs = rng.floats(shape.reduce(1, *))
        let planes = shape.dropLast(2).reduce(1, *)
        let (height, width) = (shape[shape.count - 2], shape[shape.count - 1])
        let (oh, ow) = (height / 2, width / 2)
        let dys = rng.floats(planes * oh * ow)
        for divisorOverride in [nil, 5] {
            let (x, sink) = try leaf(xs, shape)
            let y = try x.avgPool2d(kernelSize: 2, divisorOverride: divisorOverride)
            try Autograd.backward(y, gradient: try Tensor(shape: y.shape, floats: dys))
            var expected = [Float](repeating: 0, count: xs.count)
            for p in 0..<planes {
                for i in 0..<oh {
                    for j in 0..<ow {
                        for (a, b) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                            expected[(p * height + 2 * i + a) * width + 2 * j + b] =
                                dys[(p * oh + i) * ow + j] / Float(divisorOverride ?? 4)
                        }
                    }
                }
            }
            #expect(sink.gradient?.floats == expected)
        }
    }

    /// Small stride-1 convolutions the row-wise input gradient takes: LeNet's second layer, every
    /// channel count up to four blocks of three, widths up to 16, paddings up to kernel − 1.
    static let rowCases: [ConvGradientCase] = {
        var rng = ConvTestRNG(seed: 181)
        var cases = [
            ConvGradientCase(
                seed: 0, batch: 9, groups: 1, inChannels: 6, outChannels: 16, size: (14, 14), kernel: (5, 5),
                stride: (1, 1), dilation: (1, 1), padding: (0, 0))
        ]
        for index in 1..<40 {
            let kernel = (rng.int(1...5), rng.int(1...5))
            let padding = (rng.int(0...(kernel.0 - 1)), rng.int(0...(kernel.1 - 1)))
            cases.append(
                ConvGradientCase(
                    seed: UInt64(index), batch: rng.int(1...5), groups: 1, inChannels: rng.int(1...12),
                    outChannels: rng.int(1...17),
                    size: (
                        max(1, kernel.0 - 2 * padding.0) + rng.int(0...9),
                        max(1, kernel.1 - 2 * padding.1) + rng.int(0...(16 - kernel.1))
                    ),
                    kernel: kernel, stride: (1, 1), dilation: (1, 1), padding: padding))
        }
        return cases
    }()

    @Test(
        "the row-wise input gradient (8 lanes, and 16 with AVX-512) against the naive reference, on one and two threads",
        arguments: rowCases)
    func inputRows(_ c: ConvGradientCase) throws {
        let g = c.geometry
        #expect(ConvInputRows.isSuitable(g))
        let r = c.reference()
        let w = try Tensor(shape: [c.outChannels, c.inChannels, c.kernel.0, c.kernel.1], floats: r.w)
        let dy = try Tensor(shape: [c.batch, c.outChannels, g.outHeight, g.outWidth], floats: r.dy)
        let saved = Parallel.threadCount
        defer { Parallel.threadCount = saved }
        for threads in [1, 2] {
            Parallel.threadCount = threads
            for wide in [false] + (CPUFeatures.current.hasAVX512 ? [true] : []) {
                let rows = try ConvBackward.inputGradient(
                    g, spatialRank: 2, weight: w, outputGradient: dy, rows: true, wideRows: wide)
                expectClose(rows, r.dx, shape: [c.batch, c.inChannels, c.size.0, c.size.1])
            }
            let general = try ConvBackward.inputGradient(g, spatialRank: 2, weight: w, outputGradient: dy, rows: false)
            expectClose(general, r.dx, shape: [c.batch, c.inChannels, c.size.0, c.size.1])
        }
    }

    @Test("the row-wise input gradient refuses what it does not handle")
    func inputRowsLimits() {
        func geometry(_ channels: Int, width: Int, stride: Int, padding: Int) -> ConvGeometry {
            ConvGradientCase(
                seed: 0, batch: 1, groups: 1, inChannels: channels, outChannels: 4, size: (8, width), kernel: (3, 3),
                stride: (stride, stride), dilation: (1, 1), padding: (padding, padding)
            ).geometry
        }
        #expect(ConvInputRows.isSuitable(geometry(12, width: 16, stride: 1, padding: 2)))
        #expect(!ConvInputRows.isSuitable(geometry(13, width: 16, stride: 1, padding: 1)))
        #expect(!ConvInputRows.isSuitable(geometry(6, width: 17, stride: 1, padding: 1)))
        #expect(!ConvInputRows.isSuitable(geometry(6, width: 16, stride: 2, padding: 1)))
        #expect(!ConvInputRows.isSuitable(geometry(6, width: 16, stride: 1, padding: 3)))
    }
}
