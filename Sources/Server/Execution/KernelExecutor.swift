import Kernel
import Notebook

/// Runs cells in kernel child processes (`convbook kernel`) through a `KernelManager`: a crash, a trap or
/// a memory blow-up in user code kills only the kernel, and the cell ends "kernel died — restarted".
public struct KernelExecutor: CellExecutor {
    /// The manager of the kernel processes.
    public let manager: KernelManager

    /// Wraps a manager.
    public init(manager: KernelManager) {
        self.manager = manager
    }

    /// A manager with `configuration`.
    public init(configuration: KernelConfiguration) {
        self.init(manager: KernelManager(configuration: configuration))
    }

    public func execute(notebookID: String, cellID: String, code: String) async -> AsyncStream<KernelEvent> {
        await manager.execute(notebookID: notebookID, cellID: cellID, code: code)
    }

    public func interrupt(notebookID: String) async {
        await manager.interrupt(notebookID: notebookID)
    }

    public func restart(notebookID: String) async {
        await manager.restart(notebookID: notebookID)
    }

    public func stop(notebookID: String) async {
        await manager.stop(notebookID: notebookID)
    }

    public func variables(notebookID: String) async throws -> SessionVariables {
        try await manager.sessionVariables(notebookID: notebookID)
    }

    public func variableHeatmap(notebookID: String, name: String) async throws -> [UInt8]? {
        try await manager.variableHeatmap(notebookID: notebookID, name: name)
    }

    public func shutdown() async {
        await manager.shutdown()
    }

    public var endedSessions: AsyncStream<EndedSession> { manager.endedSessions }
}
