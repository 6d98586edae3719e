/// The element type of a tensor.
///
/// Convbook computes in `float32`, as PyTorch does by default. Integer tensors (`int64`) appear
/// where PyTorch code needs them (an `arange` of integers, `argmax` results, indices); `int32`
/// where code asks for it (`.int()`, `dtype=torch.int32`); its arithmetic runs in int64 and is
/// stored back with int32's wrap-around. Boolean tensors come from comparisons and serve as masks.
public enum DType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case bool
    case int32
    case int64
    case float32

    /// The name PyTorch prints, e.g. `torch.float32`.
    public var description: String { "torch.\(rawValue)" }

    /// The result type of a binary arithmetic operation between two tensors, following PyTorch's
    /// promotion order `bool < int32 < int64 < float32`.
    public static func promoted(_ a: DType, _ b: DType) -> DType {
        a.rank >= b.rank ? a : b
    }

    /// The result type of an operation between a tensor of `a` and one of `b`, where a 0-d operand
    /// (a Python number is one) only decides the type when its category (bool < integer < floating
    /// point) is higher than the other's: `int32_tensor + 2` and `int32_tensor + torch.tensor(2)`
    /// stay int32, as in PyTorch.
    public static func promoted(_ a: DType, dimensioned aHasDims: Bool, _ b: DType, dimensioned bHasDims: Bool)
        -> DType
    {
        guard aHasDims != bHasDims else { return promoted(a, b) }
        let (tensor, number) = aHasDims ? (a, b) : (b, a)
        return number.category > tensor.category ? number : tensor
    }

    /// The integer type an operation computes in for this type: int64 for both integer types.
    var computeType: DType { self == .int32 ? .int64 : self }

    /// Whether values of this type are floating point.
    public var isFloatingPoint: Bool { self == .float32 }

    /// The bytes one element takes in storage.
    public var byteWidth: Int {
        switch self {
        case .bool: MemoryLayout<Bool>.stride
        case .int32: MemoryLayout<Int32>.stride
        case .int64: MemoryLayout<Int64>.stride
        case .float32: MemoryLayout<Float>.stride
        }
    }

    var rank: Int {
        switch self {
        case .bool: 0
        case .int32: 1
        case .int64: 2
        case .float32: 3
        }
    }

    /// PyTorch's type categories: bool 0, integer 1, floating point 2.
    var category: Int {
        switch self {
        case .bool: 0
        case .int32, .int64: 1
        case .float32: 2
        }
    }
}
