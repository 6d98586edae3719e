import Foundation

/// The hand-off of cells from the kernel's reader thread to its runner thread, first in first out.
///
/// The server sends one cell at a time, so this holds at most one cell and an interrupt that is already
/// waiting for it (``KernelHost``); it is a queue only so the reader never blocks.
final class HostRunQueue: @unchecked Sendable {
    // `@unchecked Sendable`: `runs` is read and written only with `condition` locked.
    private let condition = NSCondition()
    private var runs: [(run: Int, cell: CellRun)] = []

    /// Adds cell `cell` as run `run` at the end.
    func push(_ cell: CellRun, run: Int) {
        condition.withLock {
            runs.append((run, cell))
            condition.signal()
        }
    }

    /// The next run, waiting until there is one.
    func take() -> (run: Int, cell: CellRun) {
        condition.withLock {
            while runs.isEmpty { condition.wait() }
            return runs.removeFirst()
        }
    }
}
