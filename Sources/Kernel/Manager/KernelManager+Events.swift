import Notebook

extension KernelManager {
    /// Routes one event of a kernel process to the run or request it belongs to.
    func handle(_ event: KernelProcess.Event, notebookID: String, serial: Int) {
        // Events of a process that was restarted, reaped or shut down are stale.
        guard let kernel = kernels[notebookID], let process = kernel.process, process.serial == serial else { return }
        kernel.lastActivity = .now
        switch event {
        case .message(let message):
            handle(message, kernel: kernel, notebookID: notebookID)
        case .exited(let how):
            kernel.process = nil
            kernel.graceTask?.cancel()
            kernel.graceTask = nil
            failPending(kernel)
            guard let running = kernel.running else {
                // Nothing was running, so no cell will say it: the session's variables are gone all the same.
                endedContinuation.yield(EndedSession(notebookID: notebookID, reason: .exited(how)))
                return
            }
            kernel.running = nil
            running.finish(.died, outputs: [.kernelDied(how)], elapsed: running.elapsedMilliseconds)
            // Restart at once, as the message promises (only after a death in a cell, so a binary that
            // cannot start is not respawned forever).
            _ = try? self.process(for: notebookID)
        }
    }

    private func handle(_ message: KernelMessage, kernel: NotebookKernel, notebookID: String) {
        switch message {
        case .started(let run, _, let executionCount):
            guard let running = kernel.running, running.run == run else { return }
            running.continuation.yield(.started(cellID: running.cell.cellID, executionCount: executionCount))
        case .output(let run, let output):
            guard let running = kernel.running, running.run == run else { return }
            running.continuation.yield(.output(cellID: running.cell.cellID, output))
        case .change(let run, let change):
            guard let running = kernel.running, running.run == run else { return }
            running.continuation.yield(.change(cellID: running.cell.cellID, change))
        case .finished(let run, let status, let elapsed):
            guard let running = kernel.running, running.run == run else { return }
            kernel.running = nil
            kernel.graceTask?.cancel()
            kernel.graceTask = nil
            running.finish(status, elapsed: elapsed)
        case .variables(let request, _, _), .heatmap(let request, _), .failure(let request, _),
            .completions(let request, _), .inspection(let request, _):
            kernel.pending.removeValue(forKey: request)?.resume(returning: message)
        case .ready, .protocolError:
            break
        }
    }
}
