import Testing

@testable import Tensors

/// `getItem`'s block path (ints and step-1 slices of a float32 tensor) against a naive loop over every
/// element, and `setItem`'s one-element path against a naive write.
@Suite("block indexing")
struct BlockIndexingTests {
    static let tensor = try! Tensor(shape: [3, 4, 5], floats: (0..<60).map(Float.init))

    static let cases: [[TensorIndex]] = [
        [.int(1), .slice(start: 1, stop: 3, step: nil), .slice(start: nil, stop: nil, step: nil)],
        [.slice(start: -2, stop: nil, step: nil), .int(-1), .slice(start: 2, stop: 100, step: 1)],
        [.slice(start: 0, stop: 0, step: nil), .int(0), .int(0)],
        [.int(2), .int(3), .int(4)],
        [
            .slice(start: 1, stop: 3, step: nil), .slice(start: 1, stop: 4, step: nil),
            .slice(start: 2, stop: 5, step: nil),
        ],
        [.slice(start: -100, stop: -1, step: nil), .int(-4), .slice(start: 4, stop: 2, step: nil)],
    ]

    /// The selection by brute force: every element of the tensor, kept when each index selects its position.
    static func naive(_ indices: [TensorIndex], of tensor: Tensor) throws -> (shape: [Int], values: [Float]) {
        let shape = tensor.shape
        var ranges: [(Range<Int>, keeps: Bool)] = []
        for (index, size) in zip(indices, shape) {
            switch index {
            case .int(let position):
                let resolved = position < 0 ? position + size : position
                ranges.append((resolved..<resolved + 1, false))
            case .slice(let start, let stop, _):
                func clamp(_ bound: Int?, _ fallback: Int) -> Int {
                    guard let bound else { return fallback }
                    return min(max(bound < 0 ? bound + size : bound, 0), size)
                }
                let first = clamp(start, 0)
                ranges.append((first..<max(first, clamp(stop, size)), true))
            default:
                fatalError("the naive reference handles ints and slices")
            }
        }
        var values: [Float] = []
        let floats = try tensor.floats
        for i in 0..<shape[0] {
            for j in 0..<shape[1] {
                for k in 0..<shape[2]
                where ranges[0].0.contains(i) && ranges[1].0.contains(j) && ranges[2].0.contains(k) {
                    values.append(floats[(i * shape[1] + j) * shape[2] + k])
                }
            }
        }
        return (ranges.filter(\.keeps).map(\.0.count), values)
    }

    @Test("getItem of ints and step-1 slices selects what a naive loop selects", arguments: cases)
    func blocks(_ indices: [TensorIndex]) throws {
        let expected = try Self.naive(indices, of: Self.tensor)
        let plan = try #require(BlockPlan(indices, shape: Self.tensor.shape))
        let block = try #require(Self.tensor.block(plan))
        #expect(try block.shape == expected.shape && block.floats == expected.values)
        let item = try Self.tensor.getItem(indices)
        #expect(try item.shape == expected.shape && item.floats == expected.values)
    }

    @Test("a block reuses the caller's shape array and buffer when they fit")
    func reuse() throws {
        let indices: [TensorIndex] = [
            .int(1), .slice(start: 0, stop: 2, step: nil), .slice(start: 1, stop: 3, step: nil),
        ]
        let plan = try #require(BlockPlan(indices, shape: Self.tensor.shape))
        let block = try #require(
            Self.tensor.block(plan, reusableShape: [2, 2], buffer: [Float](repeating: 9, count: 16)))
        #expect(try block.shape == [2, 2] && block.floats == Self.naive(indices, of: Self.tensor).values)
    }

    @Test("other subscripts are not blocks: the general path answers, with its errors")
    func declines() {
        let shape = Self.tensor.shape
        #expect(BlockPlan([.int(3), .int(0), .int(0)], shape: shape) == nil)
        #expect(BlockPlan([.newAxis], shape: shape) == nil)
        #expect(BlockPlan([.slice(start: nil, stop: nil, step: 2), .int(0), .int(0)], shape: shape) == nil)
        #expect(throws: TensorError.self) { try Self.tensor.getItem([.int(3), .int(0), .int(0)]) }
        let ints = try! Tensor(shape: [2, 2], ints: [1, 2, 3, 4])
        let plan = BlockPlan([.int(0), .slice(start: nil, stop: nil, step: nil)], shape: [2, 2])!
        #expect(ints.block(plan) == nil)
        let row: [TensorIndex] = [.int(0), .slice(start: nil, stop: nil, step: nil)]
        #expect((try? ints.getItem(row))?.shape == [2])
    }

    @Test("setting one float element writes exactly that element")
    func setElement() throws {
        var tensor = Self.tensor
        try tensor.setItem([.int(-1), .int(2), .int(0)], to: .float(-7.5))
        var expected = try Self.tensor.floats
        expected[(2 * 4 + 2) * 5 + 0] = -7.5
        #expect(try tensor.floats == expected)
        #expect(throws: TensorError.self) { try tensor.setItem([.int(0), .int(4), .int(0)], to: .float(1)) }
        let declined = !tensor.setFloatElement([.int(0), .slice(start: nil, stop: nil, step: nil), .int(0)], .int(1))
        #expect(declined)
    }
}
