import CBLAS
import Synchronization

/// Single-precision matrix multiply through BLAS `sgemm`, the one door to OpenBLAS.
///
/// Computes `C = alpha · op(A) · op(B) + beta · C` on row-major matrices, where `op(X)` is `X` or
/// its transpose. `C` is `m × n`, `op(A)` is `m × k`, `op(B)` is `k × n`; `lda`, `ldb`, `ldc` are
/// the row strides (in elements) of the matrices as stored.
enum GEMM {
    /// Products of fewer multiply-adds than this (LeNet's linear layers: 128 × 400 × 120) run on
    /// one OpenBLAS thread: splitting them saves less than waking OpenBLAS's workers costs, and
    /// those workers then spin in `sched_yield` (system time) while the engine's own threads run.
    static let smallProduct = 1 << 23
    /// Whether ``smallProduct`` applies (on by default; `bench train --blas-small all` turns it off
    /// for an A/B in one process).
    static let smallProductsOnOneThread = Atomic<Bool>(true)

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
        let engineThreads = Parallel.threadCount
        let alone = engineThreads > 1 && smallProductsOnOneThread.load(ordering: .relaxed) && m * n * k < smallProduct
        if alone { openblas_set_num_threads(1) }
        defer { if alone { openblas_set_num_threads(Int32(engineThreads)) } }
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k),
            alpha, a, blasint(lda), b, blasint(ldb),
            beta, c, blasint(ldc))
    }
}

/// Whether small matrix products run on one OpenBLAS thread (``GEMM/smallProduct``), for
/// benchmarks that compare both. Not part of the engine's API.
@_spi(Benchmark) public enum BLASSmallProducts {
    public static var onOneThread: Bool {
        get { GEMM.smallProductsOnOneThread.load(ordering: .relaxed) }
        set { GEMM.smallProductsOnOneThread.store(newValue, ordering: .relaxed) }
    }
}
