import Dispatch
import Foundation
import Synchronization

/// The engine's own worker threads, which stay awake for a moment after each job.
///
/// Waking a parked thread costs 15–30 µs on this kind of VM (an idle vCPU has to be woken by
/// the host), paid at every parallel loop; a 1×1 convolution over 256 channels at 14² takes
/// about 300 µs on two threads, and the 3×3 convolutions run two loops per call. Workers that
/// spin for ``spinNanoseconds`` after a job pick up the next one within a microsecond when calls
/// come back to back (as in a network's layers or a benchmark), and park on a semaphore after
/// that, so an idle engine costs nothing.
///
/// One job at a time: a call that finds the pool busy (another thread's convolution, or a
/// parallel loop inside a parallel loop) gets `false` and runs its loop some other way.
///
/// A job's calls are claimed, not assigned: the caller claims them too, so a worker that has
/// not started yet (its core is busy with another process) never holds the caller up; the
/// caller then only waits for calls that are already running.
final class ParallelPool: Sendable {
    /// The process-wide pool; workers are started on first use.
    static let shared = ParallelPool()

    /// How long an idle worker keeps polling for the next job before it parks: enough for calls
    /// that come back to back, short enough that on a busy machine the core soon goes back to
    /// other processes (a worker spinning for 2 ms measured far slower there, because the
    /// scheduler then favours the processes that sleep).
    ///
    /// 200 µs, no longer 50: a training step's gaps between parallel loops (the data loader's
    /// batch, the loss, the optimizer's step, the interpreter) often pass 50 µs, and each parked
    /// worker then came back late for the next loop. LeNet's epoch on two threads, A/B in one
    /// process (`bench train --against spin-us=200`), four runs: 0.918, 0.963, 0.967 and 0.968 of
    /// the time at 50 µs, with the same CPU time (0.996–1.005).
    static let spinNanoseconds = Atomic<UInt64>(UInt64(ParallelSpin.defaultMicroseconds) * 1000)

    private let workers = Mutex<[ParallelWorker]>([])
    private let busy = Atomic<Bool>(false)
    /// Jobs posted so far; workers poll it.
    let posted = Atomic<Int>(0)
    /// The job being run, if any.
    let current = Mutex<ParallelJob?>(nil)

    /// Runs `body(0)` … `body(count − 1)` on the caller and up to `count − 1` workers, and
    /// returns when all are done; or returns `false` without running anything when the pool
    /// is busy.
    func run(_ count: Int, body: (Int) -> Void) -> Bool {
        guard count > 1 else {
            body(0)
            return true
        }
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            return false
        }
        defer { busy.store(false, ordering: .releasing) }
        let helpers = workers(count - 1)
        withoutActuallyEscaping(body) { body in
            let job = ParallelJob(body: body, count: count)
            current.withLock { $0 = job }
            posted.wrappingAdd(1, ordering: .sequentiallyConsistent)
            for worker in helpers { worker.wake() }
            job.work()
            job.waitUntilDone()
            current.withLock { $0 = nil }
            job.finish()
        }
        return true
    }

    /// The first `count` workers, starting any that do not exist yet.
    private func workers(_ count: Int) -> [ParallelWorker] {
        workers.withLock { workers in
            while workers.count < count {
                let worker = ParallelWorker(pool: self)
                worker.start(name: "convbook.engine.\(workers.count + 1)")
                workers.append(worker)
            }
            return Array(workers.prefix(count))
        }
    }
}

/// One loop body and its calls, claimed one at a time by the caller and the workers.
///
/// `@unchecked Sendable`: `body` is set before the job is published (under the pool's lock) and
/// cleared by ``finish()`` only after every claimed call has reported done (releasing, read
/// acquiring); a worker calls it only after claiming an index, and each index is claimed once.
final class ParallelJob: @unchecked Sendable {
    private var body: ((Int) -> Void)?
    private let count: Int
    private let next = Atomic<Int>(0)
    private let done = Atomic<Int>(0)

    init(body: @escaping (Int) -> Void, count: Int) {
        self.body = body
        self.count = count
    }

    /// Runs unclaimed calls until none are left.
    func work() {
        while true {
            let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard index < count else { return }
            call(index)
            done.wrappingAdd(1, ordering: .releasing)
        }
    }

    /// One call, in its own frame so that this thread's reference to the body is gone before
    /// the call is reported done (the caller's `withoutActuallyEscaping` checks that none is
    /// left).
    @inline(never)
    private func call(_ index: Int) {
        body?(index)
    }

    /// Waits for the calls other threads claimed, spinning first (they usually end about when
    /// the caller's own do), then yielding the core to whoever else needs it.
    func waitUntilDone() {
        var spins = 0
        while done.load(ordering: .acquiring) < count {
            spins += 1
            if spins > 4096 { sched_yield() }
        }
    }

    /// Drops the body, so it does not outlive the caller's `withoutActuallyEscaping`.
    func finish() {
        body = nil
    }
}

/// A worker thread of ``ParallelPool``: polls for posted jobs and helps run them; parks on a
/// semaphore after ``ParallelPool/spinNanoseconds`` without one.
final class ParallelWorker: Sendable {
    private let pool: ParallelPool
    private let parked = Atomic<Bool>(false)
    private let wakeup = DispatchSemaphore(value: 0)

    init(pool: ParallelPool) {
        self.pool = pool
    }

    func start(name: String) {
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.start()
    }

    /// Wakes the worker if it has parked. Either it sees the new job count before it parks, or
    /// the poster sees it parked; a stray signal only makes it check the count once more.
    func wake() {
        if parked.load(ordering: .sequentiallyConsistent) { wakeup.signal() }
    }

    private func loop() {
        var seen = 0
        while true {
            var deadline: UInt64 = 0
            var spins = 0
            while pool.posted.load(ordering: .acquiring) == seen {
                spins += 1
                guard spins & 255 == 0 else { continue }
                let now = DispatchTime.now().uptimeNanoseconds
                if deadline == 0 {
                    deadline = now + ParallelPool.spinNanoseconds.load(ordering: .relaxed)
                } else if now > deadline {
                    parked.store(true, ordering: .sequentiallyConsistent)
                    if pool.posted.load(ordering: .sequentiallyConsistent) == seen { wakeup.wait() }
                    parked.store(false, ordering: .sequentiallyConsistent)
                    deadline = 0
                }
            }
            seen = pool.posted.load(ordering: .acquiring)
            if let job = pool.current.withLock({ $0 }) { job.work() }
        }
    }
}
