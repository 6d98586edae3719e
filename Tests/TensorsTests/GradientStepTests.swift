import Testing

@testable import Tensors

/// Plain SGD's in-place update (``Tensor/subtractScaled(_:learningRate:)``) against a loop written here.
@Suite("SGD's update in place")
struct GradientStepTests {
    @Test("each element is p − lr · g in double precision, rounded once", arguments: [1, 3, 8, 61, 2400, 48000])
    func matchesLoop(_ count: Int) throws {
        var rng = ConvTestRNG(seed: UInt64(count))
        let values = rng.floats(count).map { $0 * 3 }
        var gradient = rng.floats(count)
        gradient[count - 1] = .infinity
        for lr in [0.1, 1e-3, 0.7] {
            var tensor = try Tensor(shape: [count], floats: values)
            try tensor.subtractScaled(gradient, learningRate: lr)
            let expected = (0..<count).map { Float(Double(values[$0]) - lr * Double(gradient[$0])) }
            #expect(try tensor.floats.map(\.bitPattern) == expected.map(\.bitPattern))
        }
    }

    @Test("a buffer shared with another tensor is copied first; other types are refused")
    func sharedAndTypes() throws {
        let original = try Tensor(shape: [2, 2], floats: [1, 2, 3, 4])
        var view = try original.reshape([4])
        try view.subtractScaled([1, 1, 1, 1], learningRate: 0.5)
        #expect(try view.floats == [0.5, 1.5, 2.5, 3.5])
        #expect(try original.floats == [1, 2, 3, 4])
        var ints = try Tensor(shape: [2], ints: [1, 2])
        #expect(throws: TensorError.self) { try ints.subtractScaled([1, 1], learningRate: 0.1) }
    }
}
