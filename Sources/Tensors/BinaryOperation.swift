import Foundation

/// An elementwise arithmetic operation between two broadcast operands.
public enum BinaryOperation: String, Sendable, CaseIterable {
    /// `a + b` (`torch.add`); for bools, logical or.
    case add
    /// `a - b` (`torch.sub`); refused for two bool tensors, as in PyTorch.
    case sub
    /// `a * b` (`torch.mul`); for bools, logical and.
    case mul
    /// `a / b` (`torch.div`): always true division, so integers give float32.
    case div
    /// `a ** b` (`torch.pow`).
    case pow
    /// `a // b` (`torch.floor_divide`), rounding toward negative infinity.
    case floorDivide = "floor_divide"
    /// `a % b` (`torch.remainder`), with the sign of the divisor as in Python.
    case remainder
    /// `torch.maximum`: the larger element, NaN if either is NaN.
    case maximum
    /// `torch.minimum`: the smaller element, NaN if either is NaN.
    case minimum
    /// `a & b`: logical and for bools, bitwise and for integers.
    case bitwiseAnd = "bitwise_and"
    /// `a | b`: logical or for bools, bitwise or for integers.
    case bitwiseOr = "bitwise_or"
    /// `a ^ b`: logical xor for bools, bitwise xor for integers.
    case bitwiseXor = "bitwise_xor"

    /// The operations with a same-shape float32 path.
    static let sameShapeFast: Set<BinaryOperation> = [.add, .sub, .mul, .div]

    /// The element type of `a op b` for operands of the given types.
    func resultType(_ a: DType, _ b: DType) -> DType {
        self == .div ? .float32 : DType.promoted(a, b)
    }
}

extension Tensor {
    /// Applies an elementwise operation with broadcasting and PyTorch's type promotion.
    ///
    /// Python numbers enter as 0-d tensors, and a 0-d operand only decides the type when its
    /// category is higher (``DType/promoted(_:dimensioned:_:dimensioned:)``). int32 operands are
    /// computed in int64 and the result stored back as int32.
    public static func binary(_ operation: BinaryOperation, _ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        if case .float32(let x) = a.storage, case .float32(let y) = b.storage, a.shape == b.shape,
            BinaryOperation.sameShapeFast.contains(operation)
        {
            // Same-shape float operands (`X[i:i + h, j:j + w] * K`): no broadcasting or promotion.
            let fast = try ElementBuffer.build(x.count, for: a.shape) { sameShapeFloat(operation, x, y) ?? [] }
            if fast.count == x.count {
                return Tensor(uncheckedShape: a.shape, storage: .float32(fast))
            }
        }
        let outShape = try Broadcasting.shape(a.shape, b.shape)
        _ = try TensorLimits.elementCount(of: outShape)
        let common = DType.promoted(a.dtype, dimensioned: a.rank > 0, b.dtype, dimensioned: b.rank > 0)
        let computeType = operation == .div ? .float32 : common.computeType
        let left = try a.storage.converted(to: computeType, for: a.shape).storage
        let right = try b.storage.converted(to: computeType, for: b.shape).storage
        let count = outShape.reduce(1, &*)
        let storage: AdmittedStorage
        switch (left, right) {
        case (.float32(let x), .float32(let y)):
            guard ![.bitwiseAnd, .bitwiseOr, .bitwiseXor].contains(operation) else {
                throw .type("\(operation.rawValue) is only defined for integer and bool tensors, not float32")
            }
            storage = .float32(
                try ElementBuffer.build(count, for: outShape) {
                    floatKernel(operation, x, a.shape, y, b.shape, outShape)
                })
        case (.int64(let x), .int64(let y)):
            storage = .int64(
                try ElementBuffer.build(count, for: outShape) { () throws(TensorError) in
                    try intKernel(operation, x, a.shape, y, b.shape, outShape)
                })
        case (.bool(let x), .bool(let y)):
            storage = .bool(
                try ElementBuffer.build(count, for: outShape) { () throws(TensorError) in
                    try boolKernel(operation, x, a.shape, y, b.shape, outShape)
                })
        default:
            preconditionFailure("operands converted to one type")
        }
        return Tensor(
            uncheckedShape: outShape,
            storage: try storage.storage.converted(to: operation == .div ? .float32 : common, for: outShape))
    }

    /// `x op y` elementwise for the four arithmetic operations; `nil` for the others.
    /// - Precondition: `x.count == y.count`.
    private static func sameShapeFloat(_ operation: BinaryOperation, _ x: [Float], _ y: [Float]) -> [Float]? {
        switch operation {
        case .add: zipFloats(x, y) { $0 + $1 }
        case .sub: zipFloats(x, y) { $0 - $1 }
        case .mul: zipFloats(x, y) { $0 * $1 }
        case .div: zipFloats(x, y) { $0 / $1 }
        default: nil
        }
    }

    private static func floatKernel(
        _ operation: BinaryOperation, _ x: [Float], _ xShape: [Int], _ y: [Float], _ yShape: [Int], _ out: [Int]
    ) -> [Float] {
        switch operation {
        case .add: Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 + $1 }
        case .sub: Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 - $1 }
        case .mul: Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 * $1 }
        case .div: Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 / $1 }
        case .pow: Broadcasting.map(x, xShape, y, yShape, outShape: out) { Foundation.pow($0, $1) }
        case .floorDivide: Broadcasting.map(x, xShape, y, yShape, outShape: out) { ($0 / $1).rounded(.down) }
        case .remainder: Broadcasting.map(x, xShape, y, yShape, outShape: out) { pythonRemainder($0, $1) }
        case .maximum:
            Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0.isNaN || $1.isNaN ? .nan : Swift.max($0, $1) }
        case .minimum:
            Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0.isNaN || $1.isNaN ? .nan : Swift.min($0, $1) }
        case .bitwiseAnd, .bitwiseOr, .bitwiseXor: []
        }
    }

    private static func intKernel(
        _ operation: BinaryOperation, _ x: [Int64], _ xShape: [Int], _ y: [Int64], _ yShape: [Int], _ out: [Int]
    ) throws(TensorError) -> [Int64] {
        switch operation {
        case .add: return Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 &+ $1 }
        case .sub: return Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 &- $1 }
        case .mul: return Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 &* $1 }
        case .div: return []
        case .pow:
            guard !y.contains(where: { $0 < 0 }) else {
                throw .value("Integers to negative integer powers are not allowed.")
            }
            return Broadcasting.map(x, xShape, y, yShape, outShape: out) { integerPower($0, $1) }
        case .floorDivide, .remainder:
            guard !y.contains(0) else {
                throw .value("ZeroDivisionError: integer division or modulo by zero")
            }
            return operation == .floorDivide
                ? Broadcasting.map(x, xShape, y, yShape, outShape: out) { floorDivision($0, $1).quotient }
                : Broadcasting.map(x, xShape, y, yShape, outShape: out) { floorDivision($0, $1).remainder }
        case .maximum: return Broadcasting.map(x, xShape, y, yShape, outShape: out) { Swift.max($0, $1) }
        case .minimum: return Broadcasting.map(x, xShape, y, yShape, outShape: out) { Swift.min($0, $1) }
        case .bitwiseAnd: return Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 & $1 }
        case .bitwiseOr: return Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 | $1 }
        case .bitwiseXor: return Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 ^ $1 }
        }
    }

    private static func boolKernel(
        _ operation: BinaryOperation, _ x: [Bool], _ xShape: [Int], _ y: [Bool], _ yShape: [Int], _ out: [Int]
    ) throws(TensorError) -> [Bool] {
        switch operation {
        case .add, .maximum, .bitwiseOr: return Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 || $1 }
        case .mul, .minimum, .bitwiseAnd: return Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 && $1 }
        case .bitwiseXor: return Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 != $1 }
        case .pow: return Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 || !$1 }
        case .sub:
            throw .type(
                "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."
            )
        case .div, .floorDivide, .remainder:
            throw .type("\"\(operation.rawValue)\" is not implemented for two bool tensors")
        }
    }
}

/// Python's `a % b` for floats: the result has the sign of the divisor.
@inline(__always)
func pythonRemainder(_ a: Float, _ b: Float) -> Float {
    var result = fmodf(a, b)
    if result != 0 && (b < 0) != (result < 0) { result += b }
    return result
}

/// Python's `divmod` for integers (rounding toward negative infinity), wrapping instead of
/// trapping on `Int64.min // -1`. - Precondition: `b != 0`.
@inline(__always)
func floorDivision(_ a: Int64, _ b: Int64) -> (quotient: Int64, remainder: Int64) {
    if b == -1 { return (0 &- a, 0) }
    var quotient = a / b
    var remainder = a % b
    if remainder != 0 && (remainder < 0) != (b < 0) {
        quotient -= 1
        remainder += b
    }
    return (quotient, remainder)
}

/// `base ** exponent` for integers by repeated squaring, wrapping on overflow like C.
/// - Precondition: `exponent >= 0`.
@inline(__always)
func integerPower(_ base: Int64, _ exponent: Int64) -> Int64 {
    var result: Int64 = 1
    var factor = base
    var remaining = exponent
    while remaining > 0 {
        if remaining & 1 == 1 { result = result &* factor }
        factor = factor &* factor
        remaining >>= 1
    }
    return result
}

/// `body(x[i], y[i])` for every index. - Precondition: `x.count == y.count`.
@inline(__always)
func zipFloats(_ x: [Float], _ y: [Float], _ body: (Float, Float) -> Float) -> [Float] {
    x.withUnsafeBufferPointer { left in
        y.withUnsafeBufferPointer { right in
            Array(unsafeUninitializedCapacity: left.count) { out, initialized in
                for index in 0..<left.count { out[index] = body(left[index], right[index]) }
                initialized = left.count
            }
        }
    }
}
