import Foundation
import Tensors
import Testing

@testable import Lang

/// `Golden/Layers/module_fixtures.json`, written by `Golden/Layers/module_fixtures.py` with
/// PyTorch 2.13: what its nn layers did when a program drove them.
struct ModuleFixtures: Decodable, Sendable {
    struct Encoded: Decodable, Sendable {
        var shape: [Int]
        var data: [Float]

        /// The tensor as program text: `torch.tensor([…]).reshape(…)`.
        var source: String {
            "torch.tensor([\(data.map { "\($0)" }.joined(separator: ", "))]).reshape(\(shape))"
        }
        var tensor: Tensor { get throws { try Tensor(shape: shape, floats: data) } }
    }

    struct BatchNormStep: Decodable, Sendable {
        var training: Bool
        var input: Encoded
        var gradOutput: Encoded
        var output: Encoded
        var gradInput: Encoded
        var gradWeight: Encoded?
        var gradBias: Encoded?
        var runningMean: Encoded?
        var runningVar: Encoded?
        var numBatchesTracked: Int?
    }

    struct BatchNormCase: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var constructor: String
        var weight: Encoded?
        var bias: Encoded?
        var repr: String
        var steps: [BatchNormStep]
        var testDescription: String { name }
    }

    struct BookCase: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var source: String
        var input: Encoded
        var gamma: Encoded
        var beta: Encoded
        var gradOutput: Encoded
        var output: Encoded
        var gradInput: Encoded
        var gradGamma: Encoded
        var gradBeta: Encoded
        var movingMean: Encoded
        var movingVar: Encoded
        var evalInput: Encoded
        var evalOutput: Encoded
        var testDescription: String { name }
    }

    struct LazyConvCase: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var constructor: String
        var reprBefore: String
        var reprAfter: String
        var input: Encoded
        var weight: Encoded
        var bias: Encoded?
        var output: Encoded
        var gradOutput: Encoded
        var gradInput: Encoded
        var gradWeight: Encoded
        var gradBias: Encoded?
        var testDescription: String { name }
    }

    struct ReprCase: Decodable, Sendable, CustomTestStringConvertible {
        var constructor: String
        var repr: String
        var testDescription: String { constructor }
    }

    struct InitCase: Decodable, Sendable, CustomTestStringConvertible {
        var call: String
        var shape: [Int]
        var distribution: String
        var parameters: [Double]
        var torchMin: Double
        var torchMax: Double
        var torchMean: Double
        var torchStd: Double
        var testDescription: String { call }
    }

    var batchNorm: [BatchNormCase]
    var bookBatchNorm: [BookCase]
    var lazyConv: [LazyConvCase]
    var reprs: [ReprCase]
    var initialisers: [InitCase]

    enum CodingKeys: String, CodingKey {
        case batchNorm, bookBatchNorm, lazyConv, reprs
        case initialisers = "init"
    }

    static let shared: ModuleFixtures? = {
        guard
            let url = Bundle.module.resourceURL?.appendingPathComponent("Golden/Layers/module_fixtures.json"),
            let data = try? Data(contentsOf: url)
        else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(ModuleFixtures.self, from: data)
    }()
}

/// Runs `program` in a fresh session, failing the test on an error; returns the session to read
/// its variables.
private func run(_ program: String, sourceLocation: SourceLocation = #_sourceLocation) -> Session {
    let session = Session()
    let outcome = session.run(program)
    #expect(outcome.errors.isEmpty, "\(outcome.errors.map(ErrorFormatter.render))", sourceLocation: sourceLocation)
    return session
}

/// Checks the session's tensor `name` against the fixture's (when the fixture has one).
private func expectTensor(
    _ session: Session, _ name: String, _ expected: ModuleFixtures.Encoded?, tolerance: Double = 1e-4,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    guard let expected else { return }
    guard let actual = session.tensor(named: name) else {
        Issue.record("no tensor named \(name)", sourceLocation: sourceLocation)
        return
    }
    #expect(actual.shape == expected.shape, "\(name) shape", sourceLocation: sourceLocation)
    let scale = max(1, expected.data.map { abs(Double($0)) }.max() ?? 1)
    for (index, (a, e)) in try zip(actual.floats, expected.data).enumerated()
    where abs(Double(a) - Double(e)) > tolerance * scale {
        Issue.record("\(name) element \(index): got \(a), expected \(e)", sourceLocation: sourceLocation)
        return
    }
}

@Suite("nn layers against PyTorch: batch norm, grouped lazy convolution, reprs, init")
struct LayerModuleTests {
    static let fixtures = ModuleFixtures.shared

    @Test func fixturesArePresent() throws {
        let fixtures = try #require(Self.fixtures)
        #expect(fixtures.batchNorm.count >= 8)
        #expect(fixtures.reprs.count >= 20)
        #expect(fixtures.initialisers.count >= 10)
    }

    @Test(
        "BatchNorm modules over training and eval steps: outputs, gradients, buffers",
        arguments: fixtures?.batchNorm ?? [])
    func batchNorm(_ c: ModuleFixtures.BatchNormCase) throws {
        var program = "import torch\nfrom torch import nn\nm = \(c.constructor)\n"
        if let weight = c.weight { program += "m.weight.data = \(weight.source)\n" }
        if let bias = c.bias { program += "m.bias.data = \(bias.source)\n" }
        for (index, step) in c.steps.enumerated() {
            program += """
                m.train(\(step.training ? "True" : "False"))
                x\(index) = \(step.input.source)
                x\(index).requires_grad_(True)
                y\(index) = m(x\(index))
                (y\(index) * \(step.gradOutput.source)).sum().backward()
                gw\(index) = m.weight.grad.clone() if m.weight is not None else None
                gb\(index) = m.bias.grad.clone() if m.bias is not None else None
                m.zero_grad()
                rm\(index) = m.running_mean.clone() if m.running_mean is not None else None
                rv\(index) = m.running_var.clone() if m.running_var is not None else None
                nb\(index) = m.num_batches_tracked.clone() if m.num_batches_tracked is not None else None
                x\(index) = x\(index).grad

                """
        }
        program += "r = repr(m)\n"
        let session = run(program)
        for (index, step) in c.steps.enumerated() {
            try expectTensor(session, "y\(index)", step.output)
            try expectTensor(session, "x\(index)", step.gradInput)
            try expectTensor(session, "gw\(index)", step.gradWeight)
            try expectTensor(session, "gb\(index)", step.gradBias)
            try expectTensor(session, "rm\(index)", step.runningMean, tolerance: 1e-5)
            try expectTensor(session, "rv\(index)", step.runningVar, tolerance: 1e-5)
            if let count = step.numBatchesTracked {
                let tracked = try #require(session.tensor(named: "nb\(index)"))
                #expect(tracked.dtype == .int64 && tracked.shape == [] && tracked.storage == .int64([Int64(count)]))
            } else {
                #expect(session.tensor(named: "nb\(index)") == nil)
            }
        }
        let outcome = session.run("print(r)")
        #expect(outcome.stdout == c.repr + "\n")
    }

    @Test("the book's from-scratch batch_norm gives PyTorch's numbers", arguments: fixtures?.bookBatchNorm ?? [])
    func bookBatchNorm(_ c: ModuleFixtures.BookCase) throws {
        let shape = c.input.shape.count == 2 ? "(1, \(c.input.shape[1]))" : "(1, \(c.input.shape[1]), 1, 1)"
        let program = """
            import torch
            \(c.source)
            gamma = \(c.gamma.source)
            gamma.requires_grad_(True)
            beta = \(c.beta.source)
            beta.requires_grad_(True)
            X = \(c.input.source)
            X.requires_grad_(True)
            Y, moving_mean, moving_var = batch_norm(X, gamma, beta, torch.zeros(\(shape)), torch.ones(\(shape)), eps=1e-5, momentum=0.1)
            (Y * \(c.gradOutput.source)).sum().backward()
            dX, dgamma, dbeta = X.grad, gamma.grad, beta.grad
            with torch.no_grad():
                Y_eval, _, _ = batch_norm(\(c.evalInput.source), gamma, beta, moving_mean, moving_var, eps=1e-5, momentum=0.1)

            """
        let session = run(program)
        try expectTensor(session, "Y", c.output)
        try expectTensor(session, "dX", c.gradInput)
        try expectTensor(session, "dgamma", c.gradGamma)
        try expectTensor(session, "dbeta", c.gradBeta)
        try expectTensor(session, "moving_mean", c.movingMean, tolerance: 1e-5)
        try expectTensor(session, "moving_var", c.movingVar, tolerance: 1e-5)
        try expectTensor(session, "Y_eval", c.evalOutput)
    }

    @Test("grouped LazyConv2d learns c_i, prints as Conv2d, and differentiates", arguments: fixtures?.lazyConv ?? [])
    func lazyConv(_ c: ModuleFixtures.LazyConvCase) throws {
        var program = """
            import torch
            from torch import nn
            layer = \(c.constructor)
            before = repr(layer)
            X = \(c.input.source)
            X.requires_grad_(True)
            layer(X)
            after = repr(layer)
            layer.weight.data = \(c.weight.source)

            """
        if let bias = c.bias { program += "layer.bias.data = \(bias.source)\n" }
        program += """
            Y = layer(X)
            (Y * \(c.gradOutput.source)).sum().backward()
            dX, dW = X.grad, layer.weight.grad
            dB = layer.bias.grad if layer.bias is not None else None

            """
        let session = run(program)
        try expectTensor(session, "Y", c.output)
        try expectTensor(session, "dX", c.gradInput)
        try expectTensor(session, "dW", c.gradWeight)
        try expectTensor(session, "dB", c.gradBias)
        #expect(session.run("print(before)\nprint(after)").stdout == c.reprBefore + "\n" + c.reprAfter + "\n")
    }

    @Test("reprs are PyTorch 2.13's", arguments: fixtures?.reprs ?? [])
    func repr(_ c: ModuleFixtures.ReprCase) {
        assertEvaluates("from torch import nn\nprint(\(c.constructor))", prints: c.repr + "\n")
    }

    @Test(
        "nn.init: in place, returns the tensor, samples the documented distribution",
        arguments: fixtures?.initialisers ?? [])
    func initialisers(_ c: ModuleFixtures.InitCase) throws {
        let session = run(
            """
            import math
            import torch
            from torch import nn
            t = nn.Parameter(torch.zeros(\(c.shape)))
            r = \(c.call)
            same = r is t
            still = t.requires_grad and t.grad_fn is None

            """)
        #expect(session.run("print(same, still)").stdout == "True True\n")
        let values = try #require(session.tensor(named: "t")).floats.map(Double.init)
        let count = Double(values.count)
        let mean = values.reduce(0, +) / count
        let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (count - 1)).squareRoot()
        let (first, second) = (c.parameters[0], c.parameters[1])
        if c.distribution == "uniform" {
            // Inside [low, high]; mean and spread those of the uniform distribution.
            #expect(values.min()! >= first - 1e-6 && values.max()! <= second + 1e-6)
            let width = second - first
            #expect(abs(mean - (first + second) / 2) <= max(1e-7, 5 * width / (12 * count).squareRoot()))
            #expect(abs(std - width / 12.0.squareRoot()) <= max(1e-7, 0.02 * width))
            // PyTorch's samples fill the same interval.
            #expect(c.torchMin >= first - 1e-6 && c.torchMax <= second + 1e-6)
            #expect(abs(values.max()! - values.min()! - (c.torchMax - c.torchMin)) <= max(1e-7, 0.01 * width))
        } else {
            #expect(abs(mean - first) <= 5 * second / count.squareRoot())
            #expect(abs(std / second - 1) < 0.02)
            #expect(abs(std / c.torchStd - 1) < 0.03)
        }
    }
}
