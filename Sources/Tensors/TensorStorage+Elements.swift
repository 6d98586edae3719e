extension TensorStorage {
    /// Storage of the given type holding `scalars`, each converted as `Tensor.to(dtype)` would.
    init(scalars: [Scalar], dtype: DType) {
        switch dtype {
        case .float32: self = .float32(scalars.map(\.floatValue))
        case .int32: self = .int32(scalars.map { Int32(truncatingIfNeeded: $0.intValue) })
        case .int64: self = .int64(scalars.map(\.intValue))
        case .bool: self = .bool(scalars.map(\.boolValue))
        }
    }

    /// Storage of `count` copies of `value`, converted to `dtype`, for a tensor of `shape`.
    ///
    /// - Throws: `.memory` when the storage does not fit under the memory limit (``ElementBuffer``).
    init(repeating value: Scalar, count: Int, dtype: DType, for shape: [Int]) throws(TensorError) {
        switch dtype {
        case .float32: self = .float32(try ElementBuffer.repeating(value.floatValue, count: count, for: shape))
        case .int32:
            self = .int32(
                try ElementBuffer.repeating(Int32(truncatingIfNeeded: value.intValue), count: count, for: shape))
        case .int64: self = .int64(try ElementBuffer.repeating(value.intValue, count: count, for: shape))
        case .bool: self = .bool(try ElementBuffer.repeating(value.boolValue, count: count, for: shape))
        }
    }

    /// Every element as a Python number.
    var scalars: [Scalar] {
        switch self {
        case .float32(let values): values.map { .float(Double($0)) }
        case .int32(let values): values.map { .int(Int64($0)) }
        case .int64(let values): values.map { .int($0) }
        case .bool(let values): values.map { .bool($0) }
        }
    }

    /// The element at `offset` as a Python number. - Precondition: `offset` is in range.
    func scalar(at offset: Int) -> Scalar {
        switch self {
        case .float32(let values): .float(Double(values[offset]))
        case .int32(let values): .int(Int64(values[offset]))
        case .int64(let values): .int(values[offset])
        case .bool(let values): .bool(values[offset])
        }
    }

    /// The elements converted to another type, for a tensor of `shape`: floats truncate toward
    /// zero when they become integers (NaN and out-of-range values give `Int64.min`, never a
    /// trap); int64 becomes int32 with wrap-around, as in PyTorch; nonzero is `true`. The same
    /// type is the storage itself, without a copy.
    ///
    /// - Throws: `.memory` when the converted storage does not fit under the memory limit.
    func converted(to dtype: DType, for shape: [Int]) throws(TensorError) -> TensorStorage {
        switch (self, dtype) {
        case (.float32, .float32), (.int32, .int32), (.int64, .int64), (.bool, .bool): return self
        case (.int32(let values), _):
            return try TensorStorage.int64(ElementBuffer.map(values, for: shape) { Int64($0) })
                .converted(to: dtype, for: shape)
        case (_, .int32):
            guard case .int64(let wide) = try converted(to: .int64, for: shape) else {
                preconditionFailure("converted to int64")
            }
            return .int32(try ElementBuffer.map(wide, for: shape) { Int32(truncatingIfNeeded: $0) })
        case (.int64(let values), .float32): return .float32(try ElementBuffer.map(values, for: shape) { Float($0) })
        case (.bool(let values), .float32): return .float32(try ElementBuffer.map(values, for: shape) { $0 ? 1 : 0 })
        case (.float32(let values), .int64):
            return .int64(try ElementBuffer.map(values, for: shape) { truncatedInt64($0) })
        case (.bool(let values), .int64): return .int64(try ElementBuffer.map(values, for: shape) { $0 ? 1 : 0 })
        case (.float32(let values), .bool): return .bool(try ElementBuffer.map(values, for: shape) { $0 != 0 })
        case (.int64(let values), .bool): return .bool(try ElementBuffer.map(values, for: shape) { $0 != 0 })
        }
    }

    /// The same elements in a new buffer, for a tensor of `shape`.
    ///
    /// - Throws: `.memory` when the copy does not fit under the memory limit.
    func copied(for shape: [Int]) throws(TensorError) -> TensorStorage {
        switch self {
        case .float32(let values): .float32(try copyElements(values, for: shape))
        case .int32(let values): .int32(try copyElements(values, for: shape))
        case .int64(let values): .int64(try copyElements(values, for: shape))
        case .bool(let values): .bool(try copyElements(values, for: shape))
        }
    }

    /// The elements at `offsets`, in order. - Precondition: every offset is in range.
    func gathered(_ offsets: [Int]) -> TensorStorage {
        switch self {
        case .float32(let values): .float32(gather(values, offsets))
        case .int32(let values): .int32(gather(values, offsets))
        case .int64(let values): .int64(gather(values, offsets))
        case .bool(let values): .bool(gather(values, offsets))
        }
    }

    /// `outer` runs of `length` elements, the run of row `r` starting at `r * sourceRow + first`.
    /// - Precondition: every run lies within the storage.
    func copiedRuns(outer: Int, sourceRow: Int, first: Int, length: Int) -> TensorStorage {
        switch self {
        case .float32(let values): .float32(copyRuns(values, outer, sourceRow, first, length))
        case .int32(let values): .int32(copyRuns(values, outer, sourceRow, first, length))
        case .int64(let values): .int64(copyRuns(values, outer, sourceRow, first, length))
        case .bool(let values): .bool(copyRuns(values, outer, sourceRow, first, length))
        }
    }

    /// Storage of the same type with no elements.
    var emptyOfSameType: TensorStorage {
        switch self {
        case .float32: .float32([])
        case .int32: .int32([])
        case .int64: .int64([])
        case .bool: .bool([])
        }
    }
}

/// `values` in a new buffer admitted for a tensor of `shape`.
@inline(__always)
func copyElements<Element>(_ values: [Element], for shape: [Int]) throws(TensorError) -> [Element] {
    try ElementBuffer.make(values.count, for: shape) { (buffer: UnsafeMutableBufferPointer<Element>) in
        _ = buffer.initialize(fromContentsOf: values)
    }
}

/// `offsets.map { values[$0] }` without per-element bounds checks; callers guarantee the range.
@inline(__always)
func gather<Element>(_ values: [Element], _ offsets: [Int]) -> [Element] {
    values.withUnsafeBufferPointer { source in
        offsets.withUnsafeBufferPointer { positions in
            Array(unsafeUninitializedCapacity: positions.count) { buffer, initialized in
                for index in 0..<positions.count {
                    (buffer.baseAddress! + index).initialize(to: source[positions[index]])
                }
                initialized = positions.count
            }
        }
    }
}

/// The runs of ``TensorStorage/copiedRuns(outer:sourceRow:first:length:)`` for one element type.
@inline(__always)
func copyRuns<Element>(_ values: [Element], _ outer: Int, _ sourceRow: Int, _ first: Int, _ length: Int) -> [Element] {
    if outer == 1 { return Array(values[first..<(first + length)]) }
    let count = outer * length
    return values.withUnsafeBufferPointer { source in
        Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            guard count > 0, let from = source.baseAddress, let to = buffer.baseAddress else {
                initialized = 0
                return
            }
            for row in 0..<outer {
                (to + row * length).initialize(from: from + row * sourceRow + first, count: length)
            }
            initialized = count
        }
    }
}
