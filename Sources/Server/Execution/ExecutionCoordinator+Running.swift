import Foundation
import Notebook
import Store

extension ExecutionCoordinator {
    /// Runs the notebook's queue to the end, one cell at a time.
    func drain(_ notebookID: String) async {
        states[notebookID]?.publish(ServerEvent("kernel", JSONIO.object([("state", "busy")])))
        while let next = takeNext(notebookID) {
            await run(next, notebookID: notebookID)
        }
    }

    /// The next queued cell, now marked running; `nil` (and the worker cleared) when the queue is empty.
    private func takeNext(_ notebookID: String) -> NotebookRunState.QueuedCell? {
        guard var state = states[notebookID] else { return nil }
        guard !state.queue.isEmpty else {
            state.worker = nil
            states[notebookID] = state
            state.publish(ServerEvent("kernel", JSONIO.object([("state", "idle")])))
            return nil
        }
        let next = state.queue.removeFirst()
        state.running = NotebookRunState.RunningCell(
            id: next.id, source: next.source, started: .now, startDate: Date())
        state.stale.recordRun(cellID: next.id, source: next.source, defines: names.names(of: next.source).defines)
        state.publish(Self.statusEvent(next.id, .running))
        states[notebookID] = state
        return next
    }

    /// Runs one cell: streams its events, saving outputs as they arrive and once more at the end.
    private func run(_ cell: NotebookRunState.QueuedCell, notebookID: String) async {
        let events = await executor.execute(notebookID: notebookID, cellID: cell.id, code: cell.source)
        var finished = false
        for await event in events {
            switch event {
            case .started(_, let executionCount):
                states[notebookID]?.running?.executionCount = executionCount
                states[notebookID]?.publish(Self.statusEvent(cell.id, .running, executionCount: executionCount))
            case .output(_, let output):
                guard var running = states[notebookID]?.running else { continue }
                running.outputs.append(output)
                states[notebookID]?.running = running
                await save(running, notebookID: notebookID, ended: nil)
                if let json = OutputJSON.output(output, source: cell.source) {
                    let payload = JSONIO.object([("cellId", .string(cell.id)), ("output", json)])
                    states[notebookID]?.publish(ServerEvent("output", payload))
                }
            case .finished(_, let status, let elapsed):
                finished = true
                await finish(cell.id, notebookID: notebookID, status: status, elapsed: elapsed)
            }
        }
        if !finished {
            // The executor ended the stream without a verdict: report it as a dead kernel.
            let died = CellOutput.error(name: "KernelDied", value: "kernel died — restarted", traceback: [])
            states[notebookID]?.running?.outputs.append(died)
            await finish(cell.id, notebookID: notebookID, status: .died, elapsed: nil)
        }
        await publishStale(notebookID)
    }

    private func finish(_ cellID: String, notebookID: String, status: RunStatus, elapsed: Double?) async {
        guard let running = states[notebookID]?.running else { return }
        await save(running, notebookID: notebookID, ended: Date())
        let milliseconds = elapsed ?? Self.milliseconds(since: running.started)
        states[notebookID]?.running = nil
        states[notebookID]?.lastStatus[cellID] = status
        states[notebookID]?.publish(
            Self.statusEvent(
                cellID, status, executionCount: running.executionCount, elapsedMilliseconds: milliseconds))
    }

    /// Saves the running cell's outputs so far; a cell deleted meanwhile is simply not saved.
    private func save(_ running: NotebookRunState.RunningCell, notebookID: String, ended: Date?) async {
        do {
            try await store.saveOutputs(
                notebook: notebookID, cell: CellID(running.id) ?? .random(), outputs: running.outputs,
                executionCount: running.executionCount, timing: CellTiming(start: running.startDate, end: ended))
        } catch {
            // Deleted cell or notebook, or a non-code cell now: nothing to keep.
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
}
