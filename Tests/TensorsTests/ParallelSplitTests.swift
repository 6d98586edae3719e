import Foundation
import Synchronization
import Testing

@testable import Tensors

@Suite("Contiguous parts per thread, with their backs taken by threads that finish first")
struct ParallelSplitTests {
    @Test(
        "every item and every preparation runs exactly once, each part's fronts in increasing order",
        arguments: [1, 2, 3], [1, 2, 7, 100, 1001])
    func everyItemOnce(threads: Int, count: Int) {
        onThreads(threads) {
            for _ in 0..<20 {
                let seen = Mutex([Int](repeating: 0, count: count))
                let preparedTwice = Mutex([Int](repeating: 0, count: 5))
                let prepared = Mutex(Set<Int>())
                let unorderedFronts = Mutex(0)
                let unprepared = Mutex(0)
                Parallel.forEachSplit(
                    count, preparing: 5,
                    prepare: { index in
                        preparedTwice.withLock { $0[index] += 1 }
                        prepared.withLock { _ = $0.insert(index) }
                    }
                ) { claims in
                    claims.waitForPreparation()
                    if prepared.withLock({ $0.count }) != 5 { unprepared.withLock { $0 += 1 } }
                    var last = -1
                    while let claim = claims.next() {
                        switch claim {
                        case .front(let item):
                            // A new part may follow this thread's last one, never precede an item of it.
                            if item <= last { unorderedFronts.withLock { $0 += 1 } }
                            last = item
                            seen.withLock { $0[item] += 1 }
                        case .back(let items):
                            #expect(!items.isEmpty)
                            seen.withLock { for item in items { $0[item] += 1 } }
                        }
                    }
                }
                #expect(seen.withLock { $0 } == [Int](repeating: 1, count: count))
                #expect(preparedTwice.withLock { $0 } == [1, 1, 1, 1, 1])
                #expect(unorderedFronts.withLock { $0 } == 0)
                #expect(unprepared.withLock { $0 } == 0)
            }
        }
    }

    @Test("a thread held up in its part has the rest of it taken from the back by the other")
    func heldUpPartIsTaken() {
        onThreads(2) {
            let count = 100
            let seen = Mutex([Int](repeating: 0, count: count))
            let taken = Mutex(0)
            // Calls of the body that have started, and whether the second had started while the
            // first part's owner waited: on a loaded machine the fallback (concurrentPerform, when
            // another test holds the engine's pool) may run the two calls one after the other, and
            // then there is no other thread to take anything.
            let started = Mutex(0)
            let overlapped = Mutex(false)
            Parallel.forEachSplit(count) { claims in
                started.withLock { $0 += 1 }
                while let claim = claims.next() {
                    switch claim {
                    case .front(let item):
                        seen.withLock { $0[item] += 1 }
                        // Whoever walks the first part stops after its first item until the other
                        // thread has taken some of its back (or 10 s have passed).
                        guard item == 0 else { continue }
                        let start = Date()
                        while taken.withLock({ $0 }) == 0 && Date().timeIntervalSince(start) < 10 { usleep(100) }
                        if started.withLock({ $0 }) == 2 { overlapped.withLock { $0 = true } }
                    case .back(let items):
                        seen.withLock { for item in items { $0[item] += 1 } }
                        if items.upperBound <= count / 2 { taken.withLock { $0 += items.count } }
                    }
                }
            }
            #expect(seen.withLock { $0 } == [Int](repeating: 1, count: count))
            // Half of the first part's 49 items left, rounded up, then halves of what is left.
            if overlapped.withLock({ $0 }) { #expect(taken.withLock { $0 } >= 25) }
        }
    }
}
