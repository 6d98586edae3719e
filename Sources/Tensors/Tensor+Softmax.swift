extension Tensor {
    /// `torch.softmax(tensor, dim)`: `exp(x) / sum(exp(x))` along `dim`, computed after
    /// subtracting the maximum so large inputs do not overflow.
    public func softmax(dim: Int) throws(TensorError) -> Tensor {
        let shifted = try shiftedByMaximum(dim: dim, operation: "softmax")
        let exponentials = try shifted.exp()
        return try exponentials / exponentials.sum(dim: dim, keepdim: true)
    }

    /// `torch.log_softmax(tensor, dim)`: `x - log(sum(exp(x)))` along `dim`, computed stably.
    public func logSoftmax(dim: Int) throws(TensorError) -> Tensor {
        let shifted = try shiftedByMaximum(dim: dim, operation: "log_softmax")
        return try shifted - shifted.exp().sum(dim: dim, keepdim: true).log()
    }

    private func shiftedByMaximum(dim: Int, operation: String) throws(TensorError) -> Tensor {
        guard dtype == .float32 else {
            throw .type("\"\(operation)\" not implemented for '\(dtype.pytorchTypeName)'")
        }
        if count == 0 { return self }
        let maximum = try amax(dims: [dim], keepdim: true)
        // An all -inf row would give -inf - (-inf) = NaN; shift such rows by 0 instead.
        let safeMaximum = try Tensor.where(maximum.isfinite(), maximum, Tensor.zerosLike(maximum))
        return try self - safeMaximum
    }
}
