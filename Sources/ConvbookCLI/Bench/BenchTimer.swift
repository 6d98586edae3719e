import Foundation

/// Times a closure the way the benchmark suites report it: warm up, then `samples` timed
/// samples of enough repeated calls to last `minimumSeconds` each, and take the median.
struct BenchTimer {
    var samples: Int
    var minimumSeconds: Double
    /// Count the process's CPU time instead of wall time: on a busy shared machine this shows
    /// what one thread would take if it had a core to itself (meaningful with one thread only).
    var cpuTime = false
    /// Waits for a quiet machine before each sample (and retries disturbed samples).
    var quiet = BenchQuiet(threshold: 0, timeout: 0)

    /// The median and the best time per call, in seconds.
    func measure(_ body: () throws -> Void) rethrows -> (median: Double, best: Double) {
        let repeats = try repeatsPerSample(body)
        var times: [Double] = []
        for _ in 0..<max(1, samples) { times.append(try sample(body, repeats: repeats)) }
        times.sort()
        return (times[times.count / 2], times[0])
    }

    /// Warms `body` up and returns how many calls fill one sample (at least one).
    func repeatsPerSample(_ body: () throws -> Void) rethrows -> Int {
        try body()
        let start = now()
        try body()
        // Huge shapes get at least one call per sample, small ones many.
        return max(1, Int(minimumSeconds / max(now() - start, 1e-9)))
    }

    /// One sample: seconds per call over `repeats` calls. A sample disturbed by other processes
    /// is retried, up to three times.
    func sample(_ body: () throws -> Void, repeats: Int) rethrows -> Double {
        var time = 0.0
        for attempt in 0...3 {
            quiet.wait()
            let window = BenchQuiet.Window()
            let start = now()
            for _ in 0..<repeats { try body() }
            time = (now() - start) / Double(repeats)
            if quiet.threshold <= 0 || window.foreignCores() < quiet.threshold || attempt == 3 { break }
        }
        return time
    }

    /// Seconds on the chosen clock.
    func now() -> Double {
        var time = timespec()
        clock_gettime(cpuTime ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
    }
}
