import Testing

@testable import Tensors

@Suite("Matrix products")
struct LinearAlgebraTests {
    /// The textbook triple loop, in double precision.
    private func naiveProduct(_ a: [Float], _ b: [Float], rows: Int, inner: Int, columns: Int) -> [Float] {
        var result = [Float](repeating: 0, count: rows * columns)
        for i in 0..<rows {
            for j in 0..<columns {
                var total = 0.0
                for k in 0..<inner { total += Double(a[i * inner + k]) * Double(b[k * columns + j]) }
                result[i * columns + j] = Float(total)
            }
        }
        return result
    }

    @Test("matmul equals naive loops on random shapes", arguments: [(1, 1, 1), (3, 5, 2), (17, 9, 33), (64, 48, 40)])
    func naive(rows: Int, inner: Int, columns: Int) throws {
        var generator = RandomGenerator(seed: UInt64(rows * 1000 + inner * 10 + columns))
        let a = try Tensor.randn([rows, inner], using: &generator)
        let b = try Tensor.randn([inner, columns], using: &generator)
        let expected = try naiveProduct(a.floats, b.floats, rows: rows, inner: inner, columns: columns)
        let got = try a.matmul(b)
        #expect(got.shape == [rows, columns])
        for (x, y) in try zip(got.floats, expected) { #expect(abs(x - y) <= 1e-4 * max(1, abs(y))) }
        #expect(try a.mm(b) == got)
    }

    @Test("matrix shape errors use PyTorch's words")
    func errors() throws {
        let a = try Tensor.zeros([2, 3])
        #expect(throws: TensorError.shape("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)")) {
            try a.matmul(Tensor.zeros([4, 5]))
        }
        #expect(throws: TensorError.self) { try Tensor.scalar(1).matmul(a) }
        #expect(throws: TensorError.self) { try Tensor.zeros([3]).dot(Tensor.zeros([4])) }
        #expect(throws: TensorError.self) { try a.matmul(Tensor.zeros([3], dtype: .int64)) }
        #expect(throws: TensorError.self) { try a.mm(Tensor.zeros([3])) }
        #expect(throws: TensorError.self) { try Tensor.zeros([2, 2, 3]).matmul(Tensor.zeros([3, 3, 2])) }
    }

    @Test("empty inner dimensions give zeros; dot, mv, outer and bmm")
    func variants() throws {
        #expect(try Tensor.zeros([2, 0]).matmul(Tensor.zeros([0, 3])) == Tensor.zeros([2, 3]))
        let v = try Tensor([1.0, 2, 3])
        #expect(try v.dot(v) == Tensor(scalar: 14))
        #expect(try Tensor.eye(3).mv(v) == v)
        #expect(try v.outer(Tensor([1.0, 10])).floats == [1, 10, 2, 20, 3, 30])
        let batch = try Tensor.ones([2, 2, 3]).bmm(Tensor.ones([2, 3, 4]))
        #expect(batch.shape == [2, 2, 4])
        #expect(try batch.floats.allSatisfy { $0 == 3 })
    }

    @Test("allclose and isclose use |a - b| <= atol + rtol * |b|")
    func closeness() throws {
        let a = try Tensor(shape: [3], floats: [1, 2, .nan])
        let b = try Tensor(shape: [3], floats: [1.000001, 2.1, .nan])
        #expect(try a.isclose(b).storage == .bool([true, false, false]))
        #expect(try a.isclose(b, equalNan: true).storage == .bool([true, false, true]))
        #expect(try a.allclose(b, rtol: 0.1, equalNan: true))
        #expect(try !a.allclose(b))
        #expect(try Tensor(shape: [1], floats: [.infinity]).allclose(Tensor(shape: [1], floats: [.infinity])))
    }

    @Test("conversions: to, item, clone")
    func conversions() throws {
        #expect(try Tensor([1.7, -1.7]).to(.int64).storage == .int64([1, -1]))
        #expect(try Tensor(shape: [1], floats: [.nan]).long().storage == .int64([Int64.min]))
        #expect(try Tensor([0, 2]).bool().storage == .bool([false, true]))
        #expect(try Tensor([2.5]).item() == .float(2.5))
        #expect(throws: TensorError.value("a Tensor with 4 elements cannot be converted to Scalar")) {
            try Tensor.zeros([2, 2]).item()
        }
        #expect(try Tensor.zeros([2, 3]).size(-1) == 3)
        #expect(throws: TensorError.self) { try Tensor.zeros([2, 3]).size(2) }
    }

    @Test("linear is input times the weight transposed plus the bias, at any leading shape")
    func linear() throws {
        var generator = RandomGenerator(seed: 21)
        let weight = try Tensor.randn([5, 7], using: &generator)
        let bias = try Tensor.randn([5], using: &generator)
        let input = try Tensor.randn([2, 3, 7], using: &generator)
        let got = try input.linear(weight: weight, bias: bias)
        #expect(got.shape == [2, 3, 5])
        let product = naiveProduct(
            try input.floats, try weight.transpose(0, 1).contiguous().floats, rows: 6, inner: 7, columns: 5)
        for (index, value) in try got.floats.enumerated() {
            let want = try product[index] + bias.floats[index % 5]
            #expect(abs(value - want) <= 1e-4 * max(1, abs(want)))
        }
        #expect(try input.linear(weight: weight, bias: nil).shape == [2, 3, 5])
        #expect(throws: TensorError.self) { try input.linear(weight: try weight.transpose(0, 1), bias: nil) }
    }
}
