import CBLAS

/// Single-precision matrix multiply through BLAS `sgemm`, the one door to OpenBLAS.
///
/// Computes `C = alpha · op(A) · op(B) + beta · C` on row-major matrices, where `op(X)` is `X` or
/// its transpose. `C` is `m × n`, `op(A)` is `m × k`, `op(B)` is `k × n`; `lda`, `ldb`, `ldc` are
/// the row strides (in elements) of the matrices as stored.
enum GEMM {
    /// - Precondition: every dimension and stride fits in a 32-bit `blasint`; the tensor element
    ///   cap (``TensorLimits/maxElements``) keeps them far below that.
    static func multiply(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        precondition(
            [m, n, k, lda, ldb, ldc].allSatisfy { $0 >= 0 && $0 <= Int(Int32.max) },
            "GEMM dimensions exceed blasint")
        guard m > 0, n > 0 else { return }
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k),
            alpha, a, blasint(lda), b, blasint(ldb),
            beta, c, blasint(ldc))
    }
}
