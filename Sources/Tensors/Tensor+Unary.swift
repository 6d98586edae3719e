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
    public func apply(_ function: UnaryFunction) -> Tensor {
        let values = floats
        if function == .sigmoid {
            let result = values.withUnsafeBufferPointer { x in
                [Float](unsafeUninitializedCapacity: x.count) { y, initialized in
                    if let source = x.baseAddress, let target = y.baseAddress {
                        VectorSigmoid.forward(source, target, count: x.count)
                    }
                    initialized = x.count
                }
            }
            return Tensor(uncheckedShape: shape, storage: .float32(result))
        }
        return Tensor(uncheckedShape: shape, storage: .float32(mapFloats(values, function.apply)))
    }

    /// `torch.exp`.
    public func exp() -> Tensor { apply(.exp) }
    /// `torch.log` (natural logarithm; `-inf` at 0, NaN below).
    public func log() -> Tensor { apply(.log) }
    /// `torch.sqrt`.
    public func sqrt() -> Tensor { apply(.sqrt) }
    /// `torch.sigmoid`, computed without overflow for large `|x|`.
    public func sigmoid() -> Tensor { apply(.sigmoid) }
    /// `torch.tanh`.
    public func tanh() -> Tensor { apply(.tanh) }
    /// `torch.sin`.
    public func sin() -> Tensor { apply(.sin) }
    /// `torch.cos`.
    public func cos() -> Tensor { apply(.cos) }

    /// `-self` (`torch.neg`); refused for bool tensors, as in PyTorch.
    public func neg() throws(TensorError) -> Tensor {
        switch storage {
        case .float32(let values): return Tensor(uncheckedShape: shape, storage: .float32(mapFloats(values) { -$0 }))
        case .int32: return try long().neg().to(.int32)
        case .int64(let values): return Tensor(uncheckedShape: shape, storage: .int64(values.map { 0 &- $0 }))
        case .bool:
            throw .type(
                "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
            )
        }
    }

    /// `torch.abs`.
    public func abs() -> Tensor {
        switch storage {
        case .float32(let values): Tensor(uncheckedShape: shape, storage: .float32(mapFloats(values) { Swift.abs($0) }))
        case .int32: long().abs().to(.int32)
        case .int64(let values): Tensor(uncheckedShape: shape, storage: .int64(values.map { $0 < 0 ? 0 &- $0 : $0 }))
        case .bool: self
        }
    }

    /// `torch.sign`: -1, 0 or 1 (NaN stays NaN).
    public func sign() -> Tensor {
        switch storage {
        case .float32(let values):
            Tensor(uncheckedShape: shape, storage: .float32(mapFloats(values) { $0 > 0 ? 1 : ($0 < 0 ? -1 : $0) }))
        case .int32: long().sign().to(.int32)
        case .int64(let values): Tensor(uncheckedShape: shape, storage: .int64(values.map { $0.signum() }))
        case .bool: self
        }
    }

    /// `torch.relu`: `max(x, 0)`, keeping NaN.
    public func relu() -> Tensor {
        switch storage {
        case .float32(let values):
            Tensor(uncheckedShape: shape, storage: .float32(mapFloats(values) { $0 < 0 ? 0 : $0 }))
        case .int32: long().relu().to(.int32)
        case .int64(let values): Tensor(uncheckedShape: shape, storage: .int64(values.map { Swift.max($0, 0) }))
        case .bool: self
        }
    }

    /// `torch.floor`; integers are returned unchanged.
    public func floor() -> Tensor { rounded(.down) }
    /// `torch.ceil`; integers are returned unchanged.
    public func ceil() -> Tensor { rounded(.up) }
    /// `torch.round`: halves go to the even neighbour (`round(2.5) == 2`), as in PyTorch.
    public func round() -> Tensor { rounded(.toNearestOrEven) }
    /// `torch.trunc`: rounds toward zero.
    public func trunc() -> Tensor { rounded(.towardZero) }

    private func rounded(_ rule: FloatingPointRoundingRule) -> Tensor {
        guard case .float32(let values) = storage else { return self }
        return Tensor(uncheckedShape: shape, storage: .float32(mapFloats(values) { $0.rounded(rule) }))
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
        switch storage.converted(to: resultType == .bool ? .int64 : resultType.computeType) {
        case .float32(let values):
            let low = lower?.floatValue ?? -.infinity
            let high = upper?.floatValue ?? .infinity
            return Tensor(
                uncheckedShape: shape,
                storage: .float32(
                    mapFloats(values) { x in
                        var y = x
                        if y < low { y = low }
                        if y > high { y = high }
                        return y
                    }))
        case .int64(let values):
            let low = lower?.intValue ?? .min
            let high = upper?.intValue ?? .max
            let clamped = TensorStorage.int64(
                values.map { x in
                    var y = x
                    if y < low { y = low }
                    if y > high { y = high }
                    return y
                })
            return Tensor(uncheckedShape: shape, storage: clamped.converted(to: resultType))
        case .bool, .int32:
            preconditionFailure("bool and int32 clamp in int64")
        }
    }

    /// `torch.logical_not`: `true` where the element is zero.
    public func logicalNot() -> Tensor {
        Tensor(uncheckedShape: shape, storage: .bool(truthValues.map { !$0 }))
    }

    /// `~self`: logical not of a bool tensor, bitwise not of an integer tensor.
    public func bitwiseNot() throws(TensorError) -> Tensor {
        switch storage {
        case .bool(let values): return Tensor(uncheckedShape: shape, storage: .bool(values.map { !$0 }))
        case .int32: return try long().bitwiseNot().to(.int32)
        case .int64(let values): return Tensor(uncheckedShape: shape, storage: .int64(values.map { ~$0 }))
        case .float32:
            throw .type("bitwise_not is only defined for integer and bool tensors, not float32 (use logical_not)")
        }
    }

    /// `torch.isnan`.
    public func isnan() -> Tensor { floatTest { $0.isNaN } }
    /// `torch.isinf`.
    public func isinf() -> Tensor { floatTest { $0.isInfinite } }
    /// `torch.isfinite`.
    public func isfinite() -> Tensor {
        guard case .float32 = storage else {
            return Tensor(uncheckedShape: shape, storage: .bool(Array(repeating: true, count: count)))
        }
        return floatTest { $0.isFinite }
    }

    private func floatTest(_ test: (Float) -> Bool) -> Tensor {
        guard case .float32(let values) = storage else {
            return Tensor(uncheckedShape: shape, storage: .bool(Array(repeating: false, count: count)))
        }
        return Tensor(uncheckedShape: shape, storage: .bool(values.map(test)))
    }

    /// Every element as a Python truth value (nonzero is `true`).
    var truthValues: [Bool] {
        guard case .bool(let values) = storage.converted(to: .bool) else { return [] }
        return values
    }
}

/// `values.map(body)` over a contiguous buffer, the shape of every float hot loop.
@inline(__always)
func mapFloats(_ values: [Float], _ body: (Float) -> Float) -> [Float] {
    values.withUnsafeBufferPointer { source in
        Array(unsafeUninitializedCapacity: source.count) { buffer, initialized in
            for index in 0..<source.count { buffer[index] = body(source[index]) }
            initialized = source.count
        }
    }
}
