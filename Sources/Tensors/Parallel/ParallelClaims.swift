import Dispatch
import Synchronization

extension Parallel {
    /// Runs `body` once on each of up to ``threadCount`` threads (``ParallelPool``'s, or
    /// Dispatch's when the pool is busy); every call pulls item indices
    /// of `0..<count` from one shared counter (``Claims``) until none are left, so each index is
    /// handled exactly once and a thread that runs slower (another process took its core) simply
    /// takes fewer items. Returns when every item is done.
    ///
    /// Per-thread setup (scratch buffers) goes at the top of `body`. With `inline` true, or one
    /// thread, or a single item, `body` runs once on the caller. `body` must only write memory
    /// owned by the items it claims (or its own scratch).
    static func forEachClaimed(_ count: Int, inline: Bool = false, body: (Claims) -> Void) {
        guard count > 0 else { return }
        let workers = inline ? 1 : min(threadCount, count)
        let counter = ClaimCounter()
        if workers <= 1 {
            body(Claims(counter: counter, count: count))
            return
        }
        if ParallelPool.shared.run(workers, body: { _ in body(Claims(counter: counter, count: count)) }) { return }
        withoutActuallyEscaping(body) { body in
            let box = UncheckedClaimsBody(body: body)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                box.body(Claims(counter: counter, count: count))
            }
        }
    }

    /// The item indices one thread takes, in increasing order; copies share one counter with
    /// each other and with the other threads.
    struct Claims: Sequence, IteratorProtocol {
        fileprivate let counter: ClaimCounter
        fileprivate let count: Int

        mutating func next() -> Int? {
            let index = counter.next.wrappingAdd(1, ordering: .relaxed).oldValue
            return index < count ? index : nil
        }
    }
}

/// The next unclaimed item of one ``Parallel/forEachClaimed(_:inline:body:)`` call.
final class ClaimCounter: Sendable {
    let next = Atomic<Int>(0)
}

/// Carries a per-thread body into `concurrentPerform`.
///
/// `@unchecked Sendable` because every item index is handed out once by the atomic counter, and
/// the callers of ``Parallel/forEachClaimed(_:inline:body:)`` only write memory owned by their items.
private struct UncheckedClaimsBody: @unchecked Sendable {
    let body: (Parallel.Claims) -> Void
}
