import Foundation
import Hummingbird
import Kernel
import Notebook

/// What the server knows about one notebook's runs: the queue, the running cell, last statuses,
/// staleness and the connected event streams. Owned by `ExecutionCoordinator`.
struct NotebookRunState {
    /// A cell waiting to run, with the source it will run.
    struct QueuedCell: Sendable {
        /// The cell and its code, as the executor gets them.
        var cell: CellRun
        /// The multi-cell run ("Run all", …) the cell belongs to, whose cells still queued are dropped
        /// when one of them raises or its kernel dies; `nil` for a cell run on its own (Shift+Enter),
        /// which no other cell's failure cancels.
        var batch: Int? = nil

        /// The cell's id.
        var id: String { cell.cellID }
    }

    /// The cell running now and what it produced so far.
    struct RunningCell {
        /// The cell as it was queued.
        var queued: QueuedCell
        var executionCount: Int?
        var started: ContinuousClock.Instant
        var startDate: Date
        /// The outputs so far, with clears and redraws of live displays applied (each display in its
        /// latest drawing, which is what a page opened now shows and what is saved).
        var list = OutputList()
        /// Whether a redraw replaced a picture, which the store then no longer needs once the cell is saved.
        var replacedPictures = false
        /// Set when the final save has begun: a scheduled interim save must not land after it.
        var isFinishing = false

        /// The outputs so far.
        var outputs: [CellOutput] { list.outputs }
        /// The cell's id.
        var id: String { queued.id }
        /// The multi-cell run it belongs to (`QueuedCell.batch`).
        var batch: Int? { queued.batch }
    }

    var queue: [QueuedCell] = []
    var running: RunningCell?
    var worker: Task<Void, Never>?
    /// Whether a save of the running cell's outputs is already on its way.
    var outputSaveScheduled = false
    /// The last status of every cell that was queued since the session started.
    var lastStatus: [String: CellRunStatus] = [:]
    var stale = StaleTracker()
    /// The payload of the last `stale` event sent (`nil`: send the next one whatever it is).
    var lastStaleSent: JSONValue?
    var subscribers: [UUID: AsyncStream<ByteBuffer>.Continuation] = [:]
    /// The `kernel` event of a session that ended unasked, repeated in snapshots until the next run or
    /// restart.
    var sessionEnd: JSONValue?
    /// The last `stopped` event, repeated in snapshots (so a page that reconnects still offers "run the
    /// rest anyway") until the next run is queued or the session restarts.
    var lastStop: JSONValue?

    /// The status a cell shows (`idle` when it has none).
    func status(of cellID: String) -> String {
        if running?.id == cellID { return CellRunStatus.running.rawValue }
        if queue.contains(where: { $0.id == cellID }) { return CellRunStatus.queued.rawValue }
        return lastStatus[cellID]?.rawValue ?? "idle"
    }

    /// Sends an event to every connected stream.
    func publish(_ event: ServerEvent) {
        guard !subscribers.isEmpty else { return }
        let bytes = ByteBuffer(string: event.frame)
        for subscriber in subscribers.values { subscriber.yield(bytes) }
    }
}
