import Foundation
import Synchronization
import Testing

@_spi(Benchmark) @testable import Tensors

@Suite("Engine worker pool")
struct ParallelPoolTests {
    @Test("every call of a job runs exactly once, job after job", arguments: [2, 3, 5])
    func everyCallOnce(calls: Int) {
        let pool = ParallelPool()
        for round in 0..<200 {
            let counts = (0..<calls).map { _ in Tally() }
            // Some rounds wait long enough for the workers to park between jobs.
            if round % 50 == 49 { usleep(1000) }
            let ran = pool.run(calls) { index in counts[index].add(1) }
            #expect(ran)
            #expect(counts.allSatisfy { $0.value == 1 })
        }
    }

    // Serialized: both cases set the process-wide polling time.
    @Test(
        "workers that park at once, or poll for 2 ms, still run every call once", .serialized, arguments: [0, 2000])
    func spinTimes(microseconds: Int) {
        let saved = ParallelSpin.microseconds
        defer { ParallelSpin.microseconds = saved }
        ParallelSpin.microseconds = microseconds
        #expect(ParallelSpin.microseconds == microseconds)
        let pool = ParallelPool()
        for round in 0..<100 {
            let counts = (0..<3).map { _ in Tally() }
            if round % 25 == 24 { usleep(3000) }
            #expect(pool.run(3) { index in counts[index].add(1) })
            #expect(counts.allSatisfy { $0.value == 1 })
        }
    }

    @Test("a job started inside a job is refused, so the caller runs it another way")
    func nestedJobRefused() {
        let pool = ParallelPool()
        let refused = Tally()
        let ran = pool.run(2) { _ in
            if !pool.run(2, body: { _ in }) { refused.add(1) }
        }
        #expect(ran)
        #expect(refused.value == 2)
    }

    @Test("claimed loops from several threads at once each see every item once")
    func concurrentClaimedLoops() async {
        await onThreads(2) {
            let totals = await withTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var total = 0
                        for _ in 0..<50 {
                            let sum = Tally()
                            Parallel.forEachClaimed(100) { items in
                                for item in items { sum.add(item) }
                            }
                            total += sum.value
                        }
                        return total
                    }
                }
                return await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(totals == [Int](repeating: 50 * 4950, count: 4))
        }
    }
}

/// A counter the threads of one test share.
private final class Tally: Sendable {
    private let count = Atomic<Int>(0)

    var value: Int { count.load(ordering: .acquiring) }

    func add(_ amount: Int) {
        count.wrappingAdd(amount, ordering: .releasing)
    }
}

@Suite("Thread count for one task")
struct ThreadCountOverrideTests {
    /// How many chunks `Parallel.forEach` cuts a loop of 1,000 items into, on the calling task.
    private static func chunks() -> Int {
        let seen = Mutex(0)
        Parallel.forEach(1000) { _ in seen.withLock { $0 += 1 } }
        return seen.withLock { $0 }
    }

    @Test("tasks running side by side each split their loops by their own count, and the process-wide one stays")
    func tasksKeepTheirCounts() async {
        let processWide = Parallel.threadCount
        let splits = await withTaskGroup(of: (Int, Set<Int>).self) { group in
            for threads in [1, 2, 3, 5] {
                group.addTask {
                    await onThreads(threads) {
                        // A child task inherits the count.
                        let inherited = await Task { Parallel.threadCount }.value
                        var seen: Set<Int> = [inherited]
                        for _ in 0..<200 { seen.insert(Self.chunks()) }
                        return (threads, seen)
                    }
                }
            }
            return await group.reduce(into: [Int: Set<Int>]()) { $0[$1.0] = $1.1 }
        }
        #expect(splits == [1: [1], 2: [2], 3: [3], 5: [5]])
        #expect(Parallel.threadCount == processWide)
        #expect(onThreads(0) { Parallel.threadCount } == 1)
    }
}
