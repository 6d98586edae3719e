import Foundation
import Testing

@testable import Tensors

/// A case from `Fixtures/conv_fixtures.json`, written by `Fixtures/conv_fixtures.py` (NumPy, float64).
struct ConvFixture: Decodable, Sendable, CustomTestStringConvertible {
    var name: String
    var op: String
    var inputShape: [Int]
    var input: [Float]
    var outputShape: [Int]
    var output: [Float]
    var weightShape: [Int]?
    var weight: [Float]?
    var bias: [Float]?
    var stride: [Int]?
    var padding: PaddingValue?
    var dilation: [Int]?
    var groups: Int?
    var kernel: [Int]?
    var ceilMode: Bool?
    var countIncludePad: Bool?
    var outputSize: [Int]?

    /// `"same"`, `"valid"` or a list of sizes, as in PyTorch.
    enum PaddingValue: Decodable, Sendable {
        case name(String)
        case sizes([Int])

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let name = try? container.decode(String.self) {
                self = .name(name)
            } else {
                self = .sizes(try container.decode([Int].self))
            }
        }
    }

    var testDescription: String { name }

    static func load() throws -> [ConvFixture] {
        struct File: Decodable { var cases: [ConvFixture] }
        guard let url = Bundle.module.url(forResource: "conv_fixtures", withExtension: "json", subdirectory: "Fixtures")
        else { return [] }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(File.self, from: Data(contentsOf: url)).cases
    }

    func run() throws -> Tensor {
        let x = try Tensor(shape: inputShape, floats: input)
        let sizes = { (values: [Int]?) in values ?? [] }
        switch op {
        case "conv2d", "conv3d":
            let w = try Tensor(shape: weightShape ?? [], floats: weight ?? [])
            let b = try bias.map { try Tensor(shape: [$0.count], floats: $0) }
            let s = sizes(stride)
            let d = sizes(dilation)
            if op == "conv2d" {
                let pad: ConvPadding2D
                switch padding {
                case .name("same"): pad = .same
                case .name: pad = .valid
                case .sizes(let p): pad = .explicit(ConvPair(p[0], p[1]))
                case nil: pad = 0
                }
                return try conv2d(
                    input: x, weight: w, bias: b, stride: ConvPair(s[0], s[1]), padding: pad,
                    dilation: ConvPair(d[0], d[1]), groups: groups ?? 1)
            }
            let pad: ConvPadding3D
            switch padding {
            case .name("same"): pad = .same
            case .name: pad = .valid
            case .sizes(let p): pad = .explicit(ConvTriple(p[0], p[1], p[2]))
            case nil: pad = 0
            }
            return try conv3d(
                input: x, weight: w, bias: b, stride: ConvTriple(s[0], s[1], s[2]), padding: pad,
                dilation: ConvTriple(d[0], d[1], d[2]), groups: groups ?? 1)
        case "max_pool2d", "avg_pool2d":
            let k = sizes(kernel)
            let s = sizes(stride)
            guard case .sizes(let p) = padding else { throw TensorError.value("fixture \(name) lacks padding") }
            if op == "max_pool2d" {
                let d = sizes(dilation)
                return try maxPool2d(
                    input: x, kernelSize: ConvPair(k[0], k[1]), stride: ConvPair(s[0], s[1]),
                    padding: ConvPair(p[0], p[1]),
                    dilation: ConvPair(d[0], d[1]), ceilMode: ceilMode ?? false)
            }
            return try avgPool2d(
                input: x, kernelSize: ConvPair(k[0], k[1]), stride: ConvPair(s[0], s[1]), padding: ConvPair(p[0], p[1]),
                ceilMode: ceilMode ?? false, countIncludePad: countIncludePad ?? true)
        default:
            let o = sizes(outputSize)
            return try adaptiveAvgPool2d(input: x, outputSize: ConvPair(o[0], o[1]))
        }
    }
}

@Suite("Convolution and pooling against NumPy fixtures")
struct ConvFixtureTests {
    @Test("the fixture file is present and complete")
    func fixturesLoad() throws {
        let fixtures = try ConvFixture.load()
        #expect(fixtures.count == 10)
    }

    @Test("each fixture matches NumPy", arguments: (try? ConvFixture.load()) ?? [])
    func fixture(_ fixture: ConvFixture) throws {
        expectClose(try fixture.run(), fixture.output, shape: fixture.outputShape)
    }
}
