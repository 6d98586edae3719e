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

extension TrackedTensor {
    /// `F.linear(input, weight, bias)` (``Tensor/linear(weight:bias:)``) with its gradients:
    /// `dInput = dY · W`, `dW = dYᵀ · X` and `dBias = Σ dY` over the rows, where `X` and `dY` are
    /// the input and gradient seen as matrices with one row per input vector. The node is named
    /// as PyTorch names it for the input's rank (`AddmmBackward0` for a batch of vectors).
    public static func linear(
        _ input: TrackedTensor, weight: TrackedTensor, bias: TrackedTensor?
    ) throws(TensorError) -> TrackedTensor {
        let result = try input.tensor.linear(weight: weight.tensor, bias: bias?.tensor)
        let x = input.tensor
        let w = weight.tensor
        let biasShape = bias?.shape
        let name: String
        switch (x.rank, bias != nil) {
        case (2, true): name = "AddmmBackward0"
        case (2, false): name = "MmBackward0"
        case (1, false): name = "SqueezeBackward4"
        case (_, false): name = "UnsafeViewBackward0"
        default: name = "ViewBackward0"
        }
        let inputs = [input, weight] + (bias.map { [$0] } ?? [])
        return record(name, result, inputs: inputs, saving: [input, weight]) { g, needs throws(TensorError) in
            let outFeatures = w.shape[0]
            let inFeatures = w.shape[1]
            let rows = outFeatures == 0 ? 0 : g.count / outFeatures
            let gradient = try g.reshape([rows, outFeatures])
            var gradients: [Tensor?] = Array(repeating: nil, count: needs.count)
            if needs[0] { gradients[0] = try gradient.matmul(w).reshape(x.shape) }
            if needs[1] {
                gradients[1] = try gradient.leftTransposedProduct(try x.reshape([rows, inFeatures]))
            }
            if needs.count > 2, needs[2], let biasShape {
                gradients[2] = try gradient.summed(toShape: biasShape)
            }
            return gradients
        }
    }
}
