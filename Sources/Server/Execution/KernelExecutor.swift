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

    public func execute(notebookID: String, cellID: String, code: String) async -> AsyncStream<ExecutionEvent> {
        let events = await manager.execute(notebookID: notebookID, cellID: cellID, code: code)
        // Translated when the consumer asks for the next event, on its own task: a task relaying them would
        // add a thread hand-off to every event of every run.
        let source = KernelEventSource(events.makeAsyncIterator())
        return AsyncStream(unfolding: { await source.next() })
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

    public func variables(notebookID: String) async throws -> [VariableSummary] {
        try await manager.variables(notebookID: notebookID)
    }

    public func variableHeatmap(notebookID: String, name: String) async throws -> [UInt8]? {
        try await manager.variableHeatmap(notebookID: notebookID, name: name)
    }

    public func shutdown() async {
        await manager.shutdown()
    }

    static func translate(_ event: KernelEvent) -> ExecutionEvent {
        switch event {
        case .started(let cellID, let executionCount):
            .started(cellID: cellID, executionCount: executionCount)
        case .output(let cellID, let output):
            .output(cellID: cellID, output)
        case .finished(let cellID, let status, let elapsed):
            .finished(
                cellID: cellID, status: RunStatus(rawValue: status.rawValue) ?? .error, elapsedMilliseconds: elapsed)
        }
    }
}

/// The kernel's events of one run, pulled by the single task that consumes the translated stream.
private final class KernelEventSource: @unchecked Sendable {
    // `@unchecked Sendable`: `iterator` is used only by `next()`, which `AsyncStream(unfolding:)` calls for
    // its one consumer, one call at a time.
    private var iterator: AsyncStream<KernelEvent>.Iterator

    init(_ iterator: AsyncStream<KernelEvent>.Iterator) {
        self.iterator = iterator
    }

    func next() async -> ExecutionEvent? {
        await iterator.next().map(KernelExecutor.translate)
    }
}
