extension Tensor {
    /// `tensor.to(dtype)`: the elements converted to another type (floats truncate toward zero
    /// when they become integers; nonzero becomes `true`). Returns `self` when the type matches.
    ///
    /// - Throws: `.memory` when the converted elements do not fit under the memory limit.
    public func to(_ dtype: DType) throws(TensorError) -> Tensor {
        dtype == self.dtype
            ? self : Tensor(uncheckedShape: shape, storage: try storage.converted(to: dtype, for: shape))
    }

    /// `tensor.float()`.
    public func float() throws(TensorError) -> Tensor { try to(.float32) }
    /// `tensor.long()`.
    public func long() throws(TensorError) -> Tensor { try to(.int64) }
    /// `tensor.bool()`.
    public func bool() throws(TensorError) -> Tensor { try to(.bool) }

    /// `tensor.clone()`: a copy in a buffer of its own, as PyTorch makes (the value type would
    /// share the buffer until a write; a clone is made to be kept, so it takes its memory now).
    ///
    /// - Throws: `.memory` when the copy does not fit under the memory limit.
    public func clone() throws(TensorError) -> Tensor {
        Tensor(uncheckedShape: shape, storage: try storage.copied(for: shape))
    }

    /// `tensor.item()`: the single element as a Python number.
    ///
    /// - Throws: `.value` when the tensor does not hold exactly one element (*"a Tensor with 4
    ///   elements cannot be converted to Scalar"*).
    public func item() throws(TensorError) -> Scalar {
        guard count == 1 else {
            throw .value("a Tensor with \(count) elements cannot be converted to Scalar")
        }
        return storage.scalar(at: 0)
    }

    /// `tensor.size(dim)`: the extent of one dimension (negative dims count from the end).
    public func size(_ dim: Int) throws(TensorError) -> Int {
        guard rank > 0 else {
            throw .index("Dimension specified as \(dim) but tensor has no dimensions")
        }
        return shape[try normalizedDim(dim, rank: rank)]
    }

    /// `tensor.numel()`.
    public func numel() -> Int { count }
    /// `tensor.dim()`.
    public func dim() -> Int { rank }
}
