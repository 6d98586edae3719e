import Foundation
import Kernel
import Lang
import Notebook
import Runner
import Server

/// Runs each notebook's session in this process, on the session's own evaluator thread (never on an
/// event loop). For the server's tests; the server itself uses kernel processes so user code cannot crash it.
///
/// Outputs arrive when the cell ends (the in-process session has no streaming hook).
actor InProcessExecutor: CellExecutor {
    private var sessions: [String: Session] = [:]
    private var counts: [String: Int] = [:]

    /// Creates an executor with no sessions.
    init() {}

    func execute(_ cell: CellRun, notebookID: String) -> AsyncStream<KernelEvent> {
        let cellID = cell.cellID
        let session = session(for: notebookID)
        let count = (counts[notebookID] ?? 0) + 1
        counts[notebookID] = count
        let (stream, continuation) = AsyncStream.makeStream(of: KernelEvent.self)
        Task.detached {
            let start = ContinuousClock.now
            continuation.yield(.started(cellID: cellID, executionCount: count))
            let source = Source.cell(count, text: cell.code)
            let result = await session.runAsync(source)
            let outputs = CellOutputConversion.outputs(of: result, executionCount: count, cell: source, cellID: cellID)
            for output in outputs {
                continuation.yield(.output(cellID: cellID, output))
            }
            let elapsed = ContinuousClock.now - start
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            let status: CellRunStatus =
                result.succeeded
                ? .done : outputs.last?.exceptionName == .keyboardInterrupt ? .interrupted : .error
            continuation.yield(.finished(cellID: cellID, status: status, elapsedMilliseconds: milliseconds))
            continuation.finish()
        }
        return stream
    }

    func interrupt(notebookID: String) {
        sessions[notebookID]?.interrupt()
    }

    func restart(notebookID: String) {
        sessions[notebookID]?.interrupt()
        sessions[notebookID] = nil
        counts[notebookID] = nil
    }

    func stop(notebookID: String) {
        restart(notebookID: notebookID)
    }

    func sessionVariables(notebookID: String) -> SessionVariables { SessionVariables([]) }

    func variableHeatmap(notebookID: String, name: String) -> [UInt8]? { nil }

    func shutdown() {
        for session in sessions.values { session.interrupt() }
        sessions = [:]
    }

    private func session(for notebookID: String) -> Session {
        if let session = sessions[notebookID] { return session }
        let session = Session()
        sessions[notebookID] = session
        return session
    }
}
