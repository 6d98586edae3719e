import Foundation
import Testing

@testable import Tensors

/// A case of `Fixtures/conv_grad_fixtures.json`, written by `Fixtures/conv_grad_fixtures.py`
/// (PyTorch autograd in float64).
struct ConvGradFixture: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var op: String
    var inputShape: [Int]
    var input: [Float]
    var weightShape: [Int]
    var weight: [Float]
    var bias: [Float]?
    var stride: [Int]
    var padding: ConvFixture.PaddingValue
    var dilation: [Int]
    var groups: Int
    var outputShape: [Int]
    var gradOutput: [Float]
    var gradInput: [Float]
    var gradWeight: [Float]
    var gradBias: [Float]?

    var testDescription: String { name }

    static func load() throws -> [ConvGradFixture] {
        struct File: Decodable { var cases: [ConvGradFixture] }
        guard
            let url = Bundle.module.url(
                forResource: "conv_grad_fixtures", withExtension: "json", subdirectory: "Fixtures")
        else { return [] }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(File.self, from: Data(contentsOf: url)).cases
    }

    /// Runs the convolution on tracked leaves and returns the output.
    func convolve(_ x: TrackedTensor, _ w: TrackedTensor, _ b: TrackedTensor?) throws -> TrackedTensor {
        if op == "conv2d" {
            let padding: ConvPadding2D
            switch self.padding {
            case .name(let name): padding = name == "same" ? .same : .valid
            case .sizes(let sizes): padding = .explicit(ConvPair(sizes[0], sizes[1]))
            }
            return try TrackedTensor.conv2d(
                input: x, weight: w, bias: b, stride: ConvPair(stride[0], stride[1]), padding: padding,
                dilation: ConvPair(dilation[0], dilation[1]), groups: groups)
        }
        let padding: ConvPadding3D
        switch self.padding {
        case .name(let name): padding = name == "same" ? .same : .valid
        case .sizes(let sizes): padding = .explicit(ConvTriple(sizes[0], sizes[1], sizes[2]))
        }
        return try TrackedTensor.conv3d(
            input: x, weight: w, bias: b, stride: ConvTriple(stride[0], stride[1], stride[2]), padding: padding,
            dilation: ConvTriple(dilation[0], dilation[1], dilation[2]), groups: groups)
    }
}

@Suite("Autograd: conv2d and conv3d gradients against PyTorch")
struct AutogradConvFixtureTests {
    static let cases = (try? ConvGradFixture.load()) ?? []

    @Test func fixturesArePresent() {
        #expect(Self.cases.count >= 10)
    }

    @Test(arguments: cases)
    func gradientsMatchPyTorch(_ fixture: ConvGradFixture) throws {
        let sinks = (GradientCollector(), GradientCollector(), GradientCollector())
        let x = TrackedTensor(
            try Tensor(shape: fixture.inputShape, floats: fixture.input), node: GradNode(accumulatingInto: sinks.0))
        let w = TrackedTensor(
            try Tensor(shape: fixture.weightShape, floats: fixture.weight), node: GradNode(accumulatingInto: sinks.1))
        let b = try fixture.bias.map {
            TrackedTensor(try Tensor(shape: [$0.count], floats: $0), node: GradNode(accumulatingInto: sinks.2))
        }
        let y = try fixture.convolve(x, w, b)
        #expect(y.shape == fixture.outputShape)
        try Autograd.backward(y, gradient: try Tensor(shape: fixture.outputShape, floats: fixture.gradOutput))
        let expectedInput = try Tensor(shape: fixture.inputShape, floats: fixture.gradInput)
        let expectedWeight = try Tensor(shape: fixture.weightShape, floats: fixture.gradWeight)
        expectMatches(try #require(sinks.0.gradient), expectedInput, tolerance: 1e-4, "grad input")
        expectMatches(try #require(sinks.1.gradient), expectedWeight, tolerance: 1e-4, "grad weight")
        if let gradBias = fixture.gradBias {
            expectMatches(
                try #require(sinks.2.gradient), try Tensor(shape: [gradBias.count], floats: gradBias), tolerance: 1e-4,
                "grad bias")
        }
    }

    @Test func inputGradientAloneSkipsTheWeight() throws {
        // Only the input requires grad: the weight's node is nil and no weight gradient is computed.
        let sink = GradientCollector()
        let x = TrackedTensor(try Tensor.ones([1, 1, 4, 4]), node: GradNode(accumulatingInto: sink))
        let w = TrackedTensor(try Tensor(shape: [1, 1, 2, 2], floats: [1, 2, 3, 4]))
        try Autograd.backward(try TrackedTensor.conv2d(input: x, weight: w).sum())
        // Each input element receives the sum of the kernel taps that read it.
        let expected = try Tensor(
            shape: [1, 1, 4, 4], floats: [1, 3, 3, 2, 4, 10, 10, 6, 4, 10, 10, 6, 3, 7, 7, 4])
        expectMatches(try #require(sink.gradient), expected)
    }
}
