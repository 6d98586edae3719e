import Foundation
import Testing

@testable import Tensors

@Suite("Elementwise operations")
struct ElementwiseTests {
    private let ints: Tensor
    private let floats: Tensor

    init() throws {
        ints = try Tensor([1, 2, 3])
        floats = try Tensor([1.0, 2, 3])
    }

    @Test("Python numbers promote like PyTorch's wrapped numbers")
    func wrappedNumbers() throws {
        #expect(try (ints + 2.5).dtype == .float32)
        #expect(try (ints + 2).dtype == .int64)
        #expect(try (floats + 2).dtype == .float32)
        #expect(try (ints / 2).dtype == .float32)
        #expect(try (ints / 2).floats == [0.5, 1, 1.5])
        #expect(try (ints * true).dtype == .int64)
        let mask = try Tensor([true, false])
        #expect(try (mask + 1).storage == .int64([2, 1]))
        #expect(try (mask + mask).storage == .bool([true, false]))
        #expect(try (mask * mask).dtype == .bool)
        #expect(try (2 - ints).storage == .int64([1, 0, -1]))
        #expect(try (1 / floats).floats == [1, 0.5, Float(1) / 3])
    }

    @Test("bool subtraction and negation are refused with PyTorch's advice")
    func boolRestrictions() throws {
        let mask = try Tensor([true, false])
        #expect(throws: TensorError.self) { try mask - mask }
        #expect(throws: TensorError.self) { try -mask }
        #expect(try mask.bitwiseNot().storage == .bool([false, true]))
        #expect(try -ints == Tensor([-1, -2, -3]))
    }

    @Test("broadcast mismatches report the sizes and the dimension")
    func broadcastError() throws {
        #expect(
            throws: TensorError.shape(
                "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1")
        ) { try Tensor.zeros([2, 3]) + Tensor.zeros([4]) }
    }

    @Test("powers: integer powers stay integers, negative integer exponents are refused")
    func powers() throws {
        #expect(try ints.pow(2).storage == .int64([1, 4, 9]))
        #expect(try floats.pow(0.5).floats == [1, Float(2).squareRoot(), Float(3).squareRoot()])
        #expect(try ints.pow(0.5).dtype == .float32)
        #expect(throws: TensorError.value("Integers to negative integer powers are not allowed.")) { try ints.pow(-1) }
    }

    @Test("floor division and remainder follow Python's signs; integer division by zero is an error")
    func floorDivision() throws {
        let a = try Tensor([7, -7, 7, -7])
        let b = try Tensor([2, 2, -2, -2])
        #expect(try a.floorDivide(b).storage == .int64([3, -4, -4, 3]))
        #expect(try (a % b).storage == .int64([1, 1, -1, -1]))
        #expect(try (a.float() % b.float()).floats == [1, 1, -1, -1])
        #expect(throws: TensorError.self) { try a.floorDivide(0) }
        #expect(try (floats / 0).floats == [.infinity, .infinity, .infinity])
    }

    @Test("unary functions agree with the C library", arguments: UnaryFunction.allCases)
    func unary(function: UnaryFunction) throws {
        let x = try Tensor([0.25, 1, 2.5, 7])
        let reference: (Float) -> Float =
            switch function {
            case .exp: { Foundation.exp($0) }
            case .log: { Foundation.log($0) }
            case .sqrt: { $0.squareRoot() }
            case .sigmoid: { 1 / (1 + Foundation.exp(-$0)) }
            case .tanh: { Foundation.tanh($0) }
            case .sin: { Foundation.sin($0) }
            case .cos: { Foundation.cos($0) }
            case .log2: { Foundation.log2($0) }
            case .log10: { Foundation.log10($0) }
            case .rsqrt: { 1 / $0.squareRoot() }
            }
        for (got, input) in zip(try x.apply(function).floats, try x.floats) {
            #expect(abs(got - reference(input)) <= 1e-6 * max(1, abs(reference(input))))
        }
        #expect(try ints.apply(function).dtype == .float32)
    }

    @Test("sigmoid is stable for large magnitudes")
    func stableSigmoid() throws {
        let s = try Tensor([-1000.0, -50, 0, 50, 1000]).sigmoid().floats
        #expect(s == [0, Float(Foundation.exp(-50.0) / (1 + Foundation.exp(-50.0))), 0.5, 1, 1])
        #expect(!s.contains { $0.isNaN })
    }

    @Test("relu, abs, clamp, rounding and sign")
    func pointwise() throws {
        let x = try Tensor([-2.5, -0.5, 0.5, 1.5, 2.5])
        #expect(try x.relu().floats == [0, 0, 0.5, 1.5, 2.5])
        #expect(try x.abs().floats == [2.5, 0.5, 0.5, 1.5, 2.5])
        #expect(try x.round().floats == [-2, -0, 0, 2, 2])
        #expect(try x.floor().floats == [-3, -1, 0, 1, 2])
        #expect(try x.ceil().floats == [-2, -0, 1, 2, 3])
        #expect(try x.sign().floats == [-1, -1, 1, 1, 1])
        #expect(try x.clamp(min: -1, max: 1).floats == [-1, -0.5, 0.5, 1, 1])
        #expect(try x.clamp(min: 2, max: 1).floats == [1, 1, 1, 1, 1])
        #expect(try Tensor(shape: [1], floats: [.nan]).clamp(min: 0).floats[0].isNaN)
        #expect(try ints.clamp(max: 2).storage == .int64([1, 2, 2]))
        #expect(try ints.clamp(min: 1.5).dtype == .float32)
        #expect(throws: TensorError.self) { try x.clamp() }
    }

    @Test("comparisons give bool tensors; logical operators combine them")
    func comparisons() throws {
        #expect(try ints.gt(1.5).storage == .bool([false, true, true]))
        #expect(try ints.eq(floats).storage == .bool([true, true, true]))
        #expect(try floats.le(Tensor([[2.0], [0]])).storage == .bool([true, true, false, false, false, false]))
        let a = try Tensor([true, true, false])
        let b = try Tensor([true, false, false])
        #expect(try (a & b).storage == .bool([true, false, false]))
        #expect(try (a | b).storage == .bool([true, true, false]))
        #expect(try (a ^ b).storage == .bool([false, true, false]))
        #expect(try a.logicalAnd(ints).storage == .bool([true, true, false]))
        #expect(try floats.logicalNot().storage == .bool([false, false, false]))
        #expect(try Tensor.where(a, ints, floats.neg()).floats == [1, 2, -3])
        #expect(try Tensor(shape: [2], floats: [.nan, 1]).isnan().storage == .bool([true, false]))
    }
}
