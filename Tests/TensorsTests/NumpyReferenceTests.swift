import Testing

@testable import Tensors

@Suite("Agreement with NumPy")
struct NumpyReferenceTests {
    @Test("broadcast arithmetic and comparisons", arguments: Fixtures.numpy.broadcast.indices)
    func broadcast(_ index: Int) throws {
        let fixture = Fixtures.numpy.broadcast[index]
        let a = try fixture.a.tensor
        let b = try fixture.b.tensor
        let result: Tensor
        if let comparison = ComparisonOperation(rawValue: fixture.op) {
            result = try Tensor.compare(comparison, a, b)
        } else {
            let operation = try #require(BinaryOperation(rawValue: fixture.op))
            result = try Tensor.binary(operation, a, b)
        }
        expectMatches(result, try fixture.out.tensor, "\(fixture.op) \(a.shape) \(b.shape)")
    }

    @Test("reductions over all or some dimensions", arguments: Fixtures.numpy.reductions.indices)
    func reduction(_ index: Int) throws {
        let fixture = Fixtures.numpy.reductions[index]
        let x = try fixture.x.tensor
        let dims = fixture.dims
        let keepdim = fixture.keepdim
        let result: Tensor
        switch fixture.op {
        case "sum": result = try x.sum(dims: dims, keepdim: keepdim)
        case "mean": result = try x.mean(dims: dims, keepdim: keepdim)
        case "prod": result = try x.prod(dims: dims, keepdim: keepdim)
        case "std": result = try x.std(dims: dims, keepdim: keepdim)
        case "var": result = try x.variance(dims: dims, keepdim: keepdim)
        case "norm": result = try x.norm(dims: dims, keepdim: keepdim)
        case "amax": result = try x.amax(dims: dims, keepdim: keepdim)
        case "amin": result = try x.amin(dims: dims, keepdim: keepdim)
        case "argmax": result = try x.argmax(dim: dims?.first, keepdim: keepdim)
        case "argmin": result = try x.argmin(dim: dims?.first, keepdim: keepdim)
        default: throw TensorError.value("unknown fixture op \(fixture.op)")
        }
        expectMatches(
            result, try fixture.out.tensor, tolerance: 1e-6, "\(fixture.op) \(x.shape) \(String(describing: dims))")
    }

    @Test("matmul: vectors, matrices and broadcast batches", arguments: Fixtures.numpy.matmul.indices)
    func matmul(_ index: Int) throws {
        let fixture = Fixtures.numpy.matmul[index]
        let a = try fixture.a.tensor
        let b = try fixture.b.tensor
        expectMatches(try a.matmul(b), try fixture.out.tensor, tolerance: 1e-6, "\(a.shape) @ \(b.shape)")
    }

    @Test("indexing with integers, slices, None, ellipsis and tensors", arguments: Fixtures.numpy.indexing.indices)
    func indexing(_ index: Int) throws {
        let fixture = Fixtures.numpy.indexing[index]
        let x = try fixture.x.tensor
        expectMatches(try x.getItem(fixture.index.map(\.index)), try fixture.out.tensor, "case \(index)")
    }

    @Test("assignment through every kind of index", arguments: Fixtures.numpy.assignment.indices)
    func assignment(_ index: Int) throws {
        let fixture = Fixtures.numpy.assignment[index]
        var x = try fixture.x.tensor
        try x.setItem(fixture.index.map(\.index), to: try fixture.value.tensor)
        expectMatches(x, try fixture.out.tensor, "case \(index)")
    }

    @Test("permute, pad, cat, stack and flip move elements as NumPy does", arguments: Fixtures.numpy.shapes.indices)
    func shapes(_ index: Int) throws {
        let fixture = Fixtures.numpy.shapes[index]
        let x = try fixture.x.tensor
        let result: Tensor
        switch fixture.op {
        case "permute": result = try x.permute(fixture.args)
        case "pad": result = try x.pad(fixture.args)
        case "cat": result = try Tensor.cat([x, x * 2], dim: fixture.args[0])
        case "stack": result = try Tensor.stack([x, x * 2], dim: fixture.args[0])
        case "flip": result = try x.flip(fixture.args)
        default: throw TensorError.value("unknown fixture op \(fixture.op)")
        }
        expectMatches(result, try fixture.out.tensor, "\(fixture.op) \(fixture.args)")
    }

    @Test("max(dim) returns the values and indices NumPy finds")
    func maxWithIndices() throws {
        for fixture in Fixtures.numpy.reductions where fixture.op == "argmax" && fixture.dims != nil {
            let x = try fixture.x.tensor
            let dim = try #require(fixture.dims?.first)
            let (values, indices) = try x.max(dim: dim, keepdim: fixture.keepdim)
            expectMatches(indices, try fixture.out.tensor)
            let reference = try #require(
                Fixtures.numpy.reductions.first {
                    $0.op == "amax" && $0.dims == [dim] && $0.keepdim == fixture.keepdim
                        && $0.x.data.map(\.value) == fixture.x.data.map(\.value)
                })
            expectMatches(values, try reference.out.tensor)
        }
    }
}
