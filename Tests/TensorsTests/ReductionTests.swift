import Testing

@testable import Tensors

@Suite("Reductions")
struct ReductionTests {
    @Test("sums of integer tensors stay int64; bools count")
    func integerSums() throws {
        #expect(try Tensor.arange(5).sum() == Tensor.scalar(10))
        #expect(try Tensor([true, false, true]).sum() == Tensor.scalar(2))
        #expect(try Tensor([[1, 2], [3, 4]]).sum(dim: 0, keepdim: true) == Tensor([[4, 6]]))
    }

    @Test("float sums accumulate accurately")
    func accurateSum() throws {
        let x = try Tensor.full([1_000_000], 0.1)
        let total = try x.sum().item().doubleValue
        #expect(abs(total - 100_000) < 0.01)
        #expect(try x.mean().item().doubleValue == Double(Float(0.1)))
    }

    @Test("mean of an integer tensor is an error, as in PyTorch")
    func integerMean() {
        #expect(
            throws: TensorError.type(
                "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long"
            )
        ) { try Tensor.arange(3).mean() }
        #expect(throws: TensorError.self) { try Tensor.arange(3).norm() }
    }

    @Test("max and min over all elements or one dimension, with indices")
    func extrema() throws {
        let x = try Tensor([[1.0, 5, 5], [7, -2, 0]])
        #expect(try x.max() == Tensor(scalar: 7))
        #expect(try x.min() == Tensor(scalar: -2))
        let (values, indices) = try x.max(dim: 1)
        #expect(try values.floats == [5, 7])
        #expect(indices.storage == .int64([1, 0]))
        let (low, lowIndex) = try x.min(dim: 0, keepdim: true)
        #expect(low.shape == [1, 3])
        #expect(lowIndex.storage == .int64([0, 1, 1]))
        #expect(try x.argmax() == Tensor.scalar(3))
        #expect(try x.argmin(dim: -1).storage == .int64([0, 1]))
        #expect(try Tensor(shape: [3], floats: [1, .nan, 3]).max().floats[0].isNaN)
        #expect(try Tensor([true, false]).max() == Tensor.scalar(true))
    }

    @Test("empty reductions and bad dimensions are errors, not traps")
    func errors() throws {
        #expect(throws: TensorError.self) { try Tensor.zeros([0]).max() }
        #expect(throws: TensorError.self) { try Tensor.zeros([2, 0]).argmax(dim: 1) }
        #expect(try Tensor.zeros([2, 0]).sum(dim: 1).floats == [0, 0])
        #expect(try Tensor.zeros([0]).mean().floats[0].isNaN)
        #expect(throws: TensorError.index("Dimension out of range (expected to be in range of [-2, 1], but got 2)")) {
            try Tensor.zeros([2, 2]).sum(dim: 2)
        }
        #expect(throws: TensorError.self) { try Tensor.zeros([2, 2]).sum(dims: [0, -2]) }
        #expect(try Tensor.scalar(3).sum(dim: 0) == Tensor.scalar(3))
    }

    @Test("norm, all and any")
    func normAllAny() throws {
        let x = try Tensor([[3.0, 4], [0, 0]])
        #expect(try x.norm() == Tensor(scalar: 5))
        #expect(try x.norm(dims: [1]).floats == [5, 0])
        #expect(try x.norm(p: 1).floats == [7])
        #expect(try x.norm(p: .infinity).floats == [4])
        #expect(try x.all().storage == .bool([false]))
        #expect(try x.any(dims: [1]).storage == .bool([true, false]))
    }
}

@Suite("Running sums")
struct CumsumTests {
    @Test("cumsum adds up along one dimension")
    func cumsum() throws {
        let x = try Tensor([[1, 2, 3], [4, 5, 6]])
        #expect(try x.cumsum(dim: 1).storage == .int64([1, 3, 6, 4, 9, 15]))
        #expect(try x.cumsum(dim: 0).storage == .int64([1, 2, 3, 5, 7, 9]))
        #expect(try x.float().cumsum(dim: -1).floats == [1, 3, 6, 4, 9, 15])
        #expect(try Tensor([true, true, false]).cumsum(dim: 0).storage == .int64([1, 2, 2]))
        #expect(throws: TensorError.self) { try x.cumsum(dim: 2) }
    }
}
