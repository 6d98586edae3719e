/// An elementwise comparison; the result is a bool tensor.
public enum ComparisonOperation: String, Sendable, CaseIterable {
    /// `==` (`torch.eq`).
    case eq
    /// `!=` (`torch.ne`).
    case ne
    /// `<` (`torch.lt`).
    case lt
    /// `<=` (`torch.le`).
    case le
    /// `>` (`torch.gt`).
    case gt
    /// `>=` (`torch.ge`).
    case ge
}

extension Tensor {
    /// Compares two tensors elementwise with broadcasting, after promoting them to a common type.
    public static func compare(
        _ operation: ComparisonOperation, _ a: Tensor, _ b: Tensor
    ) throws(TensorError) -> Tensor {
        let outShape = try Broadcasting.shape(a.shape, b.shape)
        _ = try TensorLimits.elementCount(of: outShape)
        var common = DType.promoted(a.dtype, b.dtype).computeType
        if common == .bool && operation != .eq && operation != .ne { common = .int64 }
        let left = try a.storage.converted(to: common, for: a.shape).storage
        let right = try b.storage.converted(to: common, for: b.shape).storage
        let result = try ElementBuffer.build(outShape.reduce(1, &*), for: outShape) { () -> [Bool] in
            switch (left, right) {
            case (.float32(let x), .float32(let y)): return compareKernel(operation, x, a.shape, y, b.shape, outShape)
            case (.int64(let x), .int64(let y)): return compareKernel(operation, x, a.shape, y, b.shape, outShape)
            case (.bool(let x), .bool(let y)):
                return operation == .eq
                    ? Broadcasting.map(x, a.shape, y, b.shape, outShape: outShape) { $0 == $1 }
                    : Broadcasting.map(x, a.shape, y, b.shape, outShape: outShape) { $0 != $1 }
            default: preconditionFailure("operands converted to one type")
            }
        }
        return Tensor(uncheckedShape: outShape, storage: .bool(result))
    }

    private static func compareKernel<T: Comparable>(
        _ operation: ComparisonOperation, _ x: [T], _ xShape: [Int], _ y: [T], _ yShape: [Int], _ out: [Int]
    ) -> [Bool] {
        switch operation {
        case .eq: Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 == $1 }
        case .ne: Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 != $1 }
        case .lt: Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 < $1 }
        case .le: Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 <= $1 }
        case .gt: Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 > $1 }
        case .ge: Broadcasting.map(x, xShape, y, yShape, outShape: out) { $0 >= $1 }
        }
    }

    /// `self == other` elementwise (`torch.eq`).
    public func eq(_ other: Tensor) throws(TensorError) -> Tensor { try .compare(.eq, self, other) }
    /// `self == number` elementwise.
    public func eq(_ other: Scalar) throws(TensorError) -> Tensor { try .compare(.eq, self, .scalar(other)) }
    /// `self != other` elementwise (`torch.ne`).
    public func ne(_ other: Tensor) throws(TensorError) -> Tensor { try .compare(.ne, self, other) }
    /// `self != number` elementwise.
    public func ne(_ other: Scalar) throws(TensorError) -> Tensor { try .compare(.ne, self, .scalar(other)) }
    /// `self < other` elementwise (`torch.lt`).
    public func lt(_ other: Tensor) throws(TensorError) -> Tensor { try .compare(.lt, self, other) }
    /// `self < number` elementwise.
    public func lt(_ other: Scalar) throws(TensorError) -> Tensor { try .compare(.lt, self, .scalar(other)) }
    /// `self <= other` elementwise (`torch.le`).
    public func le(_ other: Tensor) throws(TensorError) -> Tensor { try .compare(.le, self, other) }
    /// `self <= number` elementwise.
    public func le(_ other: Scalar) throws(TensorError) -> Tensor { try .compare(.le, self, .scalar(other)) }
    /// `self > other` elementwise (`torch.gt`).
    public func gt(_ other: Tensor) throws(TensorError) -> Tensor { try .compare(.gt, self, other) }
    /// `self > number` elementwise.
    public func gt(_ other: Scalar) throws(TensorError) -> Tensor { try .compare(.gt, self, .scalar(other)) }
    /// `self >= other` elementwise (`torch.ge`).
    public func ge(_ other: Tensor) throws(TensorError) -> Tensor { try .compare(.ge, self, other) }
    /// `self >= number` elementwise.
    public func ge(_ other: Scalar) throws(TensorError) -> Tensor { try .compare(.ge, self, .scalar(other)) }

    /// `torch.logical_and`: both elements nonzero.
    public func logicalAnd(_ other: Tensor) throws(TensorError) -> Tensor {
        try .binary(.bitwiseAnd, to(.bool), other.to(.bool))
    }
    /// `torch.logical_or`: either element nonzero.
    public func logicalOr(_ other: Tensor) throws(TensorError) -> Tensor {
        try .binary(.bitwiseOr, to(.bool), other.to(.bool))
    }
    /// `torch.logical_xor`: exactly one element nonzero.
    public func logicalXor(_ other: Tensor) throws(TensorError) -> Tensor {
        try .binary(.bitwiseXor, to(.bool), other.to(.bool))
    }

    /// `torch.where(condition, input, other)`: elements of `input` where `condition` is true and
    /// of `other` elsewhere, all three broadcast together; the result type is promoted.
    public static func `where`(_ condition: Tensor, _ input: Tensor, _ other: Tensor) throws(TensorError) -> Tensor {
        guard condition.dtype == .bool else {
            throw .type(
                "where expected condition to be a boolean tensor, but got a tensor with dtype \(condition.dtype.rawValue)"
            )
        }
        let outShape = try Broadcasting.shape(try Broadcasting.shape(condition.shape, input.shape), other.shape)
        _ = try TensorLimits.elementCount(of: outShape)
        let resultType = DType.promoted(input.dtype, other.dtype)
        let mask = try condition.materialized(broadcastTo: outShape).truthValues
        let chosen = try input.materialized(broadcastTo: outShape).storage.converted(to: resultType, for: outShape)
        let fallback = try other.materialized(broadcastTo: outShape).storage.converted(to: resultType, for: outShape)
        let count = mask.count
        let storage: AdmittedStorage
        switch (chosen.storage, fallback.storage) {
        case (.float32(let x), .float32(let y)):
            storage = .float32(try ElementBuffer.build(count, for: outShape) { selectElements(mask, x, y) })
        case (.int32(let x), .int32(let y)):
            storage = .int32(try ElementBuffer.build(count, for: outShape) { selectElements(mask, x, y) })
        case (.int64(let x), .int64(let y)):
            storage = .int64(try ElementBuffer.build(count, for: outShape) { selectElements(mask, x, y) })
        case (.bool(let x), .bool(let y)):
            storage = .bool(try ElementBuffer.build(count, for: outShape) { selectElements(mask, x, y) })
        default: preconditionFailure("operands converted to one type")
        }
        return Tensor(uncheckedShape: outShape, storage: storage)
    }
}

/// `x` where `mask` is true, else `y`, elementwise (`torch.where`).
private func selectElements<Element>(_ mask: [Bool], _ x: [Element], _ y: [Element]) -> [Element] {
    zip(mask, zip(x, y)).map { $0 ? $1.0 : $1.1 }
}
