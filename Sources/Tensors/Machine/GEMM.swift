import CBLAS
import Synchronization

/// Single-precision matrix multiply through BLAS `sgemm`, the one door to OpenBLAS.
///
/// Computes `C = alpha · op(A) · op(B) + beta · C` on row-major matrices, where `op(X)` is `X` or
/// its transpose. `C` is `m × n`, `op(A)` is `m × k`, `op(B)` is `k × n`; `lda`, `ldb`, `ldc` are
/// the row strides (in elements) of the matrices as stored.
enum GEMM {
    /// Products of fewer multiply-adds than this (LeNet's linear layers: 128 × 400 × 120) do not
    /// use OpenBLAS's threads: splitting them saves less than waking OpenBLAS's workers costs, and
    /// those workers then spin in `sched_yield` (system time) while the engine's own threads run.
    /// They run on one OpenBLAS thread per engine thread instead, in bands of rows
    /// (``splitSmallProducts``).
    static let smallProduct = 1 << 23
    /// Whether ``smallProduct`` applies (on by default; `bench train --blas-small all` turns it off
    /// for an A/B in one process).
    static let smallProductsOnOneThread = Atomic<Bool>(true)
    /// Whether a small product is split into bands of rows run by the engine's threads
    /// (``ParallelPool``), each band on one OpenBLAS thread (on by default; `bench train
    /// --blas-small one` keeps each product on the calling thread). LeNet's linear layers were a
    /// tenth of a two-thread epoch, all of it on one thread.
    static let splitSmallProducts = Atomic<Bool>(true)
    /// Multiply-adds below which a small product stays whole: a band must pay for handing it over.
    static let smallestSplit = 1 << 18
    /// Bands start at multiples of this many rows (the height of OpenBLAS's AVX-512 `sgemm` tiles).
    static let bandAlignment = 16

    /// With `splitting`, a small product may run in bands of rows on the engine's threads
    /// (``splitSmallProducts``); the linear layers and `matmul` ask for it. With `onCallerThread`
    /// it leaves OpenBLAS's thread count as it is (inside ``withOneThreadPerProduct(_:)``).
    ///
    /// - Precondition: every dimension and stride fits in a 32-bit `blasint`; the tensor element
    ///   cap (``TensorLimits/maxElements``) keeps them far below that.
    static func multiply(
        transposeA: Bool = false, transposeB: Bool = false,
        m: Int, n: Int, k: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        splitting: Bool = false, onCallerThread: Bool = false
    ) {
        precondition(
            [m, n, k, lda, ldb, ldc].allSatisfy { $0 >= 0 && $0 <= Int(Int32.max) },
            "GEMM dimensions exceed blasint")
        guard m > 0, n > 0 else { return }
        let engineThreads = Parallel.threadCount
        // OpenBLAS's count is the process-wide one even where a caller overrides the engine's.
        let blasThreads = Parallel.processThreadCount
        let alone =
            !onCallerThread && max(blasThreads, engineThreads) > 1 && smallProductsOnOneThread.load(ordering: .relaxed)
            && m * n * k < smallProduct
        if alone { openblas_set_num_threads(1) }
        defer { if alone { openblas_set_num_threads(Int32(blasThreads)) } }
        // Rows `rows` of C = op(A) · op(B): the same rows of op(A), all of op(B).
        func product(_ rows: Range<Int>) {
            cblas_sgemm(
                CblasRowMajor,
                transposeA ? CblasTrans : CblasNoTrans,
                transposeB ? CblasTrans : CblasNoTrans,
                blasint(rows.count), blasint(n), blasint(k),
                alpha, a + (transposeA ? rows.lowerBound : rows.lowerBound * lda), blasint(lda), b, blasint(ldb),
                beta, c + rows.lowerBound * ldc, blasint(ldc))
        }
        let blocks = (m + bandAlignment - 1) / bandAlignment
        let bands = min(engineThreads, blocks)
        if splitting, alone, bands > 1, m * n * k >= smallestSplit, splitSmallProducts.load(ordering: .relaxed) {
            // A pool that is busy (a product inside a parallel loop) leaves the product whole.
            let ran = ParallelPool.shared.run(bands) { band in
                let lower = blocks * band / bands * bandAlignment
                let upper = min(m, blocks * (band + 1) / bands * bandAlignment)
                product(lower..<upper)
            }
            if ran { return }
        }
        product(0..<m)
    }

    /// Runs `body` with OpenBLAS on one thread, for kernels whose own threads each issue
    /// products with `onCallerThread` (which then leaves OpenBLAS's thread count alone: two
    /// engine threads setting and restoring it around their products would race).
    static func withOneThreadPerProduct<R>(_ body: () -> R) -> R {
        // OpenBLAS's count is the process-wide one even where a caller overrides the engine's.
        let blasThreads = Parallel.processThreadCount
        if blasThreads > 1 { openblas_set_num_threads(1) }
        defer { if blasThreads > 1 { openblas_set_num_threads(Int32(blasThreads)) } }
        return body()
    }
}

/// Whether small matrix products run on one OpenBLAS thread (``GEMM/smallProduct``), for
/// benchmarks that compare both. Not part of the engine's API.
@_spi(Benchmark) public enum BLASSmallProducts {
    public static var onOneThread: Bool {
        get { GEMM.smallProductsOnOneThread.load(ordering: .relaxed) }
        set { GEMM.smallProductsOnOneThread.store(newValue, ordering: .relaxed) }
    }

    /// Whether small products are split into bands of rows across the engine's threads.
    public static var split: Bool {
        get { GEMM.splitSmallProducts.load(ordering: .relaxed) }
        set { GEMM.splitSmallProducts.store(newValue, ordering: .relaxed) }
    }
}
