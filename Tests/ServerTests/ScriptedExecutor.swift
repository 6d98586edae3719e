import Diagnostics
import Foundation
import Kernel
import Notebook

@testable import Server

/// Runs cells by their text, for tests of the queue: `fail` raises, `die` dies with the kernel (its
/// stream ends without a verdict, as when the process is killed), `slow` takes 200 ms, and anything else
/// prints its text. Records which cells ran, in order; `endSession` ends a session as idle reaping does.
actor ScriptedExecutor: CellExecutor {
    private(set) var ran: [String] = []
    private var count = 0
    nonisolated let endedSessions: AsyncStream<EndedSession>
    private let ended: AsyncStream<EndedSession>.Continuation

    init() {
        (endedSessions, ended) = AsyncStream.makeStream()
    }

    /// Ends a notebook's session as the kernel manager does when it reaps an idle kernel.
    func endSession(_ notebookID: String, reason: EndedSession.Reason = .idle(.seconds(1800))) {
        count = 0
        ended.yield(EndedSession(notebookID: notebookID, reason: reason))
    }

    func execute(_ cell: CellRun, notebookID: String) -> AsyncStream<KernelEvent> {
        let (cellID, code) = (cell.cellID, cell.code)
        ran.append(cellID)
        count += 1
        let executionCount = count
        let (stream, continuation) = AsyncStream.makeStream(of: KernelEvent.self)
        Task {
            continuation.yield(.started(cellID: cellID, executionCount: executionCount))
            switch code {
            case "fail":
                continuation.yield(
                    .output(cellID: cellID, .error(name: ExceptionName("ValueError"), value: "boom", traceback: [])))
                continuation.yield(.finished(cellID: cellID, status: .error, elapsedMilliseconds: 1))
            case "die":
                break
            default:
                if code == "slow" { try? await Task.sleep(for: .milliseconds(200)) }
                continuation.yield(.output(cellID: cellID, .stream(.stdout, text: code)))
                continuation.yield(.finished(cellID: cellID, status: .done, elapsedMilliseconds: 1))
            }
            continuation.finish()
        }
        return stream
    }

    func interrupt(notebookID: String) {}
    func restart(notebookID: String) { count = 0 }
    func stop(notebookID: String) {}
    func sessionVariables(notebookID: String) -> SessionVariables { SessionVariables([]) }
    func variableHeatmap(notebookID: String, name: String) -> [UInt8]? { nil }
    func shutdown() {}
}
