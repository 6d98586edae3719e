/// An n-dimensional array of numbers, the value every Convbook computation works on.
///
/// `Tensor` is a value type with copy-on-write storage: copies are cheap, and mutating one copy
/// never changes another. Elements are stored contiguously in row-major (C) order, so the element
/// at index `(i, j, k)` of a tensor with shape `(a, b, c)` lives at `(i * b + j) * c + k`.
///
/// ```swift
/// let x = try Tensor(shape: [2, 2], floats: [0, 1, 2, 3])
/// x.shape     // [2, 2]
/// x.dtype     // .float32
/// ```
public struct Tensor: Sendable {
    /// The extent of each dimension; `[]` for a scalar (0-d) tensor.
    public private(set) var shape: [Int]
    /// The elements, in row-major order.
    public internal(set) var storage: TensorStorage

    /// Creates a tensor from its shape and storage, checking that they agree and that the element
    /// count respects ``TensorLimits/maxElements``.
    public init(shape: [Int], storage: TensorStorage) throws(TensorError) {
        let count = try TensorLimits.checkedElementCount(of: shape)
        guard count == storage.count else {
            throw .shape("shape \(formatShape(shape)) is invalid for input of size \(storage.count)")
        }
        self.shape = shape
        self.storage = storage
    }

    /// Creates a float32 tensor from row-major values.
    public init(shape: [Int], floats: [Float]) throws(TensorError) {
        try self.init(shape: shape, storage: .float32(floats))
    }

    /// Creates an int64 tensor from row-major values.
    public init(shape: [Int], ints: [Int64]) throws(TensorError) {
        try self.init(shape: shape, storage: .int64(ints))
    }

    /// Creates a bool tensor from row-major values.
    public init(shape: [Int], bools: [Bool]) throws(TensorError) {
        try self.init(shape: shape, storage: .bool(bools))
    }

    /// Creates a 0-d float32 tensor holding `value`.
    public init(scalar value: Float) {
        shape = []
        storage = .float32([value])
    }

    /// Wraps storage whose size is already known to match `shape` (internal fast path); the
    /// storage must have been admitted and made by ``ElementBuffer`` (``AdmittedStorage``).
    init(uncheckedShape shape: [Int], storage: AdmittedStorage) {
        assert(shape.reduce(1, &*) == storage.count, "shape/storage mismatch")
        self.shape = shape
        self.storage = storage.storage
    }

    /// A tensor of `shape` over the same buffer as `tensor` (a view: no new elements); the element
    /// counts must agree.
    init(uncheckedShape shape: [Int], sharingStorageOf tensor: Tensor) {
        assert(shape.reduce(1, &*) == tensor.storage.count, "shape/storage mismatch")
        self.shape = shape
        self.storage = tensor.storage
    }

    /// The element type.
    @inlinable public var dtype: DType { storage.dtype }
    /// The number of dimensions (`dim()` in PyTorch).
    @inlinable public var rank: Int { shape.count }
    /// The number of elements (`numel()` in PyTorch).
    @inlinable public var count: Int { storage.count }
    /// Whether the tensor holds exactly one element.
    public var isScalarLike: Bool { storage.count == 1 }

    /// The elements as float32, converting integer and boolean tensors (a new buffer, admitted by
    /// ``ElementBuffer``; a float32 tensor gives its own).
    ///
    /// - Throws: `.memory` when the converted copy does not fit under the memory limit.
    public var floats: [Float] {
        get throws(TensorError) {
            guard case .float32(let values) = try storage.converted(to: .float32, for: shape).storage else {
                preconditionFailure("converted to float32")
            }
            return values
        }
    }

    /// Gives `body` in-place access to float32 elements.
    ///
    /// A buffer this tensor shares with another (after `reshape`, `view`, `.data`, `detach()`) is
    /// copied first, as any mutation of a value type is; that copy is admitted by
    /// ``ElementBuffer`` like any new buffer, so at the memory limit this throws before `body`
    /// runs and the tensor is unchanged.
    ///
    /// - Precondition: `dtype == .float32` (callers check the type and report a ``TensorError``).
    /// - Throws: `.memory` when the copy of a shared buffer does not fit under the memory limit.
    public mutating func withMutableFloats<R>(_ body: (inout [Float]) -> R) throws(TensorError) -> R {
        guard case .float32(var values) = storage else {
            preconditionFailure("withMutableFloats on a \(dtype) tensor")
        }
        storage = .bool([])  // drop the second reference so `values` stays uniquely owned
        if !isUniquelyReferenced(&values) {
            do throws(TensorError) {
                values = try copyElements(values, for: shape).array
            } catch {
                storage = .float32(values)
                throw error
            }
        }
        let result = body(&values)
        storage = .float32(values)
        return result
    }

    /// Changes the shape without touching the elements; the element counts must agree.
    mutating func setShapeUnchecked(_ newShape: [Int]) {
        assert(newShape.reduce(1, &*) == storage.count)
        shape = newShape
    }
}
