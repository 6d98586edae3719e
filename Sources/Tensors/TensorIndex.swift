/// One component of a subscript like `X[0, 1:3, None, ..., mask]`.
public enum TensorIndex: Sendable, Equatable {
    /// An integer (negative counts from the end); the dimension disappears.
    case int(Int)
    /// A Python slice `start:stop:step`; missing parts are `nil`, and out-of-range bounds are
    /// clamped as in Python. The step must be positive (PyTorch has no negative steps).
    case slice(start: Int?, stop: Int?, step: Int?)
    /// `None`: inserts a dimension of size 1.
    case newAxis
    /// `...`: as many full slices as needed.
    case ellipsis
    /// A bool tensor (a mask over as many dimensions as it has) or an int64 tensor of positions
    /// along one dimension.
    case tensor(Tensor)

    /// The full slice `:`.
    public static let all = TensorIndex.slice(start: nil, stop: nil, step: nil)

    /// How many dimensions of the indexed tensor this component consumes.
    var consumedDims: Int {
        switch self {
        case .int, .slice: 1
        case .newAxis, .ellipsis: 0
        case .tensor(let tensor): tensor.dtype == .bool ? tensor.rank : 1
        }
    }
}

/// The positions of a slice `start:stop:step` within a dimension of `size` entries, with
/// Python's clamping: `(first, count)`.
func resolvedSlice(start: Int?, stop: Int?, step: Int?, size: Int) throws(TensorError) -> (first: Int, count: Int) {
    let step = step ?? 1
    guard step > 0 else { throw .value("step must be greater than zero") }
    func clamp(_ bound: Int?, default fallback: Int) -> Int {
        guard var value = bound else { return fallback }
        if value < 0 { value = Swift.max(value + size, 0) }
        return Swift.min(value, size)
    }
    let first = clamp(start, default: 0)
    let end = clamp(stop, default: size)
    let count = end > first ? (end - first - 1) / step + 1 : 0
    return (first, count)
}
