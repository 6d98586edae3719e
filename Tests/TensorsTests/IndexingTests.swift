import Testing

@testable import Tensors

@Suite("Indexing and assignment")
struct IndexingTests {
    @Test("integers drop dimensions; out-of-range is an IndexError")
    func integers() throws {
        let x = try Tensor.arange(12).reshape([3, 4])
        #expect(try x.getItem([.int(-1)]).storage == .int64([8, 9, 10, 11]))
        #expect(try x.getItem([.int(1), .int(2)]) == Tensor.scalar(6))
        #expect(throws: TensorError.index("index 5 is out of bounds for dimension 0 with size 3")) {
            try x.getItem([.int(5)])
        }
        #expect(throws: TensorError.index("too many indices for tensor of dimension 2")) {
            try x.getItem([.int(0), .int(0), .int(0)])
        }
        #expect(throws: TensorError.self) { try x.getItem([.ellipsis, .ellipsis]) }
    }

    @Test("slices clamp like Python and need a positive step")
    func slices() throws {
        let v = try Tensor.arange(6)
        #expect(try v.getItem([.slice(start: 1, stop: nil, step: 2)]).storage == .int64([1, 3, 5]))
        #expect(try v.getItem([.slice(start: -2, stop: 100, step: nil)]).storage == .int64([4, 5]))
        #expect(try v.getItem([.slice(start: 4, stop: 2, step: nil)]).shape == [0])
        #expect(throws: TensorError.value("step must be greater than zero")) {
            try v.getItem([.slice(start: nil, stop: nil, step: -1)])
        }
        #expect(throws: TensorError.value("step must be greater than zero")) {
            try v.getItem([.slice(start: nil, stop: nil, step: 0)])
        }
    }

    @Test("tensor indices are checked and a float tensor is refused")
    func tensorIndices() throws {
        let v = try Tensor.arange(4)
        #expect(try v.getItem([.tensor(Tensor([3, -1, 0]))]).storage == .int64([3, 3, 0]))
        #expect(throws: TensorError.index("index 4 is out of bounds for dimension 0 with size 4")) {
            try v.getItem([.tensor(Tensor([4]))])
        }
        #expect(throws: TensorError.self) { try v.getItem([.tensor(Tensor([1.0]))]) }
        #expect(throws: TensorError.self) { try v.getItem([.tensor(Tensor([true, false]))]) }
        #expect(try v.indexSelect(dim: 0, index: Tensor([2, 0])).storage == .int64([2, 0]))
    }

    @Test("slice assignment X[:, 2:6] = 0, as in the book's edge-detection example")
    func sliceAssignment() throws {
        var x = try Tensor.ones([6, 8])
        try x.setItem([.all, .slice(start: 2, stop: 6, step: nil)], to: 0)
        var expected = [Float](repeating: 1, count: 48)
        for row in 0..<6 { for column in 2..<6 { expected[row * 8 + column] = 0 } }
        #expect(try x.floats == expected)
        #expect(x.description.hasPrefix("tensor([[1., 1., 0., 0., 0., 0., 1., 1.],"))
    }

    @Test("assigned tensors broadcast into the selection and take its type")
    func tensorAssignment() throws {
        var x = try Tensor.zeros([3, 3], dtype: .int64)
        try x.setItem([.int(1)], to: Tensor([7, 8, 9]))
        try x.setItem([.all, .int(0)], to: Tensor([1.9]))
        #expect(x.storage == .int64([1, 0, 0, 1, 8, 9, 1, 0, 0]))
        #expect(
            throws: TensorError.shape(
                "shape mismatch: value tensor of shape [2] cannot be broadcast to indexing result of shape [3]")
        ) { try x.setItem([.int(0)], to: Tensor([1, 2])) }
    }

    @Test("mask assignment X[X > 0] = 1 and masked_fill")
    func maskAssignment() throws {
        var x = try Tensor([[-1.0, 2], [3, -4]])
        try x.setItem([.tensor(x.gt(0))], to: 1)
        #expect(try x.floats == [-1, 1, 1, -4])
        #expect(try x.getItem([.tensor(x.lt(0))]).floats == [-1, -4])
        #expect(try x.maskedFill(Tensor([true, false]), 5).floats == [5, 1, 5, -4])
        #expect(throws: TensorError.self) { try x.setItem([.tensor(Tensor([true, false, true]))], to: 0) }
    }

    @Test("in-place operations broadcast the right-hand side into self")
    func inPlace() throws {
        var x = try Tensor.ones([2, 3])
        try x.addInPlace(Tensor([1.0, 2, 3]))
        try x.mulInPlace(2)
        #expect(try x.floats == [4, 6, 8, 4, 6, 8])
        try x.subInPlace(Tensor([[1.0], [2]]))
        try x.divInPlace(2)
        #expect(try x.floats == [1.5, 2.5, 3.5, 1, 2, 3])
        #expect(throws: TensorError.shape("output with shape [3] doesn't match the broadcast shape [2, 3]")) {
            var v = try Tensor.ones([3])
            try v.addInPlace(Tensor.ones([2, 3]))
        }
        #expect(throws: TensorError.type("result type Float can't be cast to the desired output type Long")) {
            var v = try Tensor.arange(3)
            try v.divInPlace(2)
        }
        try x.zero()
        #expect(try x.floats == Array(repeating: 0, count: 6))
        try x.fill(2.5)
        #expect(try x.floats == Array(repeating: 2.5, count: 6))
        try x.copy(from: Tensor([1, 2, 3]))
        #expect(try x.floats == [1, 2, 3, 1, 2, 3])
        try x.clampInPlace(min: 2)
        #expect(try x.floats == [2, 2, 3, 2, 2, 3])
    }

    @Test("mutating a copy leaves the original unchanged")
    func valueSemantics() throws {
        let original = try Tensor.zeros([2, 2])
        var copy = original
        try copy.setItem([.int(0), .int(0)], to: 1)
        #expect(try original.floats == [0, 0, 0, 0])
        #expect(try copy.floats == [1, 0, 0, 0])
    }
}
