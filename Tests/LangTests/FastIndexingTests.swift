import Tensors
import Testing

@testable import Lang

/// The interpreter's subscript plans (from its values) must select what the engine's indices select.
@Suite("Fast indexing adaptor")
struct FastIndexingTests {
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
    ]

    /// The same subscript as interpreter values, as `X[a:b, i, c:d]` evaluates it.
    static func values(_ indices: [TensorIndex]) -> Value {
        func bound(_ part: Int?) -> Value { part.map { .int($0) } ?? .none }
        return .tuple(
            indices.map { index in
                switch index {
                case .int(let position): .int(position)
                case .slice(let start, let stop, let step): .slice(SliceBox(bound(start), bound(stop), bound(step)))
                default: .none
                }
            })
    }

    @Test("a subscript in interpreter values plans as the engine plans its indices", arguments: cases)
    func getFromValues(_ indices: [TensorIndex]) throws {
        let tensor = FastIndexingTests.tensor
        let plan = try #require(FastIndexing.plan(values: FastIndexingTests.values(indices), shape: tensor.shape))
        let fast = try #require(tensor.block(plan))
        let reference = try tensor.getItem(indices)
        #expect(fast.shape == reference.shape)
        #expect(try fast.floats == reference.floats)
    }

    @Test("element offsets from interpreter values match row-major order")
    func elementOffsets() {
        let shape = FastIndexingTests.tensor.shape
        #expect(FastIndexing.elementOffset(values: .tuple([.int(-1), .int(2), .int(0)]), shape: shape) == 50)
        #expect(FastIndexing.elementOffset(values: .tuple([.int(1), .int(3), .int(4)]), shape: shape) == 39)
        #expect(FastIndexing.elementOffset(values: .tuple([.int(3), .int(0), .int(0)]), shape: shape) == nil)
        #expect(FastIndexing.elementOffset(values: .tuple([.int(0), .bool(true), .int(0)]), shape: shape) == nil)
        #expect(FastIndexing.plan(values: .tuple([.int(0), .none, .int(0)]), shape: shape) == nil)
    }

    @Test("subscripts mixing planned and general parts evaluate once, in order, as Python does")
    func mixedSubscripts() {
        assertEvaluates(
            """
            import torch
            X = torch.arange(12, dtype=torch.float32).reshape((3, 4))
            order = []
            def f(v):
                order.append(v)
                return v
            print(X[1:, ::2].tolist(), X[-1, 1:3].tolist(), X[0, None].tolist())
            print(X[f(0):f(2), f(1)::f(2)].tolist(), order)
            """,
            prints: """
                [[4.0, 6.0], [8.0, 10.0]] [9.0, 10.0] [[0.0, 1.0, 2.0, 3.0]]
                [[1.0, 3.0], [5.0, 7.0]] [0, 2, 1, 2]

                """)
    }

    @Test("item assignment mixing int and general parts evaluates once, in order")
    func mixedAssignments() {
        assertEvaluates(
            """
            import torch
            Y = torch.zeros((2, 3))
            order = []
            def f(v):
                order.append(v)
                return v
            Y[f(1), f(-1)] = torch.tensor(5.0)
            Y[0, f(1):] = 2
            Y[f(0), f(0)] = 7
            Y[-1, 0] = [9.0][0]
            print(Y.tolist(), order)
            """,
            prints: """
                [[7.0, 2.0, 2.0], [9.0, 0.0, 5.0]] [1, -1, 1, 0, 0]

                """)
    }
}
