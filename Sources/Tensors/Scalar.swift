/// A Python number mixed with tensors: `True`, `2` or `2.5`.
///
/// PyTorch treats such "wrapped numbers" specially when it promotes types: the number only
/// changes the result type when it belongs to a higher category (bool < integer < floating point)
/// than the tensor. So `int_tensor + 2.5` is float32, `float_tensor + 2` stays float32, and
/// `int_tensor + 2` stays int64.
public enum Scalar: Sendable, Hashable, CustomStringConvertible {
    /// A Python `bool`.
    case bool(Bool)
    /// A Python `int` (kept to 64 bits, like an int64 tensor element).
    case int(Int64)
    /// A Python `float` (double precision until it meets a float32 tensor).
    case float(Double)

    /// The tensor element type a lone number of this kind becomes (`torch.tensor(2)` is int64).
    public var dtype: DType {
        switch self {
        case .bool: .bool
        case .int: .int64
        case .float: .float32
        }
    }

    /// The value as a double (`True` is 1).
    public var doubleValue: Double {
        switch self {
        case .bool(let value): value ? 1 : 0
        case .int(let value): Double(value)
        case .float(let value): value
        }
    }

    /// The value as a float32, as it is stored in a float tensor.
    public var floatValue: Float { Float(doubleValue) }

    /// The value as an int64, truncating toward zero like `int(x)`; non-finite or out-of-range
    /// floats give `Int64.min`, the value PyTorch produces on x86 instead of trapping.
    public var intValue: Int64 {
        switch self {
        case .bool(let value): value ? 1 : 0
        case .int(let value): value
        case .float(let value): truncatedInt64(value)
        }
    }

    /// The value as a Python truth value (`0` and `0.0` are false).
    public var boolValue: Bool {
        switch self {
        case .bool(let value): value
        case .int(let value): value != 0
        case .float(let value): value != 0
        }
    }

    /// The number the way Python prints it: `True`, `3`, `2.5`.
    public var description: String {
        switch self {
        case .bool(let value): value ? "True" : "False"
        case .int(let value): String(value)
        case .float(let value): PythonFloat.repr(value)
        }
    }
}

extension Scalar: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral {
    /// An integer literal is a Python `int`.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// A float literal is a Python `float`.
    public init(floatLiteral value: Double) { self = .float(value) }
    /// A boolean literal is a Python `bool`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

/// Converts a double to int64 the way C casts do on x86 (truncation), without trapping: NaN,
/// infinities and out-of-range values give `Int64.min`.
@inline(__always)
func truncatedInt64(_ value: Double) -> Int64 {
    guard value.isFinite, value >= -9.223_372_036_854_775_808e18, value < 9.223_372_036_854_775_808e18 else {
        return Int64.min
    }
    return Int64(value)
}

/// Float-to-int64 conversion with the same non-trapping rules as ``truncatedInt64(_:)-(Double)``.
@inline(__always)
func truncatedInt64(_ value: Float) -> Int64 {
    truncatedInt64(Double(value))
}
