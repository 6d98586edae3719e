import Foundation

extension Interpreter {
    /// `import time`: `time()`, `perf_counter()`, `monotonic()` and `sleep(seconds)`.
    ///
    /// `sleep` wakes every few milliseconds to check for an interrupt and the cell's time limit, so
    /// a cell sleeping in a loop stops as promptly as one computing.
    func installTime() {
        let time = Module("time")
        time.define("time") { _, arguments throws(PyError) in
            try arguments.expectPositional("time", 0)
            return .float(Date().timeIntervalSince1970)
        }
        for name in ["perf_counter", "monotonic"] {
            time.define(name) { _, arguments throws(PyError) in
                try arguments.expectPositional(name, 0)
                return .float(Self.secondsSinceBoot())
            }
        }
        time.define("sleep") { interpreter, arguments throws(PyError) in
            try arguments.expectPositional("sleep", 1)
            let seconds = try interpreter.floatArgument(arguments.positional[0], "sleep() argument")
            guard seconds >= 0 else { throw PyError.value("sleep length must be non-negative") }
            guard seconds.isFinite, seconds < 1e9 else { throw PyError(.overflowError, "sleep length is too large") }
            try interpreter.sleep(seconds: seconds)
            return .none
        }
        modules["time"] = time
    }

    /// Sleeps in slices of at most 5 ms, checking for an interrupt or the time limit after each.
    private func sleep(seconds: Double) throws(PyError) {
        let end = ContinuousClock.now + .nanoseconds(Int64(seconds * 1e9))
        while true {
            try checkInterrupt()
            if let deadline, ContinuousClock.now > deadline {
                throw PyError(.timeoutError, "the cell ran longer than its time limit")
            }
            let left = end - ContinuousClock.now
            if left <= .zero { return }
            Thread.sleep(
                forTimeInterval: min(
                    0.005, Double(left.components.attoseconds) / 1e18 + Double(left.components.seconds)))
        }
    }

    private static func secondsSinceBoot() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
