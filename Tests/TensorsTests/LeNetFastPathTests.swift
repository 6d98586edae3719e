import Foundation
import Testing

@testable import Tensors

/// The fast paths the book's LeNet runs (vector sigmoid, 2×2 average pooling) against plain
/// loops written independently of the engine.
@Suite("LeNet's fast paths against naive references")
struct LeNetFastPathTests {
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

    /// The widths this machine can run: 8 lanes always, 16 where AVX-512 is present.
    static let sigmoidWidths: [Bool] = CPUFeatures.current.hasAVX512 ? [false, true] : [false]

    @Test(
        "vector sigmoid on a dense sweep within 2 ulp of scalar expf's and 3 of the exact value",
        arguments: sigmoidWidths)
    func sigmoidDenseSweep(_ wide: Bool) throws {
        // Every 1/1024 over ±90 (results down to 1e-39, subnormal below x ≈ −87.3), plus the
        // extremes, each special value once in every lane position of a 16-lane register.
        var xs = (-92_160...92_160).map { Float($0) / 1024 }
        xs += [88, -88, 88.7, -88.7, 100, -100, 103.9, -103.9, 1e-30, -1e-30, .leastNonzeroMagnitude]
        for lane in 0..<16 {
            for special: Float in [.nan, .infinity, -.infinity, -100, 100] {
                var block = (0..<16).map { Float($0) / 4 - 2 }
                block[lane] = special
                xs += block
            }
        }
        xs += [0.25, -3]  // a tail shorter than one register
        var ys = [Float](repeating: -1, count: xs.count)
        xs.withUnsafeBufferPointer { x in
            ys.withUnsafeMutableBufferPointer { y in
                VectorSigmoid.forward(x.baseAddress!, y.baseAddress!, count: x.count, wide: wide)
            }
        }
        var worstScalar = 0.0
        var worstExact = 0.0
        for (x, y) in zip(xs, ys) {
            let scalar: Float = x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
            if x.isNaN {
                #expect(y.isNaN, "sigmoid(nan) = \(y)")
                continue
            }
            let exact = 1 / (1 + Foundation.exp(-Double(x)))
            let ulp = Double(Float(exact).ulp)
            worstScalar = max(worstScalar, abs(Double(y) - Double(scalar)) / ulp)
            worstExact = max(worstExact, abs(Double(y) - exact) / ulp)
            if x.isInfinite || abs(x) > 87 { #expect(y == scalar, "sigmoid(\(x)) = \(y), scalar \(scalar)") }
        }
        #expect(worstScalar <= 2, "largest difference from scalar expf: \(worstScalar) ulp")
        #expect(worstExact <= 3, "largest error: \(worstExact) ulp")
    }

    @Test("vector sigmoid's gradient is dy · y · (1 − y) at both widths", arguments: sigmoidWidths)
    func sigmoidGradientWidths(_ wide: Bool) throws {
        var rng = ConvTestRNG(seed: 9)
        let count = 16 * 40 + 13
        let dy = rng.floats(count)
        let y = rng.floats(count).map { ($0 + 1) / 2 }
        var dx = [Float](repeating: 0, count: count)
        dy.withUnsafeBufferPointer { dy in
            y.withUnsafeBufferPointer { y in
                dx.withUnsafeMutableBufferPointer { dx in
                    VectorSigmoid.backward(dy.baseAddress!, y.baseAddress!, dx.baseAddress!, count: count, wide: wide)
                }
            }
        }
        #expect(dx == (0..<count).map { dy[$0] * y[$0] * (1 - y[$0]) })
    }

    @Test("vector sigmoid and its gradient split across two threads give the one-thread bits")
    func sigmoidThreads() throws {
        var rng = ConvTestRNG(seed: 8)
        let count = 3 * VectorSigmoid.parallelMinimum + 5
        let x = try Tensor(shape: [count], floats: rng.floats(count).map { $0 * 20 })
        let dy = try Tensor(shape: [count], floats: rng.floats(count))
        var results: [[Float]] = []
        for threads in [1, 2] {
            try onThreads(threads) {
                let y = try x.sigmoid()
                try results.append(y.floats + (try Tensor.sigmoidGradient(dy, output: y)).floats)
            }
        }
        #expect(results[0] == results[1])
        let y = results[0]
        let exact = try x.floats.map { 1 / (1 + Foundation.exp(-Double($0))) }
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
        let (x, sink) = try GradientCollector.leaf(xs, [17, 59])
        let y = try x.apply(.sigmoid)
        try Autograd.backward(y, gradient: try Tensor(shape: [17, 59], floats: dys))
        let outputs = try y.tensor.floats
        let expected = (0..<xs.count).map { dys[$0] * outputs[$0] * (1 - outputs[$0]) }
        #expect(try sink.gradient?.floats == expected)
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
                #expect(
                    try ceil.floats == (try avgPool2d(input: Tensor(shape: shape, floats: xs), kernelSize: 2)).floats)
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
            let (x, sink) = try GradientCollector.leaf(xs, shape)
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
            #expect(try sink.gradient?.floats == expected)
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
        let (_, w, dy) = try c.tensors(r)
        for threads in [1, 2] {
            try onThreads(threads) {
                for wide in [false] + (CPUFeatures.current.hasAVX512 ? [true] : []) {
                    let rows = try ConvBackward.inputGradient(
                        g, spatialRank: 2, weight: w, outputGradient: dy, rows: true, wideRows: wide)
                    expectClose(rows, r.dx, shape: [c.batch, c.inChannels, c.size.0, c.size.1])
                }
                let general = try ConvBackward.inputGradient(
                    g, spatialRank: 2, weight: w, outputGradient: dy, rows: false)
                expectClose(general, r.dx, shape: [c.batch, c.inChannels, c.size.0, c.size.1])
            }
        }
    }

    /// Shapes whose row widths ``ConvInputBatchWideTile`` has a loop for (input, output gradient,
    /// kernel; the column padding follows), batches of whole blocks of sixteen images and with
    /// images left over, random channels, kernel heights and row paddings.
    static let batchCases: [ConvGradientCase] =
        ConvGradientCase.imageLanes(
            rngSeed: 182,
            widths: [
                (14, 10, 5), (14, 14, 5), (10, 6, 5), (10, 10, 5), (16, 14, 3), (16, 16, 3), (8, 6, 3), (8, 8, 3),
            ], lenetBatch: 35, batches: [16, 19, 32, 47], firstSeed: 100)

    @Test(
        "the input gradient with sixteen images in the lanes (AVX-512) against the naive reference, on one and two threads",
        arguments: batchCases)
    func inputBatch(_ c: ConvGradientCase) throws {
        let g = c.geometry
        #expect(ConvInputRows.isSuitable(g))
        #expect(ConvInputRows.takesImagesInLanes(g))
        guard CPUFeatures.current.hasAVX512 else { return }
        let r = c.reference()
        let (_, w, dy) = try c.tensors(r)
        for threads in [1, 2] {
            try onThreads(threads) {
                let dx = try ConvBackward.inputGradient(
                    g, spatialRank: 2, weight: w, outputGradient: dy, rows: true, wideRows: true, imagesInLanes: true)
                expectClose(dx, r.dx, shape: [c.batch, c.inChannels, c.size.0, c.size.1])
            }
        }
    }

    @Test("the input gradient with images in the lanes refuses widths it has no loop for")
    func inputBatchLimits() {
        func geometry(_ width: Int, kernel: Int, padding: Int) -> ConvGeometry {
            ConvGradientCase(
                seed: 0, batch: 16, groups: 1, inChannels: 6, outChannels: 16, size: (14, width), kernel: (5, kernel),
                stride: (1, 1), dilation: (1, 1), padding: (0, padding)
            ).geometry
        }
        #expect(ConvInputRows.takesImagesInLanes(geometry(14, kernel: 5, padding: 0)))
        #expect(ConvInputRows.takesImagesInLanes(geometry(14, kernel: 5, padding: 2)))
        #expect(!ConvInputRows.takesImagesInLanes(geometry(14, kernel: 5, padding: 1)))
        #expect(!ConvInputRows.takesImagesInLanes(geometry(13, kernel: 5, padding: 0)))
        #expect(!ConvInputRows.takesImagesInLanes(geometry(14, kernel: 7, padding: 0)))
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
