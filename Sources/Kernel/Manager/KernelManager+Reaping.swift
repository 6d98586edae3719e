extension KernelManager {
    /// Starts the periodic check for idle kernels, once, if the configuration has a timeout.
    func startReaperIfNeeded() {
        guard reaperTask == nil, let timeout = configuration.idleTimeout else { return }
        // Check a few times per timeout, but not more often than every 10 ms nor less than every 30 s.
        let interval = min(max(timeout / 4, .milliseconds(10)), .seconds(30))
        reaperTask = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                await self?.reapIdleKernels(olderThan: timeout)
            }
        }
    }

    /// Stops the kernels that have had nothing to do for `timeout`; their notebooks start fresh next time,
    /// and each is reported on ``endedSessions``.
    func reapIdleKernels(olderThan timeout: Duration) {
        let now = ContinuousClock.now
        for (notebookID, kernel) in kernels where kernel.isIdle && now - kernel.lastActivity >= timeout {
            let hadProcess = kernel.process != nil
            stopProcess(of: kernel)
            kernels[notebookID] = nil
            if hadProcess { endedContinuation.yield(EndedSession(notebookID: notebookID, reason: .idle(timeout))) }
        }
    }
}
