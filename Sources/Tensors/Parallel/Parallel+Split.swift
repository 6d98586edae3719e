import Dispatch
import Foundation
import Synchronization

extension Parallel {
    /// Runs `body` once on each of up to ``threadCount`` threads over `0..<count` cut into one
    /// contiguous part per thread: each call walks a part front to back, one item at a time,
    /// and once no part is left without an owner it takes half of what is left of the fullest
    /// part from its back (``SplitClaims``), so a thread that started late or runs slower (another
    /// process took its core) hands over the end of its part instead of keeping the others
    /// waiting. Each index is handled exactly once; returns when every item is done.
    ///
    /// Owners walk neighbouring items in order, so a loop over rows can keep what it prepared for
    /// one row (the padded input rows it shares with the next) where ``forEachClaimed(_:inline:body:)``
    /// would hand a thread scattered items.
    ///
    /// Before that, the calls claim the items of `0..<preparing` one at a time and run `prepare`
    /// on them (weights that every item reads); ``SplitClaims/waitForPreparation()`` returns once
    /// all are done. `body` must only write memory owned by its items (or its own scratch), and
    /// `prepare` memory owned by its index.
    static func forEachSplit(
        _ count: Int, preparing: Int = 0, prepare: (Int) -> Void = { _ in }, body: (inout SplitClaims) -> Void
    ) {
        guard count > 0 else {
            for index in 0..<preparing { prepare(index) }
            return
        }
        let threads = min(threadCount, count)
        let state = SplitState(count: count, parts: threads, preparing: preparing)
        if threads <= 1 {
            state.work(prepare: prepare, body: body)
            return
        }
        if ParallelPool.shared.run(threads, body: { _ in state.work(prepare: prepare, body: body) }) { return }
        withoutActuallyEscaping(prepare) { prepare in
            withoutActuallyEscaping(body) { body in
                let box = UncheckedSplitBodies(prepare: prepare, body: body)
                DispatchQueue.concurrentPerform(iterations: threads) { _ in
                    state.work(prepare: box.prepare, body: box.body)
                }
            }
        }
    }

    /// The items one thread of ``Parallel/forEachSplit(_:preparing:prepare:body:)`` takes.
    struct SplitClaims {
        /// One claim: the next item of the part this thread owns, or a run of items taken from
        /// the back of another thread's part.
        enum Claim: Equatable {
            case front(Int)
            case back(Range<Int>)
        }

        fileprivate let state: SplitState
        /// The part this thread walks, while it has one; held here rather than looked up in
        /// `state.parts` per item, since each lookup retains the part, and the two threads'
        /// reference counts on one object bounced its cache line (perf: 1.7 % of a 3×3
        /// convolution's samples at two threads).
        private var part: SplitPart?

        fileprivate init(state: SplitState) {
            self.state = state
        }

        /// The next claim, or nil when every item has been claimed. Fronts of one part come in
        /// increasing order.
        mutating func next() -> Claim? {
            while true {
                if let owned = part {
                    if let item = owned.takeFront() { return .front(item) }
                    part = nil
                }
                guard let unowned = state.claimPart() else { return state.steal().map { .back($0) } }
                part = state.parts[unowned]
            }
        }

        /// Waits until every `prepare` call has finished (spinning, then yielding the core).
        func waitForPreparation() {
            var spins = 0
            while state.prepared.load(ordering: .acquiring) < state.preparing {
                spins += 1
                if spins > 4096 { sched_yield() }
            }
        }
    }
}

/// What the calls of one ``Parallel/forEachSplit(_:preparing:prepare:body:)`` share.
fileprivate final class SplitState: Sendable {
    let parts: [SplitPart]
    let nextPart = Atomic<Int>(0)
    let preparing: Int
    let nextPreparation = Atomic<Int>(0)
    let prepared = Atomic<Int>(0)

    init(count: Int, parts: Int, preparing: Int) {
        self.parts = (0..<parts).map { SplitPart(count * $0 / parts..<count * ($0 + 1) / parts) }
        self.preparing = preparing
    }

    /// One thread's share: preparation items while any are unclaimed, then `body`.
    func work(prepare: (Int) -> Void, body: (inout Parallel.SplitClaims) -> Void) {
        while true {
            let index = nextPreparation.wrappingAdd(1, ordering: .relaxed).oldValue
            guard index < preparing else { break }
            prepare(index)
            prepared.wrappingAdd(1, ordering: .releasing)
        }
        var claims = Parallel.SplitClaims(state: self)
        body(&claims)
    }

    func claimPart() -> Int? {
        let part = nextPart.wrappingAdd(1, ordering: .relaxed).oldValue
        return part < parts.count ? part : nil
    }

    /// Half (rounded up) of what is left of the part with the most left, from its back.
    func steal() -> Range<Int>? {
        while true {
            guard let fullest = parts.max(by: { $0.remaining < $1.remaining }), fullest.remaining > 0 else {
                return nil
            }
            if let run = fullest.takeBack() { return run }
        }
    }
}

/// A contiguous run of items, taken one at a time from the front by its owner and in halves
/// from the back by the others; `front` and `back` share one atomic word, so the two ends never
/// cross.
fileprivate final class SplitPart: Sendable {
    /// `front << 32 | back`.
    private let ends: Atomic<Int>

    init(_ items: Range<Int>) {
        precondition(items.upperBound < 1 << 31, "Parallel.forEachSplit: too many items")
        ends = Atomic(items.lowerBound << 32 | items.upperBound)
    }

    private static func split(_ word: Int) -> (front: Int, back: Int) { (word >> 32, word & 0xFFFF_FFFF) }

    var remaining: Int {
        let (front, back) = Self.split(ends.load(ordering: .relaxed))
        return back - front
    }

    func takeFront() -> Int? {
        var word = ends.load(ordering: .relaxed)
        while true {
            let (front, back) = Self.split(word)
            guard front < back else { return nil }
            let (exchanged, original) = ends.compareExchange(
                expected: word, desired: (front + 1) << 32 | back, ordering: .relaxed)
            if exchanged { return front }
            word = original
        }
    }

    /// Half of what is left (rounded up), or nil when nothing is.
    func takeBack() -> Range<Int>? {
        var word = ends.load(ordering: .relaxed)
        while true {
            let (front, back) = Self.split(word)
            guard front < back else { return nil }
            let taken = (back - front + 1) / 2
            let (exchanged, original) = ends.compareExchange(
                expected: word, desired: front << 32 | (back - taken), ordering: .relaxed)
            if exchanged { return back - taken..<back }
            word = original
        }
    }
}

/// Carries the two bodies into `concurrentPerform`.
///
/// `@unchecked Sendable` because every item is handed out once by the atomic counters and ends,
/// and the callers of ``Parallel/forEachSplit(_:preparing:prepare:body:)`` only write memory
/// owned by their items.
private struct UncheckedSplitBodies: @unchecked Sendable {
    let prepare: (Int) -> Void
    let body: (inout Parallel.SplitClaims) -> Void
}
