extension Tensor {
    /// Applies `self = self op other` in place (`add_`, `sub_`, `mul_`, `div_`, ...): `other`
    /// broadcasts into this tensor's shape, and the result must fit this tensor's type.
    ///
    /// - Throws: `.shape` when `other` would enlarge the tensor (*"output with shape [3] doesn't
    ///   match the broadcast shape [2, 3]"*), `.type` when the result type cannot be stored
    ///   (*"result type Float can't be cast to the desired output type Long"*).
    public mutating func applyInPlace(_ operation: BinaryOperation, _ other: Tensor) throws(TensorError) {
        let result = try Tensor.binary(operation, self, other)
        guard result.shape == shape else {
            throw .shape(
                "output with shape \(formatShape(shape)) doesn't match the broadcast shape \(formatShape(result.shape))"
            )
        }
        try checkCastable(result.dtype)
        storage = try result.storage.converted(to: dtype, for: shape).storage
    }

    /// `tensor.add_(other)`.
    public mutating func addInPlace(_ other: Tensor) throws(TensorError) { try applyInPlace(.add, other) }
    /// `tensor.add_(number)`.
    public mutating func addInPlace(_ other: Scalar) throws(TensorError) { try applyInPlace(.add, .scalar(other)) }
    /// `tensor.sub_(other)`.
    public mutating func subInPlace(_ other: Tensor) throws(TensorError) { try applyInPlace(.sub, other) }
    /// `tensor.sub_(number)`.
    public mutating func subInPlace(_ other: Scalar) throws(TensorError) { try applyInPlace(.sub, .scalar(other)) }
    /// `tensor.mul_(other)`.
    public mutating func mulInPlace(_ other: Tensor) throws(TensorError) { try applyInPlace(.mul, other) }
    /// `tensor.mul_(number)`.
    public mutating func mulInPlace(_ other: Scalar) throws(TensorError) { try applyInPlace(.mul, .scalar(other)) }
    /// `tensor.div_(other)`.
    public mutating func divInPlace(_ other: Tensor) throws(TensorError) { try applyInPlace(.div, other) }
    /// `tensor.div_(number)`.
    public mutating func divInPlace(_ other: Scalar) throws(TensorError) { try applyInPlace(.div, .scalar(other)) }

    /// `tensor.fill_(value)`: every element becomes `value` (converted to this tensor's type).
    public mutating func fill(_ value: Scalar) throws(TensorError) {
        storage = try AdmittedStorage.repeating(value, count: count, dtype: dtype, for: shape).storage
    }

    /// `tensor.zero_()`.
    public mutating func zero() throws(TensorError) { try fill(.int(0)) }

    /// `tensor.copy_(source)`: the elements of `source`, broadcast to this shape and converted to
    /// this tensor's type.
    public mutating func copy(from source: Tensor) throws(TensorError) {
        let target = try Broadcasting.shape(shape, source.shape)
        guard target == shape else {
            throw .shape(
                "output with shape \(formatShape(shape)) doesn't match the broadcast shape \(formatShape(target))")
        }
        storage = try source.materialized(broadcastTo: shape).storage.converted(to: dtype, for: shape).storage
    }

    /// `tensor.clamp_(min, max)`.
    public mutating func clampInPlace(min lower: Scalar? = nil, max upper: Scalar? = nil) throws(TensorError) {
        let result = try clamp(min: lower, max: upper)
        try checkCastable(result.dtype)
        storage = try result.storage.converted(to: dtype, for: shape).storage
    }

    /// `tensor.relu_()`.
    public mutating func reluInPlace() throws(TensorError) { storage = try relu().storage }

    private func checkCastable(_ resultType: DType) throws(TensorError) {
        guard resultType.category <= dtype.category else {
            throw .type(
                "result type \(resultType.pytorchTypeName) can't be cast to the desired output type \(dtype.pytorchTypeName)"
            )
        }
    }
}

extension DType {
    /// The scalar type name PyTorch uses in messages: `Float`, `Int`, `Long`, `Bool`.
    public var pytorchTypeName: String {
        switch self {
        case .float32: "Float"
        case .int32: "Int"
        case .int64: "Long"
        case .bool: "Bool"
        }
    }
}
