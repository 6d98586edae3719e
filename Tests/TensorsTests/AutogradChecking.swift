import Testing

@testable import Tensors

/// Collects the gradient delivered to a leaf in the tests.
final class GradientCollector: GradientSink {
    var gradient: Tensor?
    func accumulateGradient(_ gradient: Tensor) throws(TensorError) {
        self.gradient = try self.gradient.map { existing throws(TensorError) in try existing + gradient } ?? gradient
    }

    /// A leaf of `values` in `shape` that requires grad (its in-place changes counted by `version`),
    /// and the collector its gradient reaches.
    static func leaf(_ values: [Float], _ shape: [Int], version: VersionCounter? = nil) throws -> (
        TrackedTensor, GradientCollector
    ) {
        let sink = GradientCollector()
        let node = GradNode(accumulatingInto: sink)
        return (TrackedTensor(try Tensor(shape: shape, floats: values), node: node, version: version), sink)
    }
}

/// Gradient checks against central finite differences.
enum GradientCheck {
    typealias Function = ([TrackedTensor]) throws -> TrackedTensor

    /// The autograd gradients of `Σ f(x) · upstream` with respect to every input.
    static func autograd(_ f: Function, at inputs: [Tensor], upstream: Tensor) throws -> [Tensor] {
        let collectors = inputs.map { _ in GradientCollector() }
        let tracked = zip(inputs, collectors).map { TrackedTensor($0, node: GradNode(accumulatingInto: $1)) }
        let output = try f(tracked)
        try Autograd.backward(output, gradient: upstream)
        return try zip(inputs, collectors).map { input, collector in
            try collector.gradient ?? Tensor.zeros(input.shape)
        }
    }

    /// `Σ f(x) · upstream` accumulated in double precision.
    static func objective(_ f: Function, _ inputs: [Tensor], _ upstream: [Double]) throws -> Double {
        let output = try f(inputs.map { TrackedTensor($0) }).tensor.floats
        return zip(output, upstream).reduce(0.0) { $0 + Double($1.0) * $1.1 }
    }

    /// The central-difference gradient `(L(x + ε) − L(x − ε)) / 2ε` of every input element.
    static func numeric(_ f: Function, at inputs: [Tensor], upstream: Tensor, epsilon: Float) throws -> [Tensor] {
        let weights = try upstream.floats.map(Double.init)
        var result: [Tensor] = []
        for (index, input) in inputs.enumerated() {
            var values = try input.floats
            var gradient = [Float](repeating: 0, count: values.count)
            for element in 0..<values.count {
                let original = values[element]
                var shifted = inputs
                values[element] = original + epsilon
                shifted[index] = try Tensor(shape: input.shape, floats: values)
                let plus = try objective(f, shifted, weights)
                values[element] = original - epsilon
                shifted[index] = try Tensor(shape: input.shape, floats: values)
                let minus = try objective(f, shifted, weights)
                values[element] = original
                gradient[element] = Float((plus - minus) / (2 * Double(epsilon)))
            }
            result.append(try Tensor(shape: input.shape, floats: gradient))
        }
        return result
    }

    /// Checks autograd against finite differences for every input.
    static func expectAgreement(
        _ name: String, _ f: Function, at inputs: [Tensor], epsilon: Float = 1e-2, tolerance: Double = 2e-2,
        seed: UInt64 = 1, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        var generator = RandomGenerator(seed: seed)
        let outputShape = try f(inputs.map { TrackedTensor($0) }).shape
        let upstream = try Tensor.uniform(low: -1, high: 1, outputShape, using: &generator)
        let analytic = try autograd(f, at: inputs, upstream: upstream)
        let numeric = try numeric(f, at: inputs, upstream: upstream, epsilon: epsilon)
        for (index, (a, n)) in zip(analytic, numeric).enumerated() {
            #expect(a.shape == inputs[index].shape, "\(name): gradient \(index) shape", sourceLocation: sourceLocation)
            let scale = try max(1, n.floats.map { abs(Double($0)) }.max() ?? 1)
            for (element, (x, y)) in try zip(a.floats, n.floats).enumerated()
            where abs(Double(x) - Double(y)) > tolerance * scale {
                Issue.record(
                    "\(name): input \(index) element \(element): autograd \(x), finite differences \(y)",
                    sourceLocation: sourceLocation)
                break
            }
        }
    }

    /// Random values in ±[0.2, 1], away from the kinks of relu, abs, max and clamp at 0.
    static func values(_ shape: [Int], seed: UInt64, positive: Bool = false) throws -> Tensor {
        var generator = RandomGenerator(seed: seed)
        let magnitudes = try Tensor.uniform(low: 0.2, high: 1, shape, using: &generator).floats
        let signs = try Tensor.uniform(low: -1, high: 1, shape, using: &generator).floats
        return try Tensor(shape: shape, floats: zip(magnitudes, signs).map { positive || $1 >= 0 ? $0 : -$0 })
    }
}
