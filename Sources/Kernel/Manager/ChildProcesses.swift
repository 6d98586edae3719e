import Synchronization

/// The kernel processes a manager has running, readable from any thread, so the manager's `deinit` (which
/// is not isolated to the actor) can kill them.
///
/// A `NotebookKernel` keeps it current whenever its process changes.
final class ChildProcesses: Sendable {
    private let processes = Mutex<[ObjectIdentifier: KernelProcess]>([:])

    /// Records that `new` replaced `old` (either may be `nil`).
    func replace(_ old: KernelProcess?, with new: KernelProcess?) {
        processes.withLock { processes in
            if let old { processes[ObjectIdentifier(old)] = nil }
            if let new { processes[ObjectIdentifier(new)] = new }
        }
    }

    /// Kills every recorded process and forgets them.
    func killAll() {
        let all = processes.withLock { processes in
            defer { processes.removeAll() }
            return Array(processes.values)
        }
        for process in all { process.kill() }
    }
}
