import Notebook

/// The manager's record of one notebook's kernel: its process, its queue and its pending requests.
///
/// Only touched on the ``KernelManager`` actor.
final class NotebookKernel {
    /// The child process, `nil` until the first run (and after it died, was restarted or reaped).
    var process: KernelProcess?
    /// Runs waiting their turn, first in first out.
    var queue: [QueuedRun] = []
    /// The run the kernel is evaluating.
    var running: QueuedRun?
    /// When a run was last queued, finished or produced output, or a request was made.
    var lastActivity = ContinuousClock.now
    /// Variable requests awaiting the kernel's answer, by request number.
    var pending: [Int: CheckedContinuation<KernelMessage, any Error>] = [:]
    /// Kills the kernel if the running cell ignores an interrupt.
    var graceTask: Task<Void, Never>?
    /// Whether its variables were asked for: a process started later is told at once, so it keeps a copy of
    /// them after every cell from its first on.
    var variablesWatched = false

    /// Whether the kernel has nothing to do.
    var isIdle: Bool { running == nil && queue.isEmpty }
}

/// One cell run requested through ``KernelManager/execute(notebookID:cellID:code:)``.
struct QueuedRun {
    let run: Int
    let cellID: String
    let code: String
    let continuation: AsyncStream<KernelEvent>.Continuation
    /// When the request was sent to the kernel.
    var sentAt: ContinuousClock.Instant?

    /// Ends the run with `status`, after `outputs`.
    func finish(_ status: CellRunStatus, outputs: [CellOutput] = [], elapsed: Double = 0) {
        for output in outputs { continuation.yield(.output(cellID: cellID, output)) }
        continuation.yield(.finished(cellID: cellID, status: status, elapsedMilliseconds: elapsed))
        continuation.finish()
    }

    /// Milliseconds since the request was sent (0 if it was not).
    var elapsedMilliseconds: Double {
        guard let sentAt else { return 0 }
        let elapsed = ContinuousClock.now - sentAt
        return Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
    }
}
