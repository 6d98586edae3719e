/// A number or an arbitrarily nested list of numbers: the argument of `torch.tensor(...)` and the
/// result of `tolist()`.
///
/// ```swift
/// let rows: NestedValue = .list([.list([0, 1]), .list([2, 3])])
/// let x = try Tensor(rows)     // tensor([[0, 1], [2, 3]]), int64
/// ```
public indirect enum NestedValue: Sendable, Hashable {
    /// A single number.
    case scalar(Scalar)
    /// A Python list of numbers or lists.
    case list([NestedValue])
}

extension NestedValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral
{
    /// An integer literal is a Python `int`.
    public init(integerLiteral value: Int64) { self = .scalar(.int(value)) }
    /// A float literal is a Python `float`.
    public init(floatLiteral value: Double) { self = .scalar(.float(value)) }
    /// A boolean literal is a Python `bool`.
    public init(booleanLiteral value: Bool) { self = .scalar(.bool(value)) }
    /// An array literal is a Python list.
    public init(arrayLiteral elements: NestedValue...) { self = .list(elements) }
}

extension NestedValue: CustomStringConvertible {
    /// The value as Python prints it: `[[1, 2], [3, 4]]`, `[0.5, 1.0]`, `True`.
    public var description: String {
        switch self {
        case .scalar(let scalar): scalar.description
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

extension Tensor {
    /// The deepest list nesting accepted by `torch.tensor(...)`; deeper input is refused instead of
    /// exhausting the stack.
    public static let maxNestingDepth = 64

    /// Creates a tensor from a nested list, as `torch.tensor(data)` does.
    ///
    /// The element type is inferred like PyTorch: all booleans give `bool`, all integers (and
    /// booleans) give `int64`, any float gives `float32`. Pass `dtype` to convert instead.
    ///
    /// - Throws: `.value` for ragged lists (*"expected sequence of length 3 at dim 1 (got 2)"*),
    ///   `.limit` when the result exceeds the element cap or the nesting depth.
    public init(_ data: NestedValue, dtype: DType? = nil) throws(TensorError) {
        var shape: [Int] = []
        var probe = data
        while case .list(let items) = probe {
            guard shape.count < Self.maxNestingDepth else {
                throw TensorError(
                    .limit, "a nested list deeper than \(Self.maxNestingDepth) levels cannot become a tensor")
            }
            shape.append(items.count)
            guard let first = items.first else { break }
            probe = first
        }
        let count = try TensorLimits.elementCount(of: shape)
        var scalars: [Scalar] = []
        scalars.reserveCapacity(count)
        try Self.flatten(data, shape: shape, depth: 0, into: &scalars)
        var inferred = DType.bool
        for scalar in scalars where scalar.dtype.rank > inferred.rank {
            inferred = scalar.dtype
        }
        if scalars.isEmpty { inferred = .float32 }
        let storage = try AdmittedStorage.scalars(scalars, dtype: dtype ?? inferred, for: shape)
        self.init(uncheckedShape: shape, storage: storage)
    }

    private static func flatten(
        _ value: NestedValue, shape: [Int], depth: Int, into scalars: inout [Scalar]
    ) throws(TensorError) {
        switch value {
        case .scalar(let scalar):
            guard depth == shape.count else {
                throw .value("expected sequence of length \(shape[depth]) at dim \(depth) (got a number)")
            }
            scalars.append(scalar)
        case .list(let items):
            guard depth < shape.count else {
                throw .value("expected a number at dim \(depth) (got a sequence of length \(items.count))")
            }
            guard items.count == shape[depth] else {
                throw .value("expected sequence of length \(shape[depth]) at dim \(depth) (got \(items.count))")
            }
            for item in items {
                try flatten(item, shape: shape, depth: depth + 1, into: &scalars)
            }
        }
    }

    /// The elements as nested lists of Python numbers, as `tolist()` returns them; a 0-d tensor
    /// gives a bare number.
    public func tolist() -> NestedValue {
        let scalars = storage.scalars
        var position = 0
        func build(_ depth: Int) -> NestedValue {
            if depth == shape.count {
                defer { position += 1 }
                return .scalar(scalars[position])
            }
            return .list((0..<shape[depth]).map { _ in build(depth + 1) })
        }
        return build(0)
    }
}
