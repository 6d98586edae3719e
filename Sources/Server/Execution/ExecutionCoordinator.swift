import Foundation
import Kernel
import Notebook
import Store

/// Runs cells for the server: queues runs per notebook (one cell at a time), saves outputs as they
/// arrive, tracks statuses and stale cells, and sends events to every connected page.
///
/// Evaluation happens in the `CellExecutor` (kernel processes), never here; this actor only moves
/// events along and writes them to the store.
public actor ExecutionCoordinator {
    let store: NotebookStore
    let executor: any CellExecutor
    let names: NameCache
    /// Encoded notebook bodies; the coordinator marks every run-state change (the store counts its own).
    nonisolated let responses = NotebookResponseCache()
    /// The newest pictures of running cells, served before the store has them.
    nonisolated let livePictures = LivePictures()
    var states: [String: NotebookRunState] = [:]
    var shuttingDown = false
    /// The number of the last multi-cell run that stops at the first failure (`QueuedCell.batch`).
    var lastBatch = 0
    /// Follows the executor's ended sessions (`watchEndedSessionsIfNeeded`).
    var sessionWatcher: Task<Void, Never>?

    /// Creates a coordinator over a store and an executor.
    public init(store: NotebookStore, executor: any CellExecutor) {
        self.store = store
        self.executor = executor
        self.names = NameCache()
    }

    init(store: NotebookStore, executor: any CellExecutor, names: NameCache) {
        self.store = store
        self.executor = executor
        self.names = names
    }

    /// Queues cells (id and source, in order); cells already queued or running are skipped. Returns the
    /// ids queued.
    ///
    /// With `stopsOnError` the cells form one run that stops, as Jupyter's "Run all" and `convbook run`
    /// do, at the first cell that raises or whose kernel dies: the cells of this run still queued then
    /// are not run (a `stopped` event names them). Without it each cell runs whatever happens to others.
    func enqueue(
        notebookID: String, cells: [NotebookRunState.QueuedCell], stopsOnError: Bool = false
    ) -> [String] {
        guard !shuttingDown else { return [] }
        watchEndedSessionsIfNeeded()
        var state = states[notebookID] ?? NotebookRunState()
        var queued: [String] = []
        var batch: Int?
        if stopsOnError {
            lastBatch += 1
            batch = lastBatch
        }
        // The offer to run the rest of a stopped run lasts until another multi-cell run or one of those cells.
        let notRun = Set(state.lastStop?.objectValue?["cellIds"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        if stopsOnError || cells.contains(where: { notRun.contains($0.id) }) { state.lastStop = nil }
        for var cell in cells
        where state.running?.id != cell.id && !state.queue.contains(where: { $0.id == cell.id }) {
            cell.batch = batch
            state.queue.append(cell)
            queued.append(cell.id)
            state.publish(Self.statusEvent(cell.id, .queued))
        }
        states[notebookID] = state
        responses.runStateChanged(notebookID)
        if state.worker == nil, !state.queue.isEmpty {
            states[notebookID]?.worker = Task { await self.drain(notebookID) }
        }
        return queued
    }

    /// Stops the running cell and drops the queued ones.
    func interrupt(notebookID: String) async {
        cancelQueue(notebookID)
        await executor.interrupt(notebookID: notebookID)
    }

    /// Drops the queue and gives the notebook a fresh session; nothing is stale any more.
    func restart(notebookID: String) async {
        cancelQueue(notebookID)
        await executor.restart(notebookID: notebookID)
        states[notebookID]?.stale.reset()
        states[notebookID]?.sessionEnd = nil
        states[notebookID]?.lastStop = nil
        states[notebookID]?.lastStatus = [:]
        states[notebookID]?.publish(ServerEvent("kernel", JSONIO.object([("state", "restarted")])))
        let nothingStale = StaleJSON.event([:], order: [])
        states[notebookID]?.publish(ServerEvent("stale", nothingStale))
        states[notebookID]?.lastStaleSent = nothingStale
        responses.runStateChanged(notebookID)
    }

    /// Forgets a deleted notebook: its session ends and its event streams close.
    func forget(notebookID: String) async {
        cancelQueue(notebookID)
        await executor.stop(notebookID: notebookID)
        for subscriber in states[notebookID]?.subscribers.values ?? [:].values { subscriber.finish() }
        states[notebookID] = nil
        responses.runStateChanged(notebookID)
    }

    /// The ids queued or running, in order.
    func queue(notebookID: String) -> [String] {
        guard let state = states[notebookID] else { return [] }
        return (state.running.map { [$0.id] } ?? []) + state.queue.map(\.id)
    }

    /// Each cell's status (`idle` when none) and the stale and superseded cells' marks, for showing a notebook.
    func presentation(notebookID: String, cells: [StaleTracker.CellState]) -> (
        status: [String: String], marks: [String: StaleTracker.Mark]
    ) {
        let state = states[notebookID] ?? NotebookRunState()
        var status: [String: String] = [:]
        for cell in cells { status[cell.id] = state.status(of: cell.id) }
        return (status, state.stale.marks(cells))
    }

    /// What "Run stale" would run now (`StaleTracker.rerunPlan`).
    func rerunPlan(notebookID: String, cells: [StaleTracker.CellState]) -> StaleTracker.RerunPlan {
        (states[notebookID] ?? NotebookRunState()).stale.rerunPlan(cells)
    }

    /// Interrupts everything, waits (up to `grace`) for running cells to end and save, then stops the
    /// executor and closes every event stream.
    public func shutdown(grace: Duration = .seconds(3)) async {
        shuttingDown = true
        sessionWatcher?.cancel()
        let ids = Array(states.keys)
        for id in ids {
            cancelQueue(id)
            await executor.interrupt(notebookID: id)
        }
        let workers = states.values.compactMap(\.worker)
        let waiting = Task {
            for worker in workers { await worker.value }
        }
        let deadline = ContinuousClock.now + grace
        while !workers.isEmpty, ContinuousClock.now < deadline {
            if states.values.allSatisfy({ $0.worker == nil }) { break }
            try? await Task.sleep(for: .milliseconds(20))
        }
        waiting.cancel()
        await executor.shutdown()
        for state in states.values {
            for subscriber in state.subscribers.values { subscriber.finish() }
        }
    }

    private func cancelQueue(_ notebookID: String) {
        guard var state = states[notebookID] else { return }
        for cell in state.queue {
            state.lastStatus[cell.id] = .interrupted
            state.publish(Self.statusEvent(cell.id, .interrupted))
        }
        state.queue = []
        states[notebookID] = state
        responses.runStateChanged(notebookID)
    }

    /// A `status` event.
    static func statusEvent(
        _ cellID: String, _ status: CellRunStatus, executionCount: Int? = nil, elapsedMilliseconds: Double? = nil
    ) -> ServerEvent {
        var members: [(String, JSONValue)] = [("cellId", .string(cellID)), ("status", .string(status.rawValue))]
        if let executionCount { members.append(("executionCount", JSONIO.number(executionCount))) }
        if let elapsedMilliseconds { members.append(("elapsedMs", .number(elapsedMilliseconds.rounded()))) }
        return ServerEvent("status", JSONIO.object(members))
    }
}
