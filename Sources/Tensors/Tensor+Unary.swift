import Foundation

/// A floating-point function applied to every element; integer and bool inputs become float32
/// first, as in PyTorch (`torch.exp(torch.arange(3))` is float32).
public enum UnaryFunction: String, Sendable, CaseIterable {
    /// `torch.exp`: eˣ.
    case exp
    /// `torch.log`: the natural logarithm.
    case log
    /// `torch.sqrt`.
    case sqrt
    /// `torch.sigmoid`: 1 / (1 + e⁻ˣ), evaluated without overflow.
    case sigmoid
    /// `torch.tanh`.
    case tanh
    /// `torch.sin`.
    case sin
    /// `torch.cos`.
    case cos
    /// `torch.log2`.
    case log2
    /// `torch.log10`.
    case log10
    /// `torch.rsqrt`: 1 / √x.
    case rsqrt

    @inline(__always)
    func apply(_ x: Float) -> Float {
        switch self {
        case .exp: Foundation.exp(x)
        case .log: Foundation.log(x)
        case .sqrt: x.squareRoot()
        // Stable on both sides: never computes exp of a large positive number.
        case .sigmoid: x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
        case .tanh: Foundation.tanh(x)
        case .sin: Foundation.sin(x)
        case .cos: Foundation.cos(x)
        case .log2: Foundation.log2(x)
        case .log10: Foundation.log10(x)
        case .rsqrt: 1 / x.squareRoot()
        }
    }
}

extension Tensor {
    /// Applies a floating-point function elementwise (`torch.exp`, `torch.log`, ...).
    ///
    /// - Throws: `.memory` when the result does not fit under the memory limit, as every
    ///   elementwise operation below.
    public func apply(_ function: UnaryFunction) throws(TensorError) -> Tensor {
        let values = try floats
        if function == .sigmoid {
            let result = try ElementBuffer.make(values.count, for: shape) { (y: UnsafeMutableBufferPointer<Float>) in
                values.withUnsafeBufferPointer { x in
                    if let source = x.baseAddress, let target = y.baseAddress {
                        VectorSigmoid.forward(source, target, count: x.count)
                    }
                }
            }
            return Tensor(uncheckedShape: shape, storage: .float32(result))
        }
        return Tensor(uncheckedShape: shape, storage: .float32(try mapFloats(values, for: shape, function.apply)))
    }

    /// `torch.exp`.
    public func exp() throws(TensorError) -> Tensor { try apply(.exp) }
    /// `torch.log` (natural logarithm; `-inf` at 0, NaN below).
    public func log() throws(TensorError) -> Tensor { try apply(.log) }
    /// `torch.sqrt`.
    public func sqrt() throws(TensorError) -> Tensor { try apply(.sqrt) }
    /// `torch.sigmoid`, computed without overflow for large `|x|`.
    public func sigmoid() throws(TensorError) -> Tensor { try apply(.sigmoid) }
    /// `torch.tanh`.
    public func tanh() throws(TensorError) -> Tensor { try apply(.tanh) }
    /// `torch.sin`.
    public func sin() throws(TensorError) -> Tensor { try apply(.sin) }
    /// `torch.cos`.
    public func cos() throws(TensorError) -> Tensor { try apply(.cos) }

    /// `-self` (`torch.neg`); refused for bool tensors, as in PyTorch.
    public func neg() throws(TensorError) -> Tensor {
        switch storage {
        case .float32(let values):
            return Tensor(uncheckedShape: shape, storage: .float32(try mapFloats(values, for: shape) { -$0 }))
        case .int32: return try long().neg().to(.int32)
        case .int64(let values):
            return Tensor(uncheckedShape: shape, storage: .int64(try ElementBuffer.map(values, for: shape) { 0 &- $0 }))
        case .bool:
            throw .type(
                "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
            )
        }
    }

    /// `torch.abs`.
    public func abs() throws(TensorError) -> Tensor {
        switch storage {
        case .float32(let values):
            Tensor(uncheckedShape: shape, storage: .float32(try mapFloats(values, for: shape) { Swift.abs($0) }))
        case .int32: try long().abs().to(.int32)
        case .int64(let values):
            Tensor(
                uncheckedShape: shape,
                storage: .int64(try ElementBuffer.map(values, for: shape) { $0 < 0 ? 0 &- $0 : $0 }))
        case .bool: self
        }
    }

    /// `torch.sign`: -1, 0 or 1 (NaN stays NaN).
    public func sign() throws(TensorError) -> Tensor {
        switch storage {
        case .float32(let values):
            Tensor(
                uncheckedShape: shape,
                storage: .float32(try mapFloats(values, for: shape) { $0 > 0 ? 1 : ($0 < 0 ? -1 : $0) }))
        case .int32: try long().sign().to(.int32)
        case .int64(let values):
            Tensor(uncheckedShape: shape, storage: .int64(try ElementBuffer.map(values, for: shape) { $0.signum() }))
        case .bool: self
        }
    }

    /// `torch.relu`: `max(x, 0)`, keeping NaN.
    public func relu() throws(TensorError) -> Tensor {
        switch storage {
        case .float32(let values):
            Tensor(uncheckedShape: shape, storage: .float32(try mapFloats(values, for: shape) { $0 < 0 ? 0 : $0 }))
        case .int32: try long().relu().to(.int32)
        case .int64(let values):
            Tensor(
                uncheckedShape: shape, storage: .int64(try ElementBuffer.map(values, for: shape) { Swift.max($0, 0) }))
        case .bool: self
        }
    }

    /// `torch.floor`; integers are returned unchanged.
    public func floor() throws(TensorError) -> Tensor { try rounded(.down) }
    /// `torch.ceil`; integers are returned unchanged.
    public func ceil() throws(TensorError) -> Tensor { try rounded(.up) }
    /// `torch.round`: halves go to the even neighbour (`round(2.5) == 2`), as in PyTorch.
    public func round() throws(TensorError) -> Tensor { try rounded(.toNearestOrEven) }
    /// `torch.trunc`: rounds toward zero.
    public func trunc() throws(TensorError) -> Tensor { try rounded(.towardZero) }

    private func rounded(_ rule: FloatingPointRoundingRule) throws(TensorError) -> Tensor {
        guard case .float32(let values) = storage else { return self }
        return Tensor(uncheckedShape: shape, storage: .float32(try mapFloats(values, for: shape) { $0.rounded(rule) }))
    }

    /// `torch.clamp(self, min, max)`: limits every element to `[min, max]`; when `min > max`
    /// every element becomes `max`, and NaN stays NaN, as in PyTorch. The result type is promoted
    /// with the bounds (`int_tensor.clamp(0.5)` is float32).
    public func clamp(min lower: Scalar? = nil, max upper: Scalar? = nil) throws(TensorError) -> Tensor {
        guard lower != nil || upper != nil else {
            throw .value("torch.clamp: At least one of 'min' or 'max' must not be None")
        }
        var resultType = dtype
        for bound in [lower, upper].compactMap({ $0 }) {
            resultType = DType.promoted(resultType, dimensioned: true, bound.dtype, dimensioned: false)
        }
        switch try storage.converted(to: resultType == .bool ? .int64 : resultType.computeType, for: shape).storage {
        case .float32(let values):
            let low = lower?.floatValue ?? -.infinity
            let high = upper?.floatValue ?? .infinity
            return Tensor(
                uncheckedShape: shape,
                storage: .float32(
                    try mapFloats(values, for: shape) { x in
                        var y = x
                        if y < low { y = low }
                        if y > high { y = high }
                        return y
                    }))
        case .int64(let values):
            let low = lower?.intValue ?? .min
            let high = upper?.intValue ?? .max
            let clamped = AdmittedStorage.int64(
                try ElementBuffer.map(values, for: shape) { x in
                    var y = x
                    if y < low { y = low }
                    if y > high { y = high }
                    return y
                })
            return Tensor(uncheckedShape: shape, storage: try clamped.storage.converted(to: resultType, for: shape))
        case .bool, .int32:
            preconditionFailure("bool and int32 clamp in int64")
        }
    }

    /// `torch.logical_not`: `true` where the element is zero.
    public func logicalNot() throws(TensorError) -> Tensor {
        Tensor(uncheckedShape: shape, storage: .bool(try ElementBuffer.map(try truthValues, for: shape) { !$0 }))
    }

    /// `~self`: logical not of a bool tensor, bitwise not of an integer tensor.
    public func bitwiseNot() throws(TensorError) -> Tensor {
        switch storage {
        case .bool(let values):
            return Tensor(uncheckedShape: shape, storage: .bool(try ElementBuffer.map(values, for: shape) { !$0 }))
        case .int32: return try long().bitwiseNot().to(.int32)
        case .int64(let values):
            return Tensor(uncheckedShape: shape, storage: .int64(try ElementBuffer.map(values, for: shape) { ~$0 }))
        case .float32:
            throw .type("bitwise_not is only defined for integer and bool tensors, not float32 (use logical_not)")
        }
    }

    /// `torch.isnan`.
    public func isnan() throws(TensorError) -> Tensor { try floatTest { $0.isNaN } }
    /// `torch.isinf`.
    public func isinf() throws(TensorError) -> Tensor { try floatTest { $0.isInfinite } }
    /// `torch.isfinite`.
    public func isfinite() throws(TensorError) -> Tensor {
        guard case .float32 = storage else {
            return Tensor(
                uncheckedShape: shape, storage: .bool(try ElementBuffer.repeating(true, count: count, for: shape)))
        }
        return try floatTest { $0.isFinite }
    }

    private func floatTest(_ test: (Float) -> Bool) throws(TensorError) -> Tensor {
        guard case .float32(let values) = storage else {
            return Tensor(
                uncheckedShape: shape, storage: .bool(try ElementBuffer.repeating(false, count: count, for: shape)))
        }
        return Tensor(uncheckedShape: shape, storage: .bool(try ElementBuffer.map(values, for: shape, test)))
    }

    /// Every element as a Python truth value (nonzero is `true`).
    var truthValues: [Bool] {
        get throws(TensorError) {
            guard case .bool(let values) = try storage.converted(to: .bool, for: shape).storage else { return [] }
            return values
        }
    }
}

/// `values.map(body)` over a contiguous buffer, the shape of every float hot loop, into a buffer
/// admitted for a tensor of `shape` (``ElementBuffer``).
@inline(__always)
func mapFloats(_ values: [Float], for shape: [Int], _ body: (Float) -> Float) throws(TensorError)
    -> AdmittedElements<Float>
{
    try ElementBuffer.make(values.count, for: shape) { (buffer: UnsafeMutableBufferPointer<Float>) in
        values.withUnsafeBufferPointer { source in
            for index in 0..<source.count { buffer[index] = body(source[index]) }
        }
    }
}
