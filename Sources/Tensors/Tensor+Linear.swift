extension Tensor {
    /// `torch.nn.functional.linear(self, weight, bias)`: `self @ weightᵀ + bias` over the last
    /// dimension, with `weight` of shape `(out_features, in_features)` as `nn.Linear` stores it.
    ///
    /// One `sgemm` reads the weight transposed in place: VGG's first layer multiplies by a
    /// 4096 × 25088 weight, and copying its transpose (411 MB) cost more than the product.
    /// Float tensors only; other types go through ``matmul(_:)`` with PyTorch's type errors.
    public func linear(weight: Tensor, bias: Tensor?) throws(TensorError) -> Tensor {
        guard weight.rank == 2, rank >= 1, let inFeatures = shape.last, inFeatures == weight.shape[1] else {
            throw .shape(
                "linear: input has \(shape.last ?? 0) features in its last dimension, but the weight "
                    + "\(formatShape(weight.shape)) expects \(weight.shape.last ?? 0)")
        }
        let outFeatures = weight.shape[0]
        guard case .float32(let input) = storage, case .float32(let weights) = weight.storage else {
            let product = try matmul(try weight.transpose(0, 1))
            guard let bias else { return product }
            return try Tensor.binary(.add, product, bias)
        }
        let rows = inFeatures == 0 ? count : count / inFeatures
        let outShape = Array(shape.dropLast()) + [outFeatures]
        _ = try TensorLimits.elementCount(of: outShape)
        var start = try ElementBuffer.repeating(Float(0), count: rows * outFeatures, for: outShape)
        var beta: Float = 0
        if let bias {
            guard bias.count == outFeatures, bias.rank <= 1, case .float32(let offsets) = bias.storage else {
                // Any other bias broadcasts onto the product, as PyTorch's does.
                return try Tensor.binary(.add, try linear(weight: weight, bias: nil), bias)
            }
            // Each row starts as the bias; the product is added to it (beta = 1).
            start.withUnsafeMutableBufferPointer { out in
                for row in 0..<rows {
                    for column in 0..<outFeatures { out[row * outFeatures + column] = offsets[column] }
                }
            }
            beta = 1
        }
        if rows > 0, outFeatures > 0, inFeatures > 0 {
            input.withUnsafeBufferPointer { x in
                weights.withUnsafeBufferPointer { w in
                    start.withUnsafeMutableBufferPointer { out in
                        GEMM.multiply(
                            transposeB: true, m: rows, n: outFeatures, k: inFeatures,
                            a: x.baseAddress!, lda: inFeatures, b: w.baseAddress!, ldb: inFeatures,
                            beta: beta, c: out.baseAddress!, ldc: outFeatures, splitting: true)
                    }
                }
            }
        }
        return Tensor(uncheckedShape: outShape, storage: .float32(start))
    }
}
