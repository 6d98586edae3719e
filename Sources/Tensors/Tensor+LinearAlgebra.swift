extension Tensor {
    /// `torch.matmul(self, other)` (the `@` operator), with PyTorch's rules: 1-D · 1-D is a dot
    /// product, a 1-D operand is treated as a row (left) or column (right) vector and that
    /// dimension is removed afterwards, and leading batch dimensions broadcast.
    ///
    /// Float tensors multiply through BLAS `sgemm`; int64 tensors with exact integer loops.
    public func matmul(_ other: Tensor) throws(TensorError) -> Tensor {
        guard rank >= 1, other.rank >= 1 else {
            throw .shape("both arguments to matmul need to be at least 1D, but they are \(rank)D and \(other.rank)D")
        }
        try Tensor.checkMatmulTypes(dtype, other.dtype)
        if rank == 1 && other.rank == 1 {
            guard count == other.count else {
                throw .shape(
                    "inconsistent tensor size, expected tensor [\(count)] and src [\(other.count)] to have the same number of elements, but got \(count) and \(other.count) elements respectively"
                )
            }
        }
        let left = rank == 1 ? Tensor(uncheckedShape: [1] + shape, sharingStorageOf: self) : self
        let right = other.rank == 1 ? Tensor(uncheckedShape: other.shape + [1], sharingStorageOf: other) : other
        let (rows, inner) = (left.shape[left.rank - 2], left.shape[left.rank - 1])
        let (innerRight, columns) = (right.shape[right.rank - 2], right.shape[right.rank - 1])
        guard inner == innerRight else {
            if rank == 2 && other.rank == 1 {
                throw .shape("size mismatch, got input (\(rows)), mat (\(rows)x\(inner)), vec (\(other.count))")
            }
            throw .shape(
                "mat1 and mat2 shapes cannot be multiplied (\(rows * left.shape.dropLast(2).reduce(1, &*))x\(inner) and \(innerRight)x\(columns))"
            )
        }
        let batch = try Broadcasting.shape(Array(left.shape.dropLast(2)), Array(right.shape.dropLast(2)))
        var outShape = batch + [rows, columns]
        _ = try TensorLimits.elementCount(of: outShape)
        let a = try left.materialized(broadcastTo: batch + [rows, inner])
        let b = try right.materialized(broadcastTo: batch + [inner, columns])
        let batches = batch.reduce(1, &*)
        let storage: AdmittedStorage
        let x = try a.storage.converted(to: dtype.computeType, for: a.shape).storage
        let y = try b.storage.converted(to: dtype.computeType, for: b.shape).storage
        let count = batches * rows * columns
        switch (x, y) {
        case (.float32(let x), .float32(let y)):
            storage = .float32(
                try ElementBuffer.build(count, for: outShape) {
                    Tensor.floatProduct(x, y, batches: batches, rows: rows, inner: inner, columns: columns)
                })
        case (.int64(let x), .int64(let y)):
            storage = .int64(
                try ElementBuffer.build(count, for: outShape) {
                    Tensor.integerProduct(x, y, batches: batches, rows: rows, inner: inner, columns: columns)
                })
        default:
            preconditionFailure("matmul types checked")
        }
        if other.rank == 1 { outShape.removeLast() }
        if rank == 1 { outShape.remove(at: outShape.count - (other.rank == 1 ? 1 : 2)) }
        return Tensor(uncheckedShape: outShape, storage: try storage.storage.converted(to: dtype, for: outShape))
    }

    /// `torch.mm(self, other)`: the product of two matrices.
    public func mm(_ other: Tensor) throws(TensorError) -> Tensor {
        guard rank == 2 else { throw .shape("self must be a matrix") }
        guard other.rank == 2 else { throw .shape("mat2 must be a matrix") }
        return try matmul(other)
    }

    /// `torch.bmm(self, other)`: batched products of `(b, n, k)` and `(b, k, m)` tensors.
    public func bmm(_ other: Tensor) throws(TensorError) -> Tensor {
        guard rank == 3 else { throw .shape("batch1 must be a 3D tensor") }
        guard other.rank == 3 else { throw .shape("batch2 must be a 3D tensor") }
        guard shape[0] == other.shape[0] else {
            throw .shape("batch1 and batch2 must have same number of batches, got \(shape[0]) and \(other.shape[0])")
        }
        return try matmul(other)
    }

    /// `torch.dot(self, other)`: the inner product of two 1-D tensors.
    public func dot(_ other: Tensor) throws(TensorError) -> Tensor {
        guard rank == 1, other.rank == 1 else {
            throw .shape("1D tensors expected, but got \(rank)D and \(other.rank)D tensors")
        }
        return try matmul(other)
    }

    /// `torch.mv(self, vec)`: a matrix times a vector.
    public func mv(_ vector: Tensor) throws(TensorError) -> Tensor {
        guard rank == 2, vector.rank == 1 else {
            throw .shape("vector + matrix @ vector expected, got \(rank), \(vector.rank)")
        }
        return try matmul(vector)
    }

    /// `torch.outer(self, other)`: the outer product of two 1-D tensors.
    public func outer(_ other: Tensor) throws(TensorError) -> Tensor {
        guard rank == 1, other.rank == 1 else {
            throw .shape("outer: expected 1D tensors, but got \(rank)D and \(other.rank)D tensors")
        }
        return try unsqueeze(1).mul(other)
    }

    private static func checkMatmulTypes(_ a: DType, _ b: DType) throws(TensorError) {
        guard a == b else {
            throw .type("expected m1 and m2 to have the same dtype, but got: \(a.cTypeName) != \(b.cTypeName)")
        }
        guard a != .bool else { throw .type("\"addmm_impl_cpu_\" not implemented for 'Bool'") }
    }

    private static func floatProduct(
        _ a: [Float], _ b: [Float], batches: Int, rows: Int, inner: Int, columns: Int
    ) -> [Float] {
        let count = batches * rows * columns
        guard inner > 0, rows > 0, columns > 0 else { return [Float](repeating: 0, count: count) }
        // Every element is written by sgemm with beta = 0, so the buffer is not zeroed first.
        return [Float](unsafeUninitializedCapacity: count) { out, initialized in
            a.withUnsafeBufferPointer { left in
                b.withUnsafeBufferPointer { right in
                    for batch in 0..<batches {
                        GEMM.multiply(
                            m: rows, n: columns, k: inner,
                            a: left.baseAddress! + batch * rows * inner, lda: inner,
                            b: right.baseAddress! + batch * inner * columns, ldb: columns,
                            c: out.baseAddress! + batch * rows * columns, ldc: columns, splitting: true)
                    }
                }
            }
            initialized = count
        }
    }

    private static func integerProduct(
        _ a: [Int64], _ b: [Int64], batches: Int, rows: Int, inner: Int, columns: Int
    ) -> [Int64] {
        var result = [Int64](repeating: 0, count: batches * rows * columns)
        for batch in 0..<batches {
            let (aBase, bBase, cBase) = (batch * rows * inner, batch * inner * columns, batch * rows * columns)
            for row in 0..<rows {
                for k in 0..<inner {
                    let factor = a[aBase + row * inner + k]
                    for column in 0..<columns {
                        result[cBase + row * columns + column] &+= factor &* b[bBase + k * columns + column]
                    }
                }
            }
        }
        return result
    }

    /// `torch.isclose(self, other, rtol, atol, equal_nan)`: elementwise
    /// `|self - other| <= atol + rtol * |other|`, with equal infinities close and NaN close to
    /// NaN only when `equalNan`.
    public func isclose(
        _ other: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8, equalNan: Bool = false
    ) throws(TensorError) -> Tensor {
        let outShape = try Broadcasting.shape(shape, other.shape)
        _ = try TensorLimits.elementCount(of: outShape)
        // The operands as doubles, each a buffer admitted for the result's shape.
        let x = try materialized(broadcastTo: outShape).storage.doubles(for: outShape)
        let y = try other.materialized(broadcastTo: outShape).storage.doubles(for: outShape)
        let close = try ElementBuffer.make(x.count, for: outShape) { (close: UnsafeMutableBufferPointer<Bool>) in
            for index in 0..<close.count {
                let (a, b) = (x[index], y[index])
                if a == b {
                    close[index] = true
                } else if a.isNaN || b.isNaN {
                    close[index] = equalNan && a.isNaN && b.isNaN
                } else if !a.isFinite || !b.isFinite {
                    close[index] = false
                } else {
                    close[index] = Swift.abs(a - b) <= atol + rtol * Swift.abs(b)
                }
            }
        }
        return Tensor(uncheckedShape: outShape, storage: .bool(close))
    }

    /// `torch.allclose(self, other, rtol, atol, equal_nan)`: whether every pair is close.
    public func allclose(
        _ other: Tensor, rtol: Double = 1e-5, atol: Double = 1e-8, equalNan: Bool = false
    ) throws(TensorError) -> Bool {
        try isclose(other, rtol: rtol, atol: atol, equalNan: equalNan).truthValues.allSatisfy { $0 }
    }
}

extension DType {
    /// The C type name PyTorch uses in some messages: `float`, `long int`, `bool`.
    var cTypeName: String {
        switch self {
        case .float32: "float"
        case .int32: "int"
        case .int64: "long int"
        case .bool: "bool"
        }
    }
}
