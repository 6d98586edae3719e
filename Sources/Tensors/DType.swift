/// The element type of a tensor.
///
/// Convbook computes in `float32`, as PyTorch does by default. Integer tensors (`int64`) appear
/// where PyTorch code needs them (an `arange` of integers, `argmax` results, indices); boolean
/// tensors come from comparisons and serve as masks.
public enum DType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case bool
    case int64
    case float32

    /// The name PyTorch prints, e.g. `torch.float32`.
    public var description: String { "torch.\(rawValue)" }

    /// The result type of a binary arithmetic operation between two tensors, following PyTorch's
    /// promotion order `bool < int64 < float32`.
    public static func promoted(_ a: DType, _ b: DType) -> DType {
        a.rank >= b.rank ? a : b
    }

    /// Whether values of this type are floating point.
    public var isFloatingPoint: Bool { self == .float32 }

    var rank: Int {
        switch self {
        case .bool: 0
        case .int64: 1
        case .float32: 2
        }
    }
}
