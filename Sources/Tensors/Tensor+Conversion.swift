extension Tensor {
    /// `tensor.to(dtype)`: the elements converted to another type (floats truncate toward zero
    /// when they become integers; nonzero becomes `true`). Returns `self` when the type matches.
    public func to(_ dtype: DType) -> Tensor {
        dtype == self.dtype ? self : Tensor(uncheckedShape: shape, storage: storage.converted(to: dtype))
    }

    /// `tensor.float()`.
    public func float() -> Tensor { to(.float32) }
    /// `tensor.long()`.
    public func long() -> Tensor { to(.int64) }
    /// `tensor.bool()`.
    public func bool() -> Tensor { to(.bool) }

    /// `tensor.clone()`: an independent copy (with value semantics this is the tensor itself).
    public func clone() -> Tensor { self }

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
