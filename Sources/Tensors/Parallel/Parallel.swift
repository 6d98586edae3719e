import CBLAS
import Dispatch
import Synchronization

/// The engine's thread count, and the one place that splits a loop across threads.
///
/// Large convolutions and pooling use every engine thread: OpenBLAS for the matrix products and
/// ``forEach(_:minimumChunk:body:)`` for the loops around them (im2col, pooling planes). Small
/// problems stay on the calling thread, because waking a thread costs more than they do.
///
/// ```swift
/// Parallel.threadCount = 1   // e.g. for single-threaded benchmarks
/// ```
public enum Parallel {
    /// 0 means "not chosen yet": the first read adopts OpenBLAS's own default (the core count).
    private static let chosenCount = Atomic<Int>(0)

    /// The number of threads large operations may use (at least 1); setting it also sets
    /// OpenBLAS's thread count, so matrix products and the engine's own loops agree.
    public static var threadCount: Int {
        get {
            let chosen = chosenCount.load(ordering: .relaxed)
            if chosen > 0 { return chosen }
            let blasDefault = max(1, Int(openblas_get_num_threads()))
            chosenCount.store(blasDefault, ordering: .relaxed)
            return blasDefault
        }
        set {
            let count = max(1, min(newValue, 256))
            chosenCount.store(count, ordering: .relaxed)
            openblas_set_num_threads(Int32(count))
        }
    }

    /// Calls `body(range)` for consecutive chunks of `0..<count`, on up to ``threadCount``
    /// threads at once; returns when every chunk is done.
    ///
    /// Chunks hold at least `minimumChunk` indices, so tiny loops run inline on the caller.
    /// `body` must only write memory that no other chunk touches.
    static func forEach(_ count: Int, minimumChunk: Int = 1, body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let threads = threadCount
        let chunks = min(threads, max(1, count / max(1, minimumChunk)))
        if chunks <= 1 {
            body(0..<count)
            return
        }
        // Chunk boundaries are fixed up front so that each index is handled exactly once.
        let ran = ParallelPool.shared.run(chunks) { chunk in
            body(count * chunk / chunks..<count * (chunk + 1) / chunks)
        }
        if ran { return }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBody(body: body)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let lower = count * chunk / chunks
                let upper = count * (chunk + 1) / chunks
                box.body(lower..<upper)
            }
        }
    }
}

/// Carries a loop body into `concurrentPerform`.
///
/// `@unchecked Sendable` because ``Parallel/forEach(_:minimumChunk:body:)`` hands each call a
/// disjoint index range and its callers only write memory owned by that range.
private struct UncheckedBody: @unchecked Sendable {
    let body: (Range<Int>) -> Void
}
