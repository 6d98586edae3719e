import Foundation
import Kernel
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
        state.sessionEnd = nil
        state.running = NotebookRunState.RunningCell(queued: next, started: .now, startDate: Date())
        let source = next.cell.code
        let analysis = names.names(of: source)
        state.stale.recordRun(cellID: next.id, source: source, defines: analysis.rebinds, uses: analysis.uses)
        state.publish(Self.statusEvent(next.id, .running))
        states[notebookID] = state
        responses.runStateChanged(notebookID)
        return next
    }

    /// Runs one cell: streams its events, saving outputs as they arrive and once more at the end.
    private func run(_ cell: NotebookRunState.QueuedCell, notebookID: String) async {
        let events = await executor.execute(cell.cell, notebookID: notebookID)
        var finished = false
        for await event in events {
            switch event {
            case .started(_, let executionCount):
                states[notebookID]?.running?.executionCount = executionCount
                states[notebookID]?.publish(Self.statusEvent(cell.id, .running, executionCount: executionCount))
            case .output(_, let output):
                guard var running = states[notebookID]?.running else { continue }
                livePictures.keep(output)
                running.list.append(output)
                states[notebookID]?.running = running
                let payload = JSONIO.object([("cellId", .string(cell.id)), ("output", OutputJSON.output(output))])
                states[notebookID]?.publish(ServerEvent("output", payload))
                scheduleOutputSave(notebookID: notebookID, cellID: cell.id)
            case .change(_, let change):
                applyChange(change, cell: cell, notebookID: notebookID)
            case .finished(_, let status, let elapsed):
                finished = true
                await finish(cell.id, notebookID: notebookID, status: status, elapsed: elapsed)
            }
        }
        if !finished {
            // The executor ended the stream without a verdict: report it as a dead kernel.
            let died = CellOutput.error(name: .kernelDied, value: KernelManager.kernelDiedMessage, traceback: [])
            states[notebookID]?.running?.list.append(died)
            await finish(cell.id, notebookID: notebookID, status: .died, elapsed: nil)
        }
        await publishStale(notebookID)
    }

    private func finish(_ cellID: String, notebookID: String, status: CellRunStatus, elapsed: Double?) async {
        guard let running = states[notebookID]?.running else { return }
        // The actor is re-entered while the final save awaits the store; an interim save scheduled
        // earlier must not run then, or its `end: nil` timing could overwrite the final one.
        states[notebookID]?.running?.isFinishing = true
        await save(running, notebookID: notebookID, ended: Date())
        if running.replacedPictures {
            // The drawings a live figure went through were saved on the way; only the last one is shown now.
            _ = try? await store.collectGarbage()
        }
        let milliseconds = elapsed ?? Self.milliseconds(since: running.started)
        states[notebookID]?.running = nil
        states[notebookID]?.lastStatus[cellID] = status
        responses.runStateChanged(notebookID)
        if status == .died {
            // The kernel process is gone; the next run starts a fresh session, in which nothing has run.
            states[notebookID]?.stale.reset()
            states[notebookID]?.publish(ServerEvent("kernel", JSONIO.object([("state", "died")])))
        }
        states[notebookID]?.publish(
            Self.statusEvent(
                cellID, status, executionCount: running.executionCount, elapsedMilliseconds: milliseconds))
        if let batch = running.batch, status == .error || status == .died {
            stopBatch(batch, failedCell: cellID, status: status, notebookID: notebookID)
        }
    }

    /// Applies a change to the running cell's outputs and tells the pages: `clear` `{cellId, wait}`, or
    /// `update` `{cellId, displayId, output}` for a live display redrawn in place. An update of a display this
    /// cell does not show (an earlier cell's) changes nothing here.
    private func applyChange(_ change: OutputChange, cell: NotebookRunState.QueuedCell, notebookID: String) {
        guard var running = states[notebookID]?.running else { return }
        let event: ServerEvent
        switch change {
        case .clear(let wait):
            running.list.apply(change)
            event = ServerEvent("clear", JSONIO.object([("cellId", .string(cell.id)), ("wait", .bool(wait))]))
        case .update(let id, let output):
            guard running.list.apply(change) else { return }
            livePictures.keep(output)
            running.replacedPictures = running.replacedPictures || output.data?.png != nil
            event = ServerEvent(
                "update",
                JSONIO.object([
                    ("cellId", .string(cell.id)), ("displayId", .string(id)), ("output", OutputJSON.output(output)),
                ]))
        }
        states[notebookID]?.running = running
        states[notebookID]?.publish(event)
        scheduleOutputSave(notebookID: notebookID, cellID: cell.id)
    }

    /// Drops the cells of `batch` still queued after `failedCell` raised or lost its kernel: they go back
    /// to idle unrun (a fresh kernel would only fail them with NameErrors) and pages get a `stopped` event
    /// `{cellId, reason: "error" | "died", cellIds}` naming them, to offer running them anyway.
    private func stopBatch(_ batch: Int, failedCell: String, status: CellRunStatus, notebookID: String) {
        guard var state = states[notebookID] else { return }
        let dropped = state.queue.filter { $0.batch == batch }.map(\.id)
        guard !dropped.isEmpty else { return }
        state.queue.removeAll { $0.batch == batch }
        for id in dropped { state.lastStatus[id] = nil }
        let stop = JSONIO.object([
            ("cellId", .string(failedCell)), ("reason", .string(status == .died ? "died" : "error")),
            ("cellIds", .array(dropped.map { .string($0) })),
        ])
        state.lastStop = stop
        states[notebookID] = state
        responses.runStateChanged(notebookID)
        state.publish(ServerEvent("stopped", stop))
    }

    /// Saves the running cell's outputs within `outputSaveDelay`, once for however many arrive meanwhile:
    /// a cell that prints a line per loop iteration costs one durable write per delay, not one per line,
    /// and a quick cell is saved only once, when it finishes. Pages see every output at once anyway
    /// (events and the snapshot come from memory).
    private func scheduleOutputSave(notebookID: String, cellID: String) {
        guard states[notebookID]?.outputSaveScheduled == false else { return }
        states[notebookID]?.outputSaveScheduled = true
        Task {
            try? await Task.sleep(for: Self.outputSaveDelay)
            await self.saveScheduledOutputs(notebookID: notebookID, cellID: cellID)
        }
    }

    private func saveScheduledOutputs(notebookID: String, cellID: String) async {
        states[notebookID]?.outputSaveScheduled = false
        guard let running = states[notebookID]?.running, running.id == cellID, !running.isFinishing else { return }
        await save(running, notebookID: notebookID, ended: nil)
    }

    /// How long outputs may wait in memory before they are saved while their cell runs.
    static let outputSaveDelay = Duration.milliseconds(50)

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
