import Foundation
import Testing

@testable import Tensors

@Suite("Changing shapes")
struct ShapeTests {
    private let x: Tensor

    init() throws { x = try Tensor.arange(24).reshape([2, 3, 4]) }

    @Test("reshape infers one -1 and reports PyTorch's message on a mismatch")
    func reshape() throws {
        #expect(try x.reshape([4, -1]).shape == [4, 6])
        #expect(try x.view([-1]).shape == [24])
        #expect(try Tensor.arange(12).reshape([3, 4]).storage == Tensor.arange(12).storage)
        #expect(throws: TensorError.shape("shape '[3, 5]' is invalid for input of size 12")) {
            try Tensor.arange(12).reshape([3, 5])
        }
        #expect(throws: TensorError.value("only one dimension can be inferred")) { try x.reshape([-1, -1]) }
        #expect(throws: TensorError.shape("shape '[0, -1]' is invalid for input of size 24")) {
            try x.reshape([0, -1])
        }
        #expect(throws: TensorError.self) { try x.reshape([Int.max, Int.max, 2]) }
    }

    @Test("flatten, squeeze and unsqueeze")
    func flattenSqueeze() throws {
        #expect(try x.flatten().shape == [24])
        #expect(try x.flatten(startDim: 1).shape == [2, 12])
        #expect(try x.flatten(startDim: 0, endDim: 1).shape == [6, 4])
        #expect(try Tensor.scalar(1).flatten().shape == [1])
        let y = try x.reshape([2, 1, 3, 1, 4])
        #expect(y.squeeze().shape == [2, 3, 4])
        #expect(try y.squeeze(dim: 1).shape == [2, 3, 1, 4])
        #expect(try y.squeeze(dim: 0).shape == y.shape)
        #expect(try x.unsqueeze(0).shape == [1, 2, 3, 4])
        #expect(try x.unsqueeze(-1).shape == [2, 3, 4, 1])
        #expect(throws: TensorError.index("Dimension out of range (expected to be in range of [-4, 3], but got 4)")) {
            try x.unsqueeze(4)
        }
        #expect(throws: TensorError.self) { try x.flatten(startDim: 2, endDim: 1) }
    }

    @Test("transpose, t and permute move elements as naive loops do")
    func permute() throws {
        let p = try x.permute([2, 0, 1])
        #expect(p.shape == [4, 2, 3])
        let source = x.storage.scalars
        let moved = p.storage.scalars
        for i in 0..<2 {
            for j in 0..<3 {
                for k in 0..<4 { #expect(moved[(k * 2 + i) * 3 + j] == source[(i * 3 + j) * 4 + k]) }
            }
        }
        let m = try Tensor.arange(6).reshape([2, 3])
        #expect(try m.t().storage == .int64([0, 3, 1, 4, 2, 5]))
        #expect(try m.transpose(0, -1) == m.t())
        #expect(throws: TensorError.shape("t() expects a tensor with <= 2 dimensions, but self is 3D")) { try x.t() }
        #expect(throws: TensorError.self) { try x.permute([0, 1]) }
        #expect(throws: TensorError.self) { try x.permute([0, 1, 1]) }
        #expect(throws: TensorError.index("Dimension out of range (expected to be in range of [-3, 2], but got 3)")) {
            try x.transpose(0, 3)
        }
    }

    @Test("transposes larger than a cache tile match naive loops", arguments: [[70, 45], [3, 33, 65], [40, 2, 37]])
    func tiledTranspose(shape: [Int]) throws {
        let count = shape.reduce(1, *)
        let source = try Tensor.arange(Scalar.int(Int64(count))).reshape(shape)
        let order = Array((0..<shape.count).reversed())
        let moved = try source.permute(order)
        let strides = Layout.contiguousStrides(shape)
        let values = source.storage.scalars
        var expected: [Scalar] = []
        // Naive: walk the output in row-major order and read the source at the permuted index.
        var index = Array(repeating: 0, count: shape.count)
        let outShape = order.map { shape[$0] }
        for _ in 0..<count {
            expected.append(values[zip(order, index).reduce(0) { $0 + $1.1 * strides[$1.0] }])
            var dim = outShape.count - 1
            while dim >= 0 {
                index[dim] += 1
                if index[dim] < outShape[dim] { break }
                index[dim] = 0
                dim -= 1
            }
        }
        #expect(moved.shape == outShape)
        #expect(moved.storage.scalars == expected)
        #expect(try moved.permute(order) == source)
    }

    @Test("expand repeats size-1 dimensions, with -1 keeping a size")
    func expand() throws {
        let column = try Tensor([[1], [2]])
        #expect(try column.expand([2, 3]).storage == .int64([1, 1, 1, 2, 2, 2]))
        #expect(try column.expand([2, 2, -1]).shape == [2, 2, 1])
        #expect(throws: TensorError.self) { try column.expand([3, 3]) }
        #expect(throws: TensorError.self) { try column.expand([3]) }
        #expect(throws: TensorError.self) { try column.expand([-1, 2, 1]) }
    }

    @Test("cat joins along a dimension and promotes types")
    func cat() throws {
        let a = try Tensor([[1, 2], [3, 4]])
        let b = try Tensor([[5.5, 6]])
        let joined = try Tensor.cat([a, b], dim: 0)
        #expect(joined.dtype == .float32)
        #expect(joined.shape == [3, 2])
        #expect(try joined.floats == [1, 2, 3, 4, 5.5, 6])
        #expect(try Tensor.cat([a, a], dim: 1).storage == .int64([1, 2, 1, 2, 3, 4, 3, 4]))
        #expect(try Tensor.cat([a, Tensor.zeros([0])]).shape == [2, 2])
        #expect(
            throws: TensorError.shape(
                "Sizes of tensors must match except in dimension 1. Expected size 2 but got size 1 for tensor number 1 in the list."
            )
        ) { try Tensor.cat([a, b], dim: 1) }
        #expect(throws: TensorError.self) { try Tensor.cat([]) }
        #expect(throws: TensorError.self) { try Tensor.cat([Tensor.scalar(1)]) }
    }

    @Test("stack adds a dimension; unequal shapes are refused")
    func stack() throws {
        let a = try Tensor([1, 2])
        let b = try Tensor([3, 4])
        #expect(try Tensor.stack([a, b]).storage == .int64([1, 2, 3, 4]))
        #expect(try Tensor.stack([a, b], dim: 1).storage == .int64([1, 3, 2, 4]))
        #expect(try Tensor.stack([a, b], dim: -1).shape == [2, 2])
        #expect(
            throws: TensorError.shape(
                "stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1")
        ) {
            try Tensor.stack([a, Tensor([1, 2, 3])])
        }
    }

    @Test("split and chunk cut a dimension into pieces")
    func splitChunk() throws {
        let v = try Tensor.arange(7)
        #expect(try v.split(3).map(\.shape) == [[3], [3], [1]])
        #expect(try v.split(sizes: [2, 5]).map(\.shape) == [[2], [5]])
        #expect(try v.chunk(3).map(\.shape) == [[3], [3], [1]])
        #expect(try Tensor.arange(6).chunk(4).map(\.shape) == [[2], [2], [2]])
        let pieces = try x.split(2, dim: -1)
        #expect(pieces.count == 2)
        #expect(try Tensor.cat(pieces, dim: -1) == x)
        #expect(throws: TensorError.self) { try v.split(sizes: [2, 2]) }
        #expect(throws: TensorError.self) { try v.chunk(0) }
        #expect(throws: TensorError.self) { try v.split(-1) }
    }

    @Test("pad orders amounts from the last dimension, crops with negatives")
    func pad() throws {
        let m = try Tensor([[1.0, 2], [3, 4]])
        let padded = try m.pad([1, 1, 1, 1])
        #expect(padded.shape == [4, 4])
        #expect(try padded.floats == [0, 0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0])
        #expect(try m.pad([0, 1]).floats == [1, 2, 0, 3, 4, 0])
        #expect(try m.pad([2, 0], value: 9).floats == [9, 9, 1, 2, 9, 9, 3, 4])
        #expect(try m.pad([-1, 0, 0, -1]).floats == [2])
        #expect(try m.pad([0, 0, 1, 0]).floats == [0, 0, 1, 2, 3, 4])
        #expect(throws: TensorError.self) { try m.pad([1]) }
        #expect(throws: TensorError.self) { try m.pad([1, 1, 1, 1, 1, 1]) }
        #expect(throws: TensorError.self) { try m.pad([-2, -1]) }
    }

    @Test("flip, narrow and select")
    func flipNarrowSelect() throws {
        let m = try Tensor.arange(6).reshape([2, 3])
        #expect(try m.flip([1]).storage == .int64([2, 1, 0, 5, 4, 3]))
        #expect(try m.flip([0, 1]).storage == .int64([5, 4, 3, 2, 1, 0]))
        #expect(try m.narrow(dim: 1, start: 1, length: 2).storage == .int64([1, 2, 4, 5]))
        #expect(try m.select(dim: 1, index: -1).storage == .int64([2, 5]))
        #expect(throws: TensorError.index("index 3 is out of bounds for dimension 1 with size 3")) {
            try m.select(dim: 1, index: 3)
        }
        #expect(throws: TensorError.self) { try m.narrow(dim: 0, start: 1, length: 2) }
    }
}

@Suite("More shape helpers")
struct MoreShapeTests {
    @Test("repeat tiles like torch.repeat; unbind and reversedDims")
    func repeatUnbind() throws {
        let x = try Tensor([1, 2])
        #expect(try x.repeat([2]).storage == .int64([1, 2, 1, 2]))
        let tiled = try x.repeat([2, 2])
        #expect(tiled.shape == [2, 4])
        #expect(tiled.storage == .int64([1, 2, 1, 2, 1, 2, 1, 2]))
        let m = try Tensor([[1, 2], [3, 4]])
        #expect(try m.repeat([1, 2]).storage == .int64([1, 2, 1, 2, 3, 4, 3, 4]))
        #expect(try m.repeat([2, 1]).storage == .int64([1, 2, 3, 4, 1, 2, 3, 4]))
        #expect(throws: TensorError.self) { try m.repeat([2]) }
        #expect(try m.unbind(dim: 1).map(\.storage) == [.int64([1, 3]), .int64([2, 4])])
        #expect(try m.reversedDims() == m.t())
        #expect(try Tensor.arange(24).reshape([2, 3, 4]).reversedDims().shape == [4, 3, 2])
    }

    @Test("softmax rows sum to one and survive large inputs")
    func softmax() throws {
        let x = try Tensor([[1.0, 2, 3], [1000, 1000, -1000]])
        let s = try x.softmax(dim: 1)
        let e1 = Foundation.exp(Float(1)), e2 = Foundation.exp(Float(2)), e3 = Foundation.exp(Float(3))
        let total = e1 + e2 + e3
        for (got, want) in try zip(s.floats, [e1 / total, e2 / total, e3 / total, 0.5, 0.5, 0]) {
            #expect(abs(got - want) < 1e-6)
        }
        let logs = try x.logSoftmax(dim: -1)
        #expect(try logs.exp().allclose(s, atol: 1e-6))
        #expect(throws: TensorError.self) { try Tensor.arange(3).softmax(dim: 0) }
    }
}

@Suite("Small helpers")
struct SmallHelperTests {
    @Test("_as and _like variants follow their model tensor")
    func likeAndAs() throws {
        let model = try Tensor.zeros([2, 3])
        let row = try Tensor([1.0, 2, 3])
        #expect(try row.expandAs(model).shape == [2, 3])
        #expect(try row.broadcastTo([4, 3]).shape == [4, 3])
        #expect(try Tensor.arange(6).reshapeAs(model).shape == [2, 3])
        #expect(try Tensor.fullLike(model, 2.5).floats == Array(repeating: 2.5, count: 6))
        var generator = RandomGenerator(seed: 3)
        let uniform = try Tensor.randLike(model, using: &generator)
        #expect(try uniform.shape == [2, 3] && uniform.floats.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(try Tensor.randnLike(model, using: &generator).shape == [2, 3])
        #expect(try Tensor.zeros([1, 2, 1]).squeeze(dims: [0, 2]).shape == [2])
        #expect(try Tensor([-1.5, 1.5]).trunc().floats == [-1, 1])
        #expect(try Tensor([1, 2]).isfinite().storage == .bool([true, true]))
        #expect(try Tensor([2.0, 3]).maximum(Tensor([2.5])).floats == [2.5, 3])
    }
}
