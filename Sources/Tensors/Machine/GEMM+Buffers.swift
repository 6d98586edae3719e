import CBLAS

/// OpenBLAS's working buffers, taken before an address-space cap can leave no room for them.
///
/// OpenBLAS takes a buffer (128 MB of address space on this machine's Zen kernels) from its own
/// pool at the start of each `sgemm` that finds no free one, and keeps it. Asked for at a cap that
/// tensors have filled, its `malloc` fails and OpenBLAS retries forever: a kernel whose cell filled
/// its memory and then ran its first 1×1 convolution (one `sgemm`) hung in `blas_memory_alloc`
/// (gdb) instead of raising `MemoryError`. Tensors are refused in advance (``AddressSpace``);
/// OpenBLAS's buffers cannot be, so a host takes them before it sets the cap.
public enum BLASBuffers {
    /// Runs one small product on this thread with OpenBLAS's threads, and one on each of the
    /// engine's threads at once with one OpenBLAS thread each (``GEMM/withOneThreadPerProduct(_:)``),
    /// so every buffer the engine's products can ask for at the same time is in OpenBLAS's pool.
    public static func reserve() {
        let side = 64
        let a = [Float](repeating: 1, count: side * side)
        var c = [Float](repeating: 0, count: side * side)
        a.withUnsafeBufferPointer { a in
            c.withUnsafeMutableBufferPointer { c in
                GEMM.multiply(
                    m: side, n: side, k: side, a: a.baseAddress!, lda: side, b: a.baseAddress!, ldb: side,
                    c: c.baseAddress!, ldc: side)
            }
        }
        // One product per thread, large enough (about a millisecond) that they overlap: OpenBLAS
        // takes another buffer only while every one it has is in use.
        let threads = Parallel.threadCount
        let large = 256
        let b = [Float](repeating: 1, count: large * large)
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: threads * large * large)
        defer { scratch.deallocate() }
        b.withUnsafeBufferPointer { b in
            GEMM.withOneThreadPerProduct {
                Parallel.forEach(threads) { items in
                    for item in items {
                        GEMM.multiply(
                            m: large, n: large, k: large, a: b.baseAddress!, lda: large, b: b.baseAddress!, ldb: large,
                            c: scratch + item * large * large, ldc: large, onCallerThread: true)
                    }
                }
            }
        }
    }
}
