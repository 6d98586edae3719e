extension AdmittedStorage {
    /// Storage of `count` copies of `value`, converted to `dtype`, for a tensor of `shape`.
    ///
    /// - Throws: `.memory` when the storage does not fit under the memory limit (``ElementBuffer``).
    static func repeating(_ value: Scalar, count: Int, dtype: DType, for shape: [Int]) throws(TensorError)
        -> AdmittedStorage
    {
        switch dtype {
        case .float32: .float32(try ElementBuffer.repeating(value.floatValue, count: count, for: shape))
        case .int32:
            .int32(try ElementBuffer.repeating(Int32(truncatingIfNeeded: value.intValue), count: count, for: shape))
        case .int64: .int64(try ElementBuffer.repeating(value.intValue, count: count, for: shape))
        case .bool: .bool(try ElementBuffer.repeating(value.boolValue, count: count, for: shape))
        }
    }

    /// One element, `value` in its own type (a few bytes: not asked for).
    static func single(_ value: Scalar) -> AdmittedStorage {
        switch value.dtype {
        case .float32: .float32(ElementBuffer.single(value.floatValue))
        case .int32: .int32(ElementBuffer.single(Int32(truncatingIfNeeded: value.intValue)))
        case .int64: .int64(ElementBuffer.single(value.intValue))
        case .bool: .bool(ElementBuffer.single(value.boolValue))
        }
    }

    /// Storage of the given type holding `scalars`, each converted as `Tensor.to(dtype)` would,
    /// for a tensor of `shape`.
    ///
    /// - Throws: `.memory` when the storage does not fit under the memory limit.
    static func scalars(_ scalars: [Scalar], dtype: DType, for shape: [Int]) throws(TensorError) -> AdmittedStorage {
        switch dtype {
        case .float32: .float32(try ElementBuffer.map(scalars, for: shape) { $0.floatValue })
        case .int32: .int32(try ElementBuffer.map(scalars, for: shape) { Int32(truncatingIfNeeded: $0.intValue) })
        case .int64: .int64(try ElementBuffer.map(scalars, for: shape) { $0.intValue })
        case .bool: .bool(try ElementBuffer.map(scalars, for: shape) { $0.boolValue })
        }
    }
}

extension TensorStorage {
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
    /// type is the storage itself, without a copy (admitted when it was made).
    ///
    /// - Throws: `.memory` when the converted storage does not fit under the memory limit.
    func converted(to dtype: DType, for shape: [Int]) throws(TensorError) -> AdmittedStorage {
        switch (self, dtype) {
        case (.float32, .float32), (.int32, .int32), (.int64, .int64), (.bool, .bool):
            return AdmittedStorage(alreadyAdmitted: self)
        case (.int32(let values), _):
            return try AdmittedStorage.int64(ElementBuffer.map(values, for: shape) { Int64($0) })
                .storage.converted(to: dtype, for: shape)
        case (_, .int32):
            guard case .int64(let wide) = try converted(to: .int64, for: shape).storage else {
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

    /// The elements as doubles in a new buffer admitted for a tensor of `shape` (what `isclose`
    /// compares).
    ///
    /// - Throws: `.memory` when the buffer does not fit under the memory limit.
    func doubles(for shape: [Int]) throws(TensorError) -> [Double] {
        switch self {
        case .float32(let values): try ElementBuffer.map(values, for: shape) { Double($0) }.array
        case .int32(let values): try ElementBuffer.map(values, for: shape) { Double($0) }.array
        case .int64(let values): try ElementBuffer.map(values, for: shape) { Double($0) }.array
        case .bool(let values): try ElementBuffer.map(values, for: shape) { $0 ? 1 : 0 }.array
        }
    }

    /// The same elements in a new buffer, for a tensor of `shape`.
    ///
    /// - Throws: `.memory` when the copy does not fit under the memory limit.
    func copied(for shape: [Int]) throws(TensorError) -> AdmittedStorage {
        switch self {
        case .float32(let values): .float32(try copyElements(values, for: shape))
        case .int32(let values): .int32(try copyElements(values, for: shape))
        case .int64(let values): .int64(try copyElements(values, for: shape))
        case .bool(let values): .bool(try copyElements(values, for: shape))
        }
    }

    /// The elements at `offsets`, in order, for a tensor of `shape`.
    /// - Precondition: every offset is in range.
    /// - Throws: `.memory` when the result does not fit under the memory limit.
    func gathered(_ offsets: [Int], for shape: [Int]) throws(TensorError) -> AdmittedStorage {
        switch self {
        case .float32(let values): .float32(try gather(values, offsets, for: shape))
        case .int32(let values): .int32(try gather(values, offsets, for: shape))
        case .int64(let values): .int64(try gather(values, offsets, for: shape))
        case .bool(let values): .bool(try gather(values, offsets, for: shape))
        }
    }

    /// `outer` runs of `length` elements, the run of row `r` starting at `r * sourceRow + first`,
    /// for a tensor of `shape`.
    /// - Precondition: every run lies within the storage.
    /// - Throws: `.memory` when the result does not fit under the memory limit.
    func copiedRuns(outer: Int, sourceRow: Int, first: Int, length: Int, for shape: [Int]) throws(TensorError)
        -> AdmittedStorage
    {
        switch self {
        case .float32(let values): .float32(try copyRuns(values, outer, sourceRow, first, length, for: shape))
        case .int32(let values): .int32(try copyRuns(values, outer, sourceRow, first, length, for: shape))
        case .int64(let values): .int64(try copyRuns(values, outer, sourceRow, first, length, for: shape))
        case .bool(let values): .bool(try copyRuns(values, outer, sourceRow, first, length, for: shape))
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
func copyElements<Element>(_ values: [Element], for shape: [Int]) throws(TensorError) -> AdmittedElements<Element> {
    try ElementBuffer.make(values.count, for: shape) { (buffer: UnsafeMutableBufferPointer<Element>) in
        _ = buffer.initialize(fromContentsOf: values)
    }
}

/// Whether `values` is the only reference to its buffer, so that mutating it will not copy it.
///
/// An array is one reference to its buffer object (checked below), which is what
/// `isKnownUniquelyReferenced` asks about; an empty array's shared buffer never is unique.
/// Unoptimized (debug) code may hold a temporary reference and answer false for a unique
/// buffer: callers then copy, which is admitted and correct, only not in place.
@inline(never)
func isUniquelyReferenced<Element>(_ values: inout [Element]) -> Bool {
    guard MemoryLayout<[Element]>.size == MemoryLayout<AnyObject>.size else { return false }
    return withUnsafeMutablePointer(to: &values) { array in
        array.withMemoryRebound(to: AnyObject.self, capacity: 1) { isKnownUniquelyReferenced(&$0.pointee) }
    }
}

/// `offsets.map { values[$0] }` without per-element bounds checks (callers guarantee the range),
/// in a buffer admitted for a tensor of `shape`.
@inline(__always)
func gather<Element>(_ values: [Element], _ offsets: [Int], for shape: [Int]) throws(TensorError)
    -> AdmittedElements<Element>
{
    try ElementBuffer.make(offsets.count, for: shape) { (buffer: UnsafeMutableBufferPointer<Element>) in
        values.withUnsafeBufferPointer { source in
            offsets.withUnsafeBufferPointer { positions in
                for index in 0..<positions.count {
                    (buffer.baseAddress! + index).initialize(to: source[positions[index]])
                }
            }
        }
    }
}

/// The runs of ``TensorStorage/copiedRuns(outer:sourceRow:first:length:)`` for one element type.
@inline(__always)
func copyRuns<Element>(
    _ values: [Element], _ outer: Int, _ sourceRow: Int, _ first: Int, _ length: Int, for shape: [Int]
) throws(TensorError) -> AdmittedElements<Element> {
    try ElementBuffer.make(outer * length, for: shape) { (buffer: UnsafeMutableBufferPointer<Element>) in
        values.withUnsafeBufferPointer { source in
            guard let from = source.baseAddress, let to = buffer.baseAddress else { return }
            for row in 0..<outer {
                (to + row * length).initialize(from: from + row * sourceRow + first, count: length)
            }
        }
    }
}
