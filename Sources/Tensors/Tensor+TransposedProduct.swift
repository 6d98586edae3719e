extension Tensor {
    /// `aᵀ · b` for float32 matrices `a` (r × m) and `b` (r × n): the weight gradient `dYᵀ · X` of
    /// a linear layer, with `a` read transposed in place by `sgemm` instead of copied transposed
    /// first. Other element types and ranks go through `transpose` and ``matmul(_:)``.
    func leftTransposedProduct(_ b: Tensor) throws(TensorError) -> Tensor {
        guard rank == 2, b.rank == 2, shape[0] == b.shape[0], case .float32(let left) = storage,
            case .float32(let right) = b.storage
        else { return try transpose(0, 1).matmul(b) }
        let (inner, rows, columns) = (shape[0], shape[1], b.shape[1])
        let count = rows * columns
        guard inner > 0, count > 0 else {
            let zeros = try ElementBuffer.repeating(Float(0), count: count, for: [rows, columns])
            return Tensor(uncheckedShape: [rows, columns], storage: .float32(zeros))
        }
        // Every element is written by sgemm with beta = 0, so the buffer is not zeroed first.
        let product = try ElementBuffer.make(count, for: [rows, columns]) { (out: UnsafeMutableBufferPointer<Float>) in
            left.withUnsafeBufferPointer { a in
                right.withUnsafeBufferPointer { b in
                    GEMM.multiply(
                        transposeA: true, m: rows, n: columns, k: inner, a: a.baseAddress!, lda: rows,
                        b: b.baseAddress!, ldb: columns, c: out.baseAddress!, ldc: columns, splitting: true)
                }
            }
        }
        return Tensor(uncheckedShape: [rows, columns], storage: .float32(product))
    }
}
