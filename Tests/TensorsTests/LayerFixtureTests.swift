import Foundation
import Testing

@testable import Tensors

/// `Fixtures/layer_fixtures.json`, written by `Fixtures/layer_fixtures.py` (PyTorch in float64).
struct LayerFixtures: Decodable, Sendable {
    /// A tensor as the script encodes it (float data).
    struct Encoded: Decodable, Sendable {
        var shape: [Int]
        var data: [Float]
        var tensor: Tensor { get throws { try Tensor(shape: shape, floats: data) } }
    }

    struct BatchNormCase: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var training: Bool
        var momentum: Double
        var eps: Double
        var input: Encoded
        var weight: Encoded?
        var bias: Encoded?
        var runningMean: Encoded
        var runningVar: Encoded
        var batchMean: [Double]
        var batchVar: [Double]
        var output: Encoded
        var gradOutput: Encoded
        var gradInput: Encoded
        var gradWeight: Encoded?
        var gradBias: Encoded?
        var runningMeanAfter: Encoded
        var runningVarAfter: Encoded
        var testDescription: String { name }
    }

    struct LayerNormCase: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var normalizedShape: [Int]
        var eps: Double
        var input: Encoded
        var weight: Encoded?
        var bias: Encoded?
        var output: Encoded
        var gradOutput: Encoded
        var gradInput: Encoded
        var gradWeight: Encoded?
        var gradBias: Encoded?
        var testDescription: String { name }
    }

    struct AdaptivePoolCase: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var kind: String
        var outputSize: [Int]
        var input: Encoded
        var indices: [Int64]?
        var output: Encoded
        var gradOutput: Encoded
        var gradInput: Encoded
        var testDescription: String { name }
    }

    struct AvgPoolCase: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var kernel: Int
        var stride: Int?
        var padding: Int
        var ceilMode: Bool
        var countIncludePad: Bool
        var input: Encoded
        var output: Encoded
        var gradOutput: Encoded
        var gradInput: Encoded
        var testDescription: String { name }
    }

    struct GroupedConvCase: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var stride: Int
        var padding: Int
        var groups: Int
        var input: Encoded
        var weight: Encoded
        var bias: Encoded
        var output: Encoded
        var gradOutput: Encoded
        var gradInput: Encoded
        var gradWeight: Encoded
        var gradBias: Encoded
        var testDescription: String { name }
    }

    var batchNorm: [BatchNormCase]
    var layerNorm: [LayerNormCase]
    var adaptivePool: [AdaptivePoolCase]
    var avgPool: [AvgPoolCase]
    var groupedConv: [GroupedConvCase]

    static let shared: LayerFixtures? = {
        guard
            let url = Bundle.module.url(forResource: "layer_fixtures", withExtension: "json", subdirectory: "Fixtures")
        else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(LayerFixtures.self, from: Data(contentsOf: url))
    }()
}

/// A leaf that requires grad, with the collector its gradient lands in.
private func leaf(_ encoded: LayerFixtures.Encoded?) throws -> (TrackedTensor, GradientCollector)? {
    guard let encoded else { return nil }
    let sink = GradientCollector()
    return (TrackedTensor(try encoded.tensor, node: GradNode(accumulatingInto: sink)), sink)
}

/// Checks a collected gradient against the fixture's (both absent, or equal within `tolerance`).
private func expectGradient(
    _ sink: GradientCollector?, _ expected: LayerFixtures.Encoded?, _ what: String, tolerance: Double = 1e-4,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    guard let expected else { return }
    let gradient = try #require(sink?.gradient, "\(what) gradient", sourceLocation: sourceLocation)
    expectMatches(gradient, try expected.tensor, tolerance: tolerance, what, sourceLocation: sourceLocation)
}

@Suite("Layers' engine operations against PyTorch")
struct LayerFixtureTests {
    static let fixtures = LayerFixtures.shared

    @Test func fixturesArePresent() throws {
        let fixtures = try #require(Self.fixtures)
        #expect(fixtures.batchNorm.count >= 10)
        #expect(fixtures.layerNorm.count >= 5)
        #expect(fixtures.adaptivePool.count >= 8)
        #expect(fixtures.avgPool.count >= 5)
        #expect(fixtures.groupedConv.count >= 3)
    }

    @Test("batch_norm: output, statistics, running statistics and gradients", arguments: fixtures?.batchNorm ?? [])
    func batchNorm(_ c: LayerFixtures.BatchNormCase) throws {
        let (x, xSink) = try #require(try leaf(c.input))
        let w = try leaf(c.weight)
        let b = try leaf(c.bias)
        let runningMean = try c.runningMean.tensor
        let runningVar = try c.runningVar.tensor
        let y: TrackedTensor
        if c.training {
            let (output, statistics) = try TrackedTensor.batchNorm(x, weight: w?.0, bias: b?.0, eps: c.eps)
            y = output
            for channel in 0..<c.batchMean.count {
                #expect(abs(statistics.mean[channel] - c.batchMean[channel]) < 1e-5 * max(1, abs(c.batchMean[channel])))
                #expect(abs(statistics.variance[channel] - c.batchVar[channel]) < 1e-5 * max(1, c.batchVar[channel]))
            }
            let after = try statistics.updating(
                runningMean: runningMean, runningVariance: runningVar, momentum: c.momentum)
            expectMatches(after.mean, try c.runningMeanAfter.tensor, tolerance: 1e-5, "running mean")
            expectMatches(after.variance, try c.runningVarAfter.tensor, tolerance: 1e-5, "running var")
        } else {
            y = try TrackedTensor.batchNorm(
                x, weight: w?.0, bias: b?.0, mean: runningMean, variance: runningVar, eps: c.eps)
            // Evaluation leaves the running statistics alone.
            expectMatches(runningMean, try c.runningMeanAfter.tensor, tolerance: 0, "running mean")
        }
        #expect(y.node?.name == "NativeBatchNormBackward0")
        expectMatches(y.tensor, try c.output.tensor, tolerance: 1e-4, "output")
        try Autograd.backward(y, gradient: try c.gradOutput.tensor)
        try expectGradient(xSink, c.gradInput, "input")
        try expectGradient(w?.1, c.gradWeight, "weight")
        try expectGradient(b?.1, c.gradBias, "bias")
    }

    @Test("layer_norm: output and gradients", arguments: fixtures?.layerNorm ?? [])
    func layerNorm(_ c: LayerFixtures.LayerNormCase) throws {
        let (x, xSink) = try #require(try leaf(c.input))
        let w = try leaf(c.weight)
        let b = try leaf(c.bias)
        let y = try TrackedTensor.layerNorm(
            x, normalizedShape: c.normalizedShape, weight: w?.0, bias: b?.0, eps: c.eps)
        #expect(y.node?.name == "NativeLayerNormBackward0")
        expectMatches(y.tensor, try c.output.tensor, tolerance: 1e-4, "output")
        try Autograd.backward(y, gradient: try c.gradOutput.tensor)
        try expectGradient(xSink, c.gradInput, "input")
        try expectGradient(w?.1, c.gradWeight, "weight")
        try expectGradient(b?.1, c.gradBias, "bias")
    }

    @Test("adaptive average and max pooling: values, indices and gradients", arguments: fixtures?.adaptivePool ?? [])
    func adaptivePool(_ c: LayerFixtures.AdaptivePoolCase) throws {
        let (x, xSink) = try #require(try leaf(c.input))
        let size = ConvPair(c.outputSize[0], c.outputSize[1])
        let y: TrackedTensor
        if c.kind == "max" {
            let (values, indices) = try x.adaptiveMaxPool2d(outputSize: size)
            #expect(indices.dtype == .int64)
            #expect(indices.storage == .int64(c.indices ?? []))
            y = values
        } else {
            y = try x.adaptiveAvgPool2d(outputSize: size)
        }
        expectMatches(y.tensor, try c.output.tensor, tolerance: 1e-5, "output")
        try Autograd.backward(y, gradient: try c.gradOutput.tensor)
        try expectGradient(xSink, c.gradInput, "input", tolerance: 1e-5)
    }

    @Test("avg_pool2d with PyTorch's defaults and options", arguments: fixtures?.avgPool ?? [])
    func avgPool(_ c: LayerFixtures.AvgPoolCase) throws {
        let (x, xSink) = try #require(try leaf(c.input))
        let y = try x.avgPool2d(
            kernelSize: ConvPair(c.kernel), stride: c.stride.map { ConvPair($0) }, padding: ConvPair(c.padding),
            ceilMode: c.ceilMode, countIncludePad: c.countIncludePad)
        expectMatches(y.tensor, try c.output.tensor, tolerance: 1e-5, "output")
        try Autograd.backward(y, gradient: try c.gradOutput.tensor)
        try expectGradient(xSink, c.gradInput, "input", tolerance: 1e-5)
    }

    @Test("grouped convolution: output and gradients", arguments: fixtures?.groupedConv ?? [])
    func groupedConv(_ c: LayerFixtures.GroupedConvCase) throws {
        let (x, xSink) = try #require(try leaf(c.input))
        let (w, wSink) = try #require(try leaf(c.weight))
        let (b, bSink) = try #require(try leaf(c.bias))
        let y = try TrackedTensor.conv2d(
            input: x, weight: w, bias: b, stride: ConvPair(c.stride), padding: .explicit(ConvPair(c.padding)),
            groups: c.groups)
        expectMatches(y.tensor, try c.output.tensor, tolerance: 1e-4, "output")
        try Autograd.backward(y, gradient: try c.gradOutput.tensor)
        try expectGradient(xSink, c.gradInput, "input")
        try expectGradient(wSink, c.gradWeight, "weight")
        try expectGradient(bSink, c.gradBias, "bias")
    }
}
