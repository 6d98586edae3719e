extension TrackedTensor {
    /// `a @ b` with PyTorch's rules for 1-D operands and broadcast batch dimensions:
    /// `dA = dC · Bᵀ`, `dB = Aᵀ · dC`, summed over broadcast batches.
    public func matmul(_ other: TrackedTensor) throws(TensorError) -> TrackedTensor {
        let result = try tensor.matmul(other.tensor)
        let a = tensor
        let b = other.tensor
        return Self.record("MmBackward0", result, inputs: [self, other], saving: [self, other]) {
            g, needs throws(TensorError) in
            // Work with matrices: a 1-D left operand is a row, a 1-D right operand a column.
            let left = a.rank == 1 ? try a.unsqueeze(0) : a
            let right = b.rank == 1 ? try b.unsqueeze(1) : b
            var grad = g
            if b.rank == 1 { grad = try grad.unsqueeze(grad.rank) }
            if a.rank == 1 { grad = try grad.unsqueeze(grad.rank - 1) }
            var gradients: [Tensor?] = [nil, nil]
            if needs[0] {
                let full = try grad.matmul(try right.transpose(-1, -2))
                gradients[0] = try full.summed(toShape: left.shape).reshape(a.shape)
            }
            if needs[1] {
                let full = try left.transpose(-1, -2).matmul(grad)
                gradients[1] = try full.summed(toShape: right.shape).reshape(b.shape)
            }
            return gradients
        }
    }
}
