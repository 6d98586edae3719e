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
    ///
    /// Reading it inside ``withThreadCount(_:_:)`` gives that call's count instead.
    public static var threadCount: Int {
        get { threadCountOverride.current ?? processThreadCount }
        set {
            let count = max(1, min(newValue, 256))
            chosenCount.store(count, ordering: .relaxed)
            openblas_set_num_threads(Int32(count))
        }
    }

    /// The process-wide count that ``threadCount`` sets, and OpenBLAS's own thread count.
    static var processThreadCount: Int {
        let chosen = chosenCount.load(ordering: .relaxed)
        if chosen > 0 { return chosen }
        let blasDefault = max(1, Int(openblas_get_num_threads()))
        chosenCount.store(blasDefault, ordering: .relaxed)
        return blasDefault
    }

    /// The count set by ``withThreadCount(_:_:)`` for the task running it.
    private static let threadCountOverride = TaskOverride<Int>()

    /// Runs `body` with ``threadCount`` reading `count` (clamped to 1…256) on this task and the
    /// tasks it starts, leaving the process-wide count, and so every other caller, alone.
    ///
    /// For tests that run at a given count while other tests run beside them. The engine reads the
    /// count on the calling thread, once per operation, before it splits the work, so the whole
    /// operation is split `count` ways. OpenBLAS's own threads (inside one large matrix product)
    /// stay at the process-wide count: the product's result does not depend on them.
    static func withThreadCount<T>(_ count: Int, _ body: () throws -> T) rethrows -> T {
        try threadCountOverride.with(max(1, min(count, 256)), body)
    }

    /// ``withThreadCount(_:_:)`` for an asynchronous body.
    static func withThreadCount<T>(_ count: Int, _ body: () async throws -> T) async rethrows -> T {
        try await threadCountOverride.with(max(1, min(count, 256)), body)
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
