import Testing

@testable import Tensors

@Suite("Creating tensors")
struct CreationTests {
    @Test("torch.tensor infers bool, int64 or float32 from the nested values")
    func inference() throws {
        #expect(try Tensor([true, false]).dtype == .bool)
        #expect(try Tensor([[1, 2], [3, 4]]).dtype == .int64)
        #expect(try Tensor([1, 2.5]).dtype == .float32)
        #expect(try Tensor([true, 2]).dtype == .int64)
        #expect(try Tensor([]).dtype == .float32)
        let x = try Tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]])
        #expect(x.shape == [2, 3])
        #expect(try x.floats == [0, 1, 2, 3, 4, 5])
        #expect(try Tensor(5).shape == [])
        #expect(try Tensor([1, 2], dtype: .float32).storage == .float32([1, 2]))
    }

    @Test("ragged lists are a ValueError with PyTorch's message")
    func ragged() {
        #expect(throws: TensorError.value("expected sequence of length 3 at dim 1 (got 2)")) {
            try Tensor([[1, 2, 3], [4, 5]])
        }
        #expect(throws: TensorError.self) { try Tensor([[1, 2], 3]) }
        #expect(throws: TensorError.self) { try Tensor([1, [2, 3]]) }
    }

    @Test("tolist returns the nested values back")
    func roundTrip() throws {
        let value: NestedValue = [[1, 2], [3, 4]]
        #expect(try Tensor(value).tolist() == value)
        #expect(try Tensor([0.5, 1]).tolist().description == "[0.5, 1.0]")
        #expect(Tensor.scalar(true).tolist() == .scalar(.bool(true)))
    }

    @Test("zeros, ones, full and the _like variants")
    func filled() throws {
        #expect(try Tensor.zeros([2, 3]).floats == Array(repeating: 0, count: 6))
        #expect(try Tensor.ones([2], dtype: .int64).storage == .int64([1, 1]))
        #expect(try Tensor.full([2], 7).storage == .int64([7, 7]))
        #expect(try Tensor.full([2], 0.5).storage == .float32([0.5, 0.5]))
        let x = try Tensor.arange(4).reshape([2, 2])
        #expect(try Tensor.zerosLike(x) == (try Tensor(shape: [2, 2], ints: [0, 0, 0, 0])))
        #expect(try Tensor.onesLike(x, dtype: .float32).storage == .float32([1, 1, 1, 1]))
    }

    @Test(
        "arange: PyTorch's length ceil((end - start) / step) and type rules",
        arguments: [
            (Scalar.int(0), Scalar.int(5), Scalar.int(1), [0.0, 1, 2, 3, 4], DType.int64),
            (.int(1), .int(10), .int(3), [1, 4, 7], .int64),
            (.int(5), .int(0), .int(-2), [5, 3, 1], .int64),
            (.float(0), .float(1), .float(0.25), [0, 0.25, 0.5, 0.75], .float32),
            (.int(1), .float(2.5), .float(0.5), [1, 1.5, 2], .float32),
            (.int(0), .int(0), .int(1), [], .int64),
        ])
    func arange(start: Scalar, end: Scalar, step: Scalar, expected: [Double], dtype: DType) throws {
        let x = try Tensor.arange(start: start, end: end, step: step)
        #expect(x.dtype == dtype)
        #expect(x.shape == [expected.count])
        #expect(x.storage.scalars.map(\.doubleValue) == expected)
    }

    @Test("arange refuses a zero step, inconsistent bounds and huge ranges")
    func arangeErrors() {
        #expect(throws: TensorError.value("step must be nonzero")) { try Tensor.arange(start: 0, end: 3, step: 0) }
        #expect(throws: TensorError.self) { try Tensor.arange(start: 3, end: 0, step: 1) }
        expectLimitError { try Tensor.arange(start: .int(0), end: .int(Int64.max), step: 1) }
    }

    @Test("linspace includes both ends; eye puts ones on the diagonal")
    func linspaceAndEye() throws {
        #expect(try Tensor.linspace(start: 0, end: 1, steps: 5).floats == [0, 0.25, 0.5, 0.75, 1])
        #expect(try Tensor.linspace(start: -1, end: 1, steps: 1).floats == [-1])
        #expect(try Tensor.linspace(start: 0, end: 1, steps: 0).shape == [0])
        #expect(try Tensor.eye(2, 3).floats == [1, 0, 0, 0, 1, 0])
        #expect(try Tensor.eye(3).shape == [3, 3])
        #expect(throws: TensorError.self) { try Tensor.linspace(start: 0, end: 1, steps: -1) }
        #expect(throws: TensorError.self) { try Tensor.eye(-1) }
    }

    @Test("huge shapes fail with a limit error instead of allocating")
    func limits() {
        expectLimitError { try Tensor.zeros([1_000_000, 1_000_000]) }
        expectLimitError { try Tensor.ones([Int.max, 2]) }
        expectLimitError { try Tensor.eye(100_000) }
        expectLimitError { try Tensor.zeros([100_000, 1]).expand([100_000, 100_000]) }
        expectLimitError { try Tensor.zeros([100_000, 1]) + Tensor.zeros([1, 100_000]) }
        #expect(throws: TensorError.self) { try Tensor.zeros([-1]) }
    }
}
