import Kernel
import Notebook

/// What runs cells for the server: one session per notebook, one cell at a time.
///
/// `KernelManager` (child processes, so a crash, a trap or a memory blow-up in user code kills only the kernel)
/// is the production implementation; the server's tests run sessions in this process (`InProcessExecutor`).
/// The server queues cells itself (``ExecutionCoordinator``) and calls `execute` for one cell at a time per
/// notebook.
public protocol CellExecutor: Sendable {
    /// Runs a cell; events arrive on the stream until `.finished`.
    func execute(_ cell: CellRun, notebookID: String) async -> AsyncStream<KernelEvent>
    /// Stops the notebook's running cell (it ends `.interrupted`).
    func interrupt(notebookID: String) async
    /// Throws the notebook's session away; the next cell gets a fresh one.
    func restart(notebookID: String) async
    /// Ends the notebook's session for good (the notebook was deleted); a later run starts a fresh one.
    func stop(notebookID: String) async
    /// The notebook's session variables, or while a cell runs those after the last cell that finished.
    func sessionVariables(notebookID: String) async throws -> SessionVariables
    /// A PNG heatmap of a tensor variable, or `nil` if it is not a tensor (or unknown).
    func variableHeatmap(notebookID: String, name: String) async throws -> [UInt8]?
    /// Stops every session (server shutdown).
    func shutdown() async
    /// Sessions that ended without being asked to (idle timeout, a kernel exiting between cells), as they
    /// end; read by one consumer, the coordinator. Executors whose sessions never end so give a finished
    /// stream.
    var endedSessions: AsyncStream<EndedSession> { get }
}

extension CellExecutor {
    /// No session ends unasked.
    public var endedSessions: AsyncStream<EndedSession> {
        AsyncStream { $0.finish() }
    }
}

/// The kernel processes of `convbook serve`, run by the manager itself.
extension KernelManager: CellExecutor {}
