import Foundation

/// Cells waiting for the kernel's runner thread, first in first out.
final class HostRunQueue: @unchecked Sendable {
    // `@unchecked Sendable`: `runs` is read and written only with `condition` locked.
    private let condition = NSCondition()
    private var runs: [HostRun] = []

    /// Adds a run at the end.
    func push(_ run: HostRun) {
        condition.withLock {
            runs.append(run)
            condition.signal()
        }
    }

    /// The next run, waiting until there is one.
    func take() -> HostRun {
        condition.withLock {
            while runs.isEmpty { condition.wait() }
            return runs.removeFirst()
        }
    }
}

/// One `execute` request.
struct HostRun: Sendable {
    var run: Int
    var cellID: String
    var code: String
}
