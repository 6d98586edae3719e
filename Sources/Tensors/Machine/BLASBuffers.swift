import CBLAS

/// OpenBLAS's working buffer, taken before an address-space cap can leave no room for it.
///
/// OpenBLAS takes a buffer (about 129 MB of address space in Debian's build) from its own pool at
/// the start of each `sgemm` that finds no free one, and keeps it. Asked for at a cap that tensors
/// have filled, its `malloc` fails and OpenBLAS retries forever: a kernel whose cell filled its
/// memory and then ran its first 1×1 convolution (one `sgemm`) hung in `blas_memory_alloc` (gdb)
/// instead of raising `MemoryError`. Tensors are refused in advance (``AddressSpace``); OpenBLAS's
/// buffers cannot be, so a host takes the first one before it sets the cap. Only one: each costs
/// its 129 MB of the cap, which the session's lists and strings then lack (with one per engine
/// thread as well, a kernel capped at 1.5 GiB died doubling a string instead of raising
/// `MemoryError`). Products run at once on several threads at a full cap may still ask for a
/// second buffer.
public enum BLASBuffers {
    /// Runs one small product on this thread, on one OpenBLAS thread.
    public static func reserve() {
        let side = 64
        let a = [Float](repeating: 1, count: side * side)
        var c = [Float](repeating: 0, count: side * side)
        a.withUnsafeBufferPointer { a in
            c.withUnsafeMutableBufferPointer { c in
                GEMM.withOneThreadPerProduct {
                    GEMM.multiply(
                        m: side, n: side, k: side, a: a.baseAddress!, lda: side, b: a.baseAddress!, ldb: side,
                        c: c.baseAddress!, ldc: side, onCallerThread: true)
                }
            }
        }
    }
}
