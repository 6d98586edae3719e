import Notebook

/// How a notebook run ended.
public enum RunOutcome: Sendable, Hashable {
    /// Every code cell ran without raising.
    case completed
    /// A code cell raised; `cellIndex` is the first such cell's index in the notebook's `cells`. Without
    /// `allowErrors` the run stopped there; with it, the later cells ran too.
    case failed(cellIndex: Int)
    /// The whole-run time limit passed; the running cell was interrupted and the rest did not run.
    case timedOut
    /// `interrupt()` was called (Ctrl-C); the running cell was interrupted and the rest did not run.
    case interrupted

    /// The exit status `convbook run` reports: 0 completed, 1 failed, 3 timed out or interrupted.
    public var exitCode: Int32 {
        switch self {
        case .completed: 0
        case .failed: 1
        case .timedOut, .interrupted: 3
        }
    }
}
