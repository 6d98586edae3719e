import Testing

@testable import Tensors

/// `sum(dims:)` over a tensor's leading dimensions (a bias's gradient summed over the batch) sums each
/// column where it lies: checked against each column copied out and summed by ``sumInDouble(_:)``, the
/// general path's row sum, bit for bit.
@Suite("Sums over the leading dimensions")
struct LeadingSumTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let shape: [Int]
        let dims: [Int]
        var testDescription: String { "\(shape) over \(dims)" }
    }

    static let cases: [Case] = [
        Case(shape: [128, 120], dims: [0]), Case(shape: [128, 84], dims: [0]), Case(shape: [5, 3], dims: [0]),
        Case(shape: [7, 1, 9], dims: [0]), Case(shape: [7, 2, 9], dims: [1, 0]),
        Case(shape: [2, 3, 4], dims: [-3, -2]),
        Case(shape: [3, 130], dims: [0]), Case(shape: [1, 6], dims: [0]), Case(shape: [0, 5], dims: [0]),
        Case(shape: [4, 0], dims: [0]), Case(shape: [6, 2, 3, 5], dims: [0, 1, 2]),
    ]

    @Test("each column summed as the general path sums a row, with and without keepdim", arguments: cases)
    func matchesColumnSums(_ c: Case) throws {
        var rng = ConvTestRNG(seed: UInt64(c.shape.reduce(3, *) + 1))
        var values = rng.floats(c.shape.reduce(1, *)).map { $0 * 1e3 }
        if values.count > 10 {
            values[3] = .infinity
            values[values.count - 2] = .nan
            values[7] = 1e-30
        }
        let tensor = try Tensor(shape: c.shape, floats: values)
        let leading = c.dims.map { ($0 + c.shape.count) % c.shape.count }.max().map { $0 + 1 } ?? 0
        let rows = c.shape[..<leading].reduce(1, *)
        let columns = c.shape[leading...].reduce(1, *)
        let expected = (0..<columns).map { column in
            Float(sumInDouble((0..<rows).map { values[$0 * columns + column] }[...]))
        }
        for keepdim in [false, true] {
            let sum = try tensor.sum(dims: c.dims, keepdim: keepdim)
            let kept = Array(c.shape[leading...])
            #expect(sum.shape == (keepdim ? Array(repeating: 1, count: leading) + kept : kept))
            #expect(try sum.floats.map(\.bitPattern) == expected.map(\.bitPattern))
        }
    }

    @Test("other reductions and bad dimensions take the general path, with its errors")
    func others() throws {
        let tensor = try Tensor(shape: [2, 3], floats: [1, 2, 3, 4, 5, 6])
        #expect(try tensor.sum(dims: [1]).floats == [6, 15])
        #expect(try tensor.sum(dims: [0, 1]).floats == [21])
        #expect(throws: TensorError.self) { try tensor.sum(dims: [0, 0]) }
        #expect(throws: TensorError.self) { try tensor.sum(dims: [2]) }
        let ints = try Tensor(shape: [2, 2], ints: [1, 2, 3, 4])
        #expect(try ints.sum(dims: [0]).floats == [4, 6])
    }
}
