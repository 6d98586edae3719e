import Foundation
import Notebook

/// Runs each notebook's cells in a kernel process of its own, one cell at a time per notebook.
///
/// A notebook's kernel starts with its first run. The caller runs one cell at a time per notebook and keeps
/// the queue (the server's ``ExecutionCoordinator``, a Jupyter kernel's shell channel): a run's events arrive
/// on the stream ``execute(_:notebookID:)`` returns, ending with `.finished`, and a cell sent while another
/// runs is refused with a `KernelError`. If the process dies during a cell (crash, memory limit, kill after
/// the interrupt grace period), that cell ends with a `KernelDied` error output and status `died`, and the
/// next run starts a fresh process. Kernels idle longer than the configured timeout are stopped; such a session, and
/// one whose process exits between cells, is reported on ``endedSessions``.
///
/// ```swift
/// let kernels = KernelManager(configuration: KernelConfiguration(executable: "/proc/self/exe"))
/// for await event in await kernels.execute(CellRun(cellID: "c1", code: "print(1 + 1)"), notebookID: "nb1") {
///     print(event)   // started, output(stream "2\n"), finished(done)
/// }
/// ```
///
/// The manager ignores `SIGPIPE` for the whole process, so writing to a kernel that just died fails
/// with an error instead of killing the server.
public actor KernelManager {
    /// The message of the error output a cell gets when its kernel dies.
    public static let kernelDiedMessage = "kernel died — restarted"

    /// The most code one cell may have: well under a frame's limit even with every byte escaped in JSON.
    static let maximumCodeBytes = FrameCodec.maximumPayloadBytes / 8

    let configuration: KernelConfiguration
    /// Sessions that ended unasked (reaped when idle, or their process exited between cells), as they end.
    /// One consumer (the server's coordinator) reads it.
    public nonisolated let endedSessions: AsyncStream<EndedSession>
    let endedContinuation: AsyncStream<EndedSession>.Continuation
    var kernels: [String: NotebookKernel] = [:]
    private var nextNumber = 0
    var reaperTask: Task<Void, Never>?
    /// Every kernel's process, for `deinit`.
    private nonisolated let children = ChildProcesses()

    /// Creates a manager; no process starts until the first run.
    public init(configuration: KernelConfiguration) {
        self.configuration = configuration
        (endedSessions, endedContinuation) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1000))
        signal(SIGPIPE, SIG_IGN)
    }

    // Not an `isolated deinit`: that crashes the Swift 6.3 optimizer in modules using the manager (release builds).
    deinit {
        endedContinuation.finish()
        reaperTask?.cancel()
        children.killAll()
    }

    /// A fresh number for a run, request or process.
    func makeNumber() -> Int {
        nextNumber += 1
        return nextNumber
    }

    /// Sends a cell to the notebook's kernel (started if there is none); its events arrive on the returned
    /// stream until `.finished`. A cell sent while another of the notebook's runs finishes at once with a
    /// `KernelError`, as does one too large to send or one whose kernel cannot start.
    public func execute(_ cell: CellRun, notebookID: String) -> AsyncStream<KernelEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: KernelEvent.self, bufferingPolicy: .unbounded)
        let kernel = kernel(for: notebookID)
        let run = ActiveRun(run: makeNumber(), cell: cell, continuation: continuation)
        kernel.lastActivity = .now
        if let running = kernel.running {
            run.refuse(
                "notebook \(notebookID) is already running cell \(running.cell.cellID); its runs go one at a time")
            return stream
        }
        guard cell.code.utf8.count <= KernelManager.maximumCodeBytes else {
            run.refuse("the cell has more than \(KernelManager.maximumCodeBytes >> 20) MB of code")
            return stream
        }
        let process: KernelProcess
        do {
            process = try self.process(for: notebookID)
        } catch {
            run.refuse((error as? KernelError)?.description ?? "\(error)")
            return stream
        }
        var started = run
        started.sentAt = .now
        kernel.running = started
        process.send(.execute(run: run.run, cell))
        return stream
    }

    /// Stops the running cell (it raises `KeyboardInterrupt`). A cell still running after the grace period
    /// has its kernel killed.
    public func interrupt(notebookID: String) {
        guard let kernel = kernels[notebookID] else { return }
        guard let running = kernel.running, let process = kernel.process else { return }
        process.send(.interrupt(run: running.run))
        guard kernel.graceTask == nil else { return }
        let grace = configuration.interruptGrace
        kernel.graceTask = Task { [weak self] in
            try? await Task.sleep(for: grace)
            guard !Task.isCancelled else { return }
            await self?.graceExpired(notebookID: notebookID, run: running.run)
        }
    }

    /// Replaces the notebook's session with a fresh one: the running cell finishes as `interrupted`, the old
    /// process is killed and a new one starts.
    public func restart(notebookID: String) async {
        let kernel = kernel(for: notebookID)
        cancelRunning(kernel)
        stopProcess(of: kernel)
        _ = try? process(for: notebookID)
    }

    /// Stops every kernel: running cells finish as `interrupted`, processes are killed.
    public func shutdown() async {
        reaperTask?.cancel()
        reaperTask = nil
        for notebookID in Array(kernels.keys) { await stop(notebookID: notebookID) }
    }

    /// Forgets a notebook's kernel (e.g. the notebook was deleted): its running cell finishes as
    /// `interrupted` and its process is killed; a later run starts a fresh one.
    public func stop(notebookID: String) async {
        guard let kernel = kernels.removeValue(forKey: notebookID) else { return }
        cancelRunning(kernel)
        stopProcess(of: kernel)
    }

    /// Starts the notebook's kernel process now rather than with its first run (a Jupyter kernel
    /// starts its session at once, so the first cell does not wait for it); nothing if it runs already.
    public func start(notebookID: String) throws(KernelError) {
        do {
            _ = try process(for: notebookID)
        } catch let error as KernelError {
            throw error
        } catch {
            throw .startFailed("\(error)")
        }
    }

    /// The process id of a notebook's kernel, if one is running (for logs and tests).
    public func processIdentifier(notebookID: String) -> Int32? {
        kernels[notebookID]?.process?.processIdentifier
    }

    // MARK: - Internals

    func kernel(for notebookID: String) -> NotebookKernel {
        if let kernel = kernels[notebookID] { return kernel }
        let kernel = NotebookKernel(children: children)
        kernels[notebookID] = kernel
        return kernel
    }

    /// The notebook's process, started if there is none.
    func process(for notebookID: String) throws -> KernelProcess {
        let kernel = kernel(for: notebookID)
        if let process = kernel.process { return process }
        let process: KernelProcess
        do {
            process = try KernelProcess(configuration: configuration, serial: makeNumber())
        } catch {
            throw KernelError.startFailed("\(error)")
        }
        kernel.process = process
        kernel.lastActivity = .now
        // Asked once, the kernel keeps a copy of its variables after every cell (nobody waits for this answer).
        if kernel.variablesWatched { process.send(.variables(request: makeNumber())) }
        Task { [weak self] in
            for await event in process.events {
                await self?.handle(event, notebookID: notebookID, serial: process.serial)
            }
        }
        startReaperIfNeeded()
        return process
    }

    /// Ends the running cell as `interrupted` (the process is left to the caller).
    func cancelRunning(_ kernel: NotebookKernel) {
        if let running = kernel.running {
            kernel.running = nil
            running.finish(.interrupted, elapsed: running.elapsedMilliseconds)
        }
    }

    /// Kills the process and forgets it (its late events are ignored); pending requests fail.
    func stopProcess(of kernel: NotebookKernel) {
        kernel.graceTask?.cancel()
        kernel.graceTask = nil
        kernel.process?.kill()
        kernel.process = nil
        failPending(kernel)
    }

    func failPending(_ kernel: NotebookKernel) {
        let pending = kernel.pending
        kernel.pending.removeAll()
        for continuation in pending.values { continuation.resume(throwing: KernelError.died) }
    }

    private func graceExpired(notebookID: String, run: Int) {
        guard let kernel = kernels[notebookID] else { return }
        kernel.graceTask = nil
        guard kernel.running?.run == run else { return }
        // The exit event that follows ends the cell as `died` and the next run gets a fresh kernel.
        kernel.process?.kill()
    }
}
