import Kernel
import Notebook

extension ExecutionCoordinator {
    /// Starts following the executor's ended sessions, once (the first run is the earliest a session exists).
    func watchEndedSessionsIfNeeded() {
        guard sessionWatcher == nil else { return }
        let sessions = executor.endedSessions
        sessionWatcher = Task { [weak self] in
            for await ended in sessions {
                await self?.sessionEnded(ended)
            }
        }
    }

    /// A session ended without being asked to: every cell that ran in it is stale, and the pages are told
    /// with a `kernel` event `{state: "ended", reason: "idle", idleSeconds}` or `{state: "ended",
    /// reason: "exited", detail}`, which the snapshot repeats until the next run or restart.
    func sessionEnded(_ ended: EndedSession) async {
        let notebookID = ended.notebookID
        guard var state = states[notebookID] else { return }
        let event = Self.endedEvent(ended.reason)
        state.stale.sessionEnded(keeping: state.running?.id)
        state.sessionEnd = event
        states[notebookID] = state
        responses.runStateChanged(notebookID)
        state.publish(ServerEvent("kernel", event))
        await publishStale(notebookID)
    }

    static func endedEvent(_ reason: EndedSession.Reason) -> JSONValue {
        switch reason {
        case .idle(let timeout):
            JSONIO.object([
                ("state", "ended"), ("reason", "idle"), ("idleSeconds", JSONIO.number(Int(timeout.components.seconds))),
            ])
        case .exited(let how):
            JSONIO.object([("state", "ended"), ("reason", "exited"), ("detail", .string(how))])
        }
    }
}
