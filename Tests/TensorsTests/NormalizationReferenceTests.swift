import Foundation
import Testing

@testable import Tensors

/// One random normalization problem: an input shape, and whether weight and bias are present.
struct NormalizationCase: Sendable, CustomTestStringConvertible {
    var seed: UInt64
    var shape: [Int]
    var affine: Bool
    var threads: Int

    var testDescription: String { "#\(seed) \(shape) affine \(affine) threads \(threads)" }

    /// Batch-norm shapes: (N, C), (N, C, L) and (N, C, h, w) with odd sizes, every fifth one large
    /// enough to be split across threads; each at 1 and 2 threads.
    static func batchNorm(count: Int, seed: UInt64) -> [NormalizationCase] {
        var rng = ConvTestRNG(seed: seed)
        // (N, C) inputs large enough for the row-wise path to split its channel blocks across threads.
        let features = [[300, 130], [6, 200]].flatMap { shape in
            [1, 2].map { NormalizationCase(seed: 900 + UInt64(shape[1]), shape: shape, affine: true, threads: $0) }
        }
        return features
            + (0..<count).flatMap { index -> [NormalizationCase] in
                let large = index % 5 == 0
                let batch = rng.int(large ? 2...4 : 1...5)
                let channels = rng.int(large ? 8...19 : 1...9)
                var shape = [max(batch, 2), channels]
                switch rng.int(0...2) {
                case 0: break
                case 1: shape.append(rng.int(large ? 200...700 : 1...9))
                default: shape += large ? [rng.int(17...40), rng.int(17...41)] : [rng.int(1...7), rng.int(1...9)]
                }
                let affine = index % 4 != 3
                return [1, 2].map { NormalizationCase(seed: UInt64(index), shape: shape, affine: affine, threads: $0) }
            }
    }

    /// Layer-norm shapes: 1 to 3 normalized trailing dimensions over 1 to 3 leading ones.
    static func layerNorm(count: Int, seed: UInt64) -> [NormalizationCase] {
        var rng = ConvTestRNG(seed: seed)
        return (0..<count).flatMap { index -> [NormalizationCase] in
            let large = index % 5 == 0
            let leading = (0..<rng.int(0...2)).map { _ in rng.int(1...(large ? 40 : 5)) } + [rng.int(1...6)]
            let trailing = (0..<rng.int(1...2)).map { _ in rng.int(1...(large ? 70 : 13)) }
            return [1, 2].map {
                NormalizationCase(seed: UInt64(index), shape: leading + trailing, affine: index % 3 != 2, threads: $0)
            }
        }
    }

    var count: Int { shape.reduce(1, *) }
}

/// Plain-loop references in `Double`, written from the textbook formulas.
enum NormalizationReference {
    /// Training-mode batch norm: output, per-channel mean and biased variance, and the gradients.
    static func batchNorm(
        x: [Float], shape: [Int], weight: [Float], bias: [Float], dy: [Float], eps: Double
    ) -> (y: [Double], mean: [Double], variance: [Double], dx: [Double], dw: [Double], db: [Double]) {
        let (batch, channels) = (shape[0], shape[1])
        let spatial = shape.dropFirst(2).reduce(1, *)
        let count = Double(batch * spatial)
        func index(_ n: Int, _ c: Int, _ s: Int) -> Int { (n * channels + c) * spatial + s }
        var y = [Double](repeating: 0, count: x.count)
        var dx = y
        var mean = [Double](repeating: 0, count: channels)
        var variance = mean
        var dw = mean
        var db = mean
        for c in 0..<channels {
            var sum = 0.0
            for n in 0..<batch { for s in 0..<spatial { sum += Double(x[index(n, c, s)]) } }
            mean[c] = sum / count
            var squares = 0.0
            for n in 0..<batch { for s in 0..<spatial { squares += pow(Double(x[index(n, c, s)]) - mean[c], 2) } }
            variance[c] = squares / count
            let invstd = 1 / (variance[c] + eps).squareRoot()
            var sumDxhat = 0.0
            var sumDxhatXhat = 0.0
            for n in 0..<batch {
                for s in 0..<spatial {
                    let i = index(n, c, s)
                    let xhat = (Double(x[i]) - mean[c]) * invstd
                    y[i] = xhat * Double(weight[c]) + Double(bias[c])
                    let dxhat = Double(dy[i]) * Double(weight[c])
                    sumDxhat += dxhat
                    sumDxhatXhat += dxhat * xhat
                    dw[c] += Double(dy[i]) * xhat
                    db[c] += Double(dy[i])
                }
            }
            for n in 0..<batch {
                for s in 0..<spatial {
                    let i = index(n, c, s)
                    let xhat = (Double(x[i]) - mean[c]) * invstd
                    let dxhat = Double(dy[i]) * Double(weight[c])
                    dx[i] = invstd / count * (count * dxhat - sumDxhat - xhat * sumDxhatXhat)
                }
            }
        }
        return (y, mean, variance, dx, dw, db)
    }

    /// Layer norm over rows of `width`: output and gradients.
    static func layerNorm(
        x: [Float], width: Int, weight: [Float], bias: [Float], dy: [Float], eps: Double
    ) -> (y: [Double], dx: [Double], dw: [Double], db: [Double]) {
        var y = [Double](repeating: 0, count: x.count)
        var dx = y
        var dw = [Double](repeating: 0, count: width)
        var db = dw
        for row in 0..<(x.count / width) {
            let values = (0..<width).map { Double(x[row * width + $0]) }
            let mean = values.reduce(0, +) / Double(width)
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(width)
            let rstd = 1 / (variance + eps).squareRoot()
            let xhat = values.map { ($0 - mean) * rstd }
            let g = (0..<width).map { Double(dy[row * width + $0]) * Double(weight[$0]) }
            let meanG = g.reduce(0, +) / Double(width)
            let meanGX = zip(g, xhat).map(*).reduce(0, +) / Double(width)
            for j in 0..<width {
                y[row * width + j] = xhat[j] * Double(weight[j]) + Double(bias[j])
                dx[row * width + j] = rstd * (g[j] - meanG - xhat[j] * meanGX)
                dw[j] += Double(dy[row * width + j]) * xhat[j]
                db[j] += Double(dy[row * width + j])
            }
        }
        return (y, dx, dw, db)
    }
}

/// Checks float results against a `Double` reference, relative to the reference's largest magnitude.
func expectClose(
    _ actual: [Float], _ expected: [Double], tolerance: Double, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, "\(what): count", sourceLocation: sourceLocation)
    let scale = max(1, expected.map(abs).max() ?? 1)
    for (index, (a, e)) in zip(actual, expected).enumerated() where abs(Double(a) - e) > tolerance * scale {
        Issue.record("\(what) element \(index): got \(a), expected \(e)", sourceLocation: sourceLocation)
        return
    }
}

@Suite("Batch norm and layer norm against naive references")
struct NormalizationReferenceTests {
    static let batchNormCases = NormalizationCase.batchNorm(count: 40, seed: 2024)
    static let layerNormCases = NormalizationCase.layerNorm(count: 30, seed: 7)

    @Test("batch_norm (training): output, statistics and gradients", arguments: batchNormCases)
    func batchNormTraining(_ c: NormalizationCase) throws {
        try onThreads(c.threads) {
            var rng = ConvTestRNG(seed: c.seed)
            // An offset per case keeps the mean away from zero, where cancellation would hide.
            let offset = Float(rng.int(-3...3))
            let x = rng.floats(c.count).map { $0 * 2 + offset }
            let dy = rng.floats(c.count)
            let channels = c.shape[1]
            let weight = c.affine ? rng.floats(channels).map { $0 + 1.5 } : [Float](repeating: 1, count: channels)
            let bias = c.affine ? rng.floats(channels) : [Float](repeating: 0, count: channels)
            let reference = NormalizationReference.batchNorm(
                x: x, shape: c.shape, weight: weight, bias: bias, dy: dy, eps: 1e-5)

            let sinks = (GradientCollector(), GradientCollector(), GradientCollector())
            let input = TrackedTensor(try Tensor(shape: c.shape, floats: x), node: GradNode(accumulatingInto: sinks.0))
            let w =
                c.affine
                ? TrackedTensor(
                    try Tensor(shape: [channels], floats: weight), node: GradNode(accumulatingInto: sinks.1))
                : nil
            let b =
                c.affine
                ? TrackedTensor(try Tensor(shape: [channels], floats: bias), node: GradNode(accumulatingInto: sinks.2))
                : nil
            let (y, statistics) = try TrackedTensor.batchNorm(input, weight: w, bias: b, eps: 1e-5)
            try expectClose(y.tensor.floats, reference.y, tolerance: 2e-5, "output")
            expectClose(statistics.mean.map(Float.init), reference.mean, tolerance: 1e-6, "mean")
            expectClose(statistics.variance.map(Float.init), reference.variance, tolerance: 1e-6, "variance")
            try Autograd.backward(y, gradient: try Tensor(shape: c.shape, floats: dy))
            expectClose(try #require(sinks.0.gradient).floats, reference.dx, tolerance: 5e-5, "grad input")
            if c.affine {
                expectClose(try #require(sinks.1.gradient).floats, reference.dw, tolerance: 2e-5, "grad weight")
                expectClose(try #require(sinks.2.gradient).floats, reference.db, tolerance: 2e-5, "grad bias")
            }
        }
    }

    @Test("batch_norm (evaluation): running statistics normalize, gradients are affine", arguments: batchNormCases)
    func batchNormEvaluation(_ c: NormalizationCase) throws {
        try onThreads(c.threads) {
            var rng = ConvTestRNG(seed: c.seed + 1000)
            let channels = c.shape[1]
            let spatial = c.shape.dropFirst(2).reduce(1, *)
            let x = rng.floats(c.count)
            let dy = rng.floats(c.count)
            let mean = rng.floats(channels)
            let variance = rng.floats(channels).map { $0 + 1.5 }
            let weight = rng.floats(channels)
            let bias = rng.floats(channels)
            var expected = [Double](repeating: 0, count: c.count)
            var dx = expected
            var dw = [Double](repeating: 0, count: channels)
            var db = dw
            for i in 0..<c.count {
                let channel = i / spatial % channels
                let invstd = 1 / (Double(variance[channel]) + 1e-5).squareRoot()
                let xhat = (Double(x[i]) - Double(mean[channel])) * invstd
                expected[i] = xhat * Double(weight[channel]) + Double(bias[channel])
                dx[i] = Double(dy[i]) * Double(weight[channel]) * invstd
                dw[channel] += Double(dy[i]) * xhat
                db[channel] += Double(dy[i])
            }
            let sinks = (GradientCollector(), GradientCollector(), GradientCollector())
            let y = try TrackedTensor.batchNorm(
                TrackedTensor(try Tensor(shape: c.shape, floats: x), node: GradNode(accumulatingInto: sinks.0)),
                weight: TrackedTensor(
                    try Tensor(shape: [channels], floats: weight), node: GradNode(accumulatingInto: sinks.1)),
                bias: TrackedTensor(
                    try Tensor(shape: [channels], floats: bias), node: GradNode(accumulatingInto: sinks.2)),
                mean: try Tensor(shape: [channels], floats: mean),
                variance: try Tensor(shape: [channels], floats: variance),
                eps: 1e-5)
            try expectClose(y.tensor.floats, expected, tolerance: 1e-5, "output")
            try Autograd.backward(y, gradient: try Tensor(shape: c.shape, floats: dy))
            expectClose(try #require(sinks.0.gradient).floats, dx, tolerance: 1e-5, "grad input")
            expectClose(try #require(sinks.1.gradient).floats, dw, tolerance: 2e-5, "grad weight")
            expectClose(try #require(sinks.2.gradient).floats, db, tolerance: 2e-5, "grad bias")
        }
    }

    @Test("layer_norm: output and gradients", arguments: layerNormCases)
    func layerNorm(_ c: NormalizationCase) throws {
        try onThreads(c.threads) {
            var rng = ConvTestRNG(seed: c.seed)
            let trailing = c.seed % 2 == 0 ? Array(c.shape.suffix(1)) : Array(c.shape.suffix(2))
            let width = trailing.reduce(1, *)
            let x = rng.floats(c.count).map { $0 * 3 + 1 }
            let dy = rng.floats(c.count)
            let weight = c.affine ? rng.floats(width).map { $0 + 1.5 } : [Float](repeating: 1, count: width)
            let bias = c.affine ? rng.floats(width) : [Float](repeating: 0, count: width)
            let reference = NormalizationReference.layerNorm(
                x: x, width: width, weight: weight, bias: bias, dy: dy, eps: 1e-5)
            let sinks = (GradientCollector(), GradientCollector(), GradientCollector())
            let w =
                c.affine
                ? TrackedTensor(try Tensor(shape: trailing, floats: weight), node: GradNode(accumulatingInto: sinks.1))
                : nil
            let b =
                c.affine
                ? TrackedTensor(try Tensor(shape: trailing, floats: bias), node: GradNode(accumulatingInto: sinks.2))
                : nil
            let y = try TrackedTensor.layerNorm(
                TrackedTensor(try Tensor(shape: c.shape, floats: x), node: GradNode(accumulatingInto: sinks.0)),
                normalizedShape: trailing, weight: w, bias: b, eps: 1e-5)
            try expectClose(y.tensor.floats, reference.y, tolerance: 2e-5, "output")
            try Autograd.backward(y, gradient: try Tensor(shape: c.shape, floats: dy))
            expectClose(try #require(sinks.0.gradient).floats, reference.dx, tolerance: 5e-5, "grad input")
            if c.affine {
                #expect(try #require(sinks.1.gradient).shape == trailing)
                expectClose(try #require(sinks.1.gradient).floats, reference.dw, tolerance: 2e-5, "grad weight")
                expectClose(try #require(sinks.2.gradient).floats, reference.db, tolerance: 2e-5, "grad bias")
            }
        }
    }

    @Test("finite differences agree with the fused backward passes")
    func finiteDifferences() throws {
        let x = try GradientCheck.values([3, 2, 2, 3], seed: 5)
        let w = try GradientCheck.values([2], seed: 6, positive: true)
        let b = try GradientCheck.values([2], seed: 7)
        try GradientCheck.expectAgreement(
            "batch_norm", { try TrackedTensor.batchNorm($0[0], weight: $0[1], bias: $0[2], eps: 1e-5).output },
            at: [x, w, b])
        let features = try GradientCheck.values([4, 5], seed: 8)
        let w5 = try GradientCheck.values([5], seed: 9, positive: true)
        let b5 = try GradientCheck.values([5], seed: 10)
        try GradientCheck.expectAgreement(
            "batch_norm 1d", { try TrackedTensor.batchNorm($0[0], weight: $0[1], bias: $0[2], eps: 1e-5).output },
            at: [features, w5, b5])
        try GradientCheck.expectAgreement(
            "layer_norm",
            { try TrackedTensor.layerNorm($0[0], normalizedShape: [5], weight: $0[1], bias: $0[2], eps: 1e-5) },
            at: [features, w5, b5])
    }

    @Test("running statistics: momentum mixes in the batch's mean and unbiased variance")
    func runningStatistics() throws {
        let x = try Tensor(shape: [2, 1, 2], floats: [1, 2, 3, 6])
        let (_, statistics) = try Tensors.batchNorm(input: x, weight: nil, bias: nil, eps: 0)
        #expect(statistics.mean == [3])
        #expect(statistics.variance == [3.5])
        #expect(abs(statistics.unbiasedVariance[0] - 3.5 * 4 / 3) < 1e-12)
        let (mean, variance) = try statistics.updating(
            runningMean: try Tensor(shape: [1], floats: [1]), runningVariance: try Tensor(shape: [1], floats: [2]),
            momentum: 0.25)
        #expect(try mean.floats == [1.5])
        #expect(try abs(variance.floats[0] - Float(0.75 * 2 + 0.25 * 3.5 * 4 / 3)) < 1e-6)
    }

    @Test("bad operands are errors that say what was expected")
    func badOperands() throws {
        let x = try Tensor.zeros([2, 3, 4])
        #expect(throws: TensorError.self) {
            try Tensors.batchNorm(input: try Tensor.zeros([3]), weight: nil, bias: nil, eps: 1e-5)
        }
        do {
            _ = try Tensors.batchNorm(input: x, weight: try Tensor.ones([4]), bias: nil, eps: 1e-5)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("weight has 4 elements, one per channel is 3"))
        }
        do {
            _ = try Tensors.layerNorm(input: x, normalizedShape: [3], weight: nil, bias: nil, eps: 1e-5)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("expects an input of shape [*, 3]"))
        }
        #expect(throws: TensorError.self) {
            try Tensors.batchNorm(input: try Tensor(shape: [2, 1], ints: [1, 2]), weight: nil, bias: nil, eps: 1e-5)
        }
    }
}
