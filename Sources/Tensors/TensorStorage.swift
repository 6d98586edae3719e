/// The contiguous elements of a tensor, one case per element type.
///
/// Swift arrays are copy-on-write, so a `TensorStorage` value shares its buffer until one copy
/// is mutated; that is what makes ``Tensor`` a cheap value type.
public enum TensorStorage: Sendable, Hashable {
    case float32([Float])
    case int32([Int32])
    case int64([Int64])
    case bool([Bool])

    /// The element type.
    @inlinable public var dtype: DType {
        switch self {
        case .float32: .float32
        case .int32: .int32
        case .int64: .int64
        case .bool: .bool
        }
    }

    /// The number of elements.
    @inlinable public var count: Int {
        switch self {
        case .float32(let values): values.count
        case .int32(let values): values.count
        case .int64(let values): values.count
        case .bool(let values): values.count
        }
    }
}
