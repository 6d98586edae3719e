import Testing

@testable import Tensors

/// Extreme arguments must produce errors (or correct results), never a trap.
@Suite("Bad input never traps")
struct BadInputTests {
    private let m: Tensor

    init() throws { m = try Tensor.arange(6).reshape([2, 3]) }

    @Test("huge sizes and steps")
    func hugeArguments() throws {
        #expect(throws: TensorError.self) { try m.pad([Int.max, Int.max]) }
        #expect(throws: TensorError.self) { try m.pad([Int.min, 0]) }
        #expect(throws: TensorError.self) { try m.narrow(dim: 1, start: 1, length: Int.max) }
        #expect(try m.split(Int.max, dim: 1).map(\.shape) == [[2, 3]])
        #expect(try m.chunk(Int.max, dim: 1).map(\.shape) == [[2, 1], [2, 1], [2, 1]])
        #expect(throws: TensorError.self) { try m.split(sizes: [Int.max, Int.max, 4], dim: 1) }
        #expect(try m.getItem([.all, .slice(start: Int.min, stop: Int.max, step: Int.max)]).storage == .int64([0, 3]))
        #expect(throws: TensorError.self) { try m.getItem([.int(Int.min)]) }
        #expect(throws: TensorError.self) { try m.getItem([.tensor(Tensor.scalar(.int(Int64.max)))]) }
        #expect(throws: TensorError.self) { try m.sum(dim: Int.min) }
        #expect(throws: TensorError.self) { try m.reshape([Int.max, -1]) }
        #expect(throws: TensorError.self) { try m.expand([Int.max, 2, 3]) }
    }

    @Test("too many dimensions is a limit error")
    func rank() throws {
        expectLimitError { try Tensor.scalar(1).reshape(Array(repeating: 1, count: 100)) }
        var x = Tensor.scalar(1)
        for _ in 0..<TensorLimits.maxRank { x = try x.unsqueeze(0) }
        expectLimitError { try x.unsqueeze(0) }
        expectLimitError { try x.getItem([.newAxis]) }
    }

    @Test("integer overflow wraps like C instead of trapping")
    func integerOverflow() throws {
        let big = Tensor.scalar(.int(Int64.max))
        #expect(try (big + 1).item() == .int(Int64.min))
        #expect(try (big * 2).item() == .int(-2))
        #expect(try Tensor.scalar(.int(Int64.min)).floorDivide(-1).item() == .int(Int64.min))
        #expect(try Tensor.scalar(.int(Int64.min)).abs().item() == .int(Int64.min))
        #expect(try Tensor.scalar(1e30).to(.int64).item() == .int(Int64.min))
    }
}
