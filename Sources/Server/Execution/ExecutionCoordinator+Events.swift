import Foundation
import Hummingbird
import Notebook
import Store

extension ExecutionCoordinator {
    /// A page's event stream, as the bytes of a `text/event-stream` body: first a `snapshot` (running and
    /// queued cells with their outputs so far, the last `stopped` event of a multi-cell run whose rest has
    /// not run since, and the `kernel` event of a session that ended unasked), then every event as it
    /// happens, and a keep-alive comment every 15 seconds. Registering and the snapshot happen together, so
    /// nothing is missed. Events are yielded straight into the response body's stream: no task relays them.
    func subscribe(notebookID: String) -> AsyncStream<ByteBuffer> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: ByteBuffer.self, bufferingPolicy: .bufferingNewest(10_000))
        var state = states[notebookID] ?? NotebookRunState()
        continuation.yield(ByteBuffer(string: snapshot(state).frame))
        if shuttingDown {
            continuation.finish()
            return stream
        }
        let id = UUID()
        state.subscribers[id] = continuation
        // The newcomer gets the next stale list even if it did not change.
        state.lastStaleSent = nil
        states[notebookID] = state
        let ping = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(15))
                if Task.isCancelled { break }
                continuation.yield(ByteBuffer(string: ServerEvent.ping))
            }
        }
        continuation.onTermination = { _ in
            ping.cancel()
            Task { await self.unsubscribe(notebookID: notebookID, id: id) }
        }
        return stream
    }

    private func unsubscribe(notebookID: String, id: UUID) {
        states[notebookID]?.subscribers[id] = nil
    }

    private func snapshot(_ state: NotebookRunState) -> ServerEvent {
        var cells: [JSONValue] = []
        if let running = state.running {
            cells.append(
                JSONIO.object([
                    ("id", .string(running.id)), ("status", "running"),
                    ("executionCount", running.executionCount.map(JSONIO.number) ?? .null),
                    ("elapsedMs", .number(Self.milliseconds(since: running.started).rounded())),
                    ("outputs", .array(running.outputs.map(OutputJSON.output))),
                    // A clear_output(wait=True) not yet carried out: the page clears at the next output.
                    ("clearPending", .bool(running.list.clearsBeforeNextOutput)),
                ]))
        }
        for queued in state.queue {
            cells.append(
                JSONIO.object([
                    ("id", .string(queued.id)), ("status", "queued"), ("executionCount", .null),
                    ("elapsedMs", .null), ("outputs", .array([])),
                ]))
        }
        let queue = (state.running.map { [$0.id] } ?? []) + state.queue.map(\.id)
        return ServerEvent(
            "snapshot",
            JSONIO.object([
                ("cells", .array(cells)), ("queue", .array(queue.map { .string($0) })),
                ("stopped", state.lastStop ?? .null), ("kernel", state.sessionEnd ?? .null),
            ]))
    }

    /// Recomputes the notebook's stale and superseded cells from the stored cells and sends a `stale` event.
    func publishStale(_ notebookID: String) async {
        guard let outline = try? await store.outline(id: notebookID) else { return }
        let cells = cellStates(outline)
        guard var state = states[notebookID] else { return }
        let payload = StaleJSON.event(state.stale.marks(cells), order: cells.map(\.id))
        // Most runs change nothing here; every page connected has seen the last list sent.
        guard payload != state.lastStaleSent else { return }
        state.lastStaleSent = payload
        states[notebookID] = state
        state.publish(ServerEvent("stale", payload))
    }

    /// The code cells of an outline with the names they define and use.
    nonisolated func cellStates(_ outline: NotebookOutline) -> [StaleTracker.CellState] {
        outline.cells.filter { $0.kind == .code }.map { cell in
            let analysis = names.names(of: cell.source)
            return StaleTracker.CellState(
                id: cell.id.rawValue, source: cell.source, defines: analysis.rebinds, uses: analysis.uses)
        }
    }
}
