import Notebook

/// The manager's record of one notebook's kernel: its process, its running cell and its pending requests.
///
/// Only touched on the ``KernelManager`` actor.
final class NotebookKernel {
    /// The child process, `nil` until the first run (and after it died, was restarted or reaped).
    var process: KernelProcess? {
        didSet { children.replace(oldValue, with: process) }
    }
    /// The manager's record of its running processes.
    private let children: ChildProcesses
    /// The run the kernel is evaluating.
    var running: ActiveRun?
    /// When a run was last started, finished or produced output, or a request was made.
    var lastActivity = ContinuousClock.now
    /// Variable requests awaiting the kernel's answer, by request number.
    var pending: [Int: CheckedContinuation<KernelMessage, any Error>] = [:]
    /// Kills the kernel if the running cell ignores an interrupt.
    var graceTask: Task<Void, Never>?
    /// Whether its variables were asked for: a process started later is told at once, so it keeps a copy of
    /// them after every cell from its first on.
    var variablesWatched = false

    /// A kernel with no process yet, recording its processes in `children`.
    init(children: ChildProcesses) {
        self.children = children
    }

    /// Whether the kernel has nothing to do.
    var isIdle: Bool { running == nil }
}

/// One cell run requested through ``KernelManager/execute(_:notebookID:)``: the cell, the number its
/// request and messages carry, and the stream its events go to.
struct ActiveRun {
    let run: Int
    let cell: CellRun
    let continuation: AsyncStream<KernelEvent>.Continuation
    /// When the request was sent to the kernel.
    var sentAt: ContinuousClock.Instant?

    /// Ends the run with `status`, after `outputs`.
    func finish(_ status: CellRunStatus, outputs: [CellOutput] = [], elapsed: Double = 0) {
        for output in outputs { continuation.yield(.output(cellID: cell.cellID, output)) }
        continuation.yield(.finished(cellID: cell.cellID, status: status, elapsedMilliseconds: elapsed))
        continuation.finish()
    }

    /// Ends a run that was never sent, with a `KernelError` saying why.
    func refuse(_ message: String) {
        finish(.error, outputs: [.error(name: .kernelError, value: message, traceback: [message])])
    }

    /// Milliseconds since the request was sent (0 if it was not).
    var elapsedMilliseconds: Double {
        guard let sentAt else { return 0 }
        let elapsed = ContinuousClock.now - sentAt
        return Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15
    }
}
