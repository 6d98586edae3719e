import Foundation
import Lang
import Notebook
import Runner

/// Sends the redraws of live displays (`update_display`, a training curve's new points) to the parent at
/// most once per ``interval`` per display, always the latest, and draws only the ones it sends.
///
/// A loop that redraws a figure 1,000 times a second hands each redraw over in a few hundred nanoseconds
/// (the figure is kept, replacing any kept before); a thread of its own draws the PNG and sends it once the
/// display's interval has passed since its last drawing went out. So the pipe, the server and the page see
/// about ten redraws a second per display, the evaluator never waits for a drawing, and an interrupt stops
/// the loop as promptly as any other. ``flush()`` sends whatever is kept at once: at the end of a cell (so
/// the last drawing always goes out), and before a clear or a new display under a kept id (so nothing
/// older lands after it).
final class LiveDisplayThrottle: @unchecked Sendable {
    // `@unchecked Sendable`: every stored property is read and written only with `condition` locked.
    private let condition = NSCondition()
    private let send: @Sendable (OutputChange, Int) -> Void
    private let clock: @Sendable () -> ContinuousClock.Instant
    /// The latest redraw of each display not sent yet, by display id.
    private var pending: [String: (content: DisplayContent, run: Int)] = [:]
    /// When each display's last drawing (first showing or redraw) went out.
    private var lastSent: [String: ContinuousClock.Instant] = [:]
    /// The display whose redraw the flusher thread is drawing now, and whether ``flush()`` has since taken
    /// a newer drawing of it (then the one being drawn is dropped, not sent after the newer one).
    private var drawing: (id: String, superseded: Bool)?
    /// How many redraws were handed over and how many were sent.
    private var counts = (received: 0, sent: 0)

    /// The least time between two drawings of one display sent to the parent.
    static let interval = Duration.milliseconds(100)

    /// Creates a throttle that hands each redraw to `send` (drawn, with its run) from its own thread or
    /// from the caller of ``flush()``.
    init(
        clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now },
        send: @escaping @Sendable (OutputChange, Int) -> Void
    ) {
        self.clock = clock
        self.send = send
        let thread = Thread { [self] in drawLoop() }
        thread.name = "kernel live display drawer"
        thread.start()
    }

    /// Notes that a display under `id` was just shown, so its first redraw waits out the interval too.
    func shown(id: String) {
        condition.withLock { lastSent[id] = clock() }
    }

    /// Keeps `content` as the latest redraw of display `id` by run `run`, to be drawn and sent when due.
    func update(_ content: DisplayContent, id: String, run: Int) {
        condition.withLock {
            pending[id] = (content, run)
            counts.received += 1
            condition.signal()
        }
    }

    /// How many redraws were handed over and how many were drawn and sent so far.
    var statistics: (received: Int, sent: Int) {
        condition.withLock { counts }
    }

    /// Whether a redraw of `id` is kept, not sent yet.
    func isPending(id: String) -> Bool {
        condition.withLock { pending[id] != nil }
    }

    /// Draws and sends every kept redraw now, on the calling thread; returns once the last drawing of every
    /// display is on its way. A redraw the flusher thread is drawing meanwhile is waited for, unless this
    /// call sends a newer drawing of the same display (then that one is dropped, so an interrupted loop
    /// waits for one drawing, not two).
    func flush() {
        let due: [(id: String, content: DisplayContent, run: Int)] = condition.withLock {
            let now = clock()
            let taken = pending.map { (id: $0.key, content: $0.value.content, run: $0.value.run) }
            pending.removeAll()
            for item in taken { lastSent[item.id] = now }
            if let current = drawing, taken.contains(where: { $0.id == current.id }) {
                drawing?.superseded = true
            }
            counts.sent += taken.count
            return taken
        }
        for item in due { send(Self.redraw(item.content, id: item.id), item.run) }
        condition.withLock {
            while let current = drawing, !current.superseded { condition.wait() }
        }
    }

    /// The flusher: waits for the earliest due redraw, draws it outside the lock and sends it.
    private func drawLoop() {
        condition.lock()
        while true {
            guard let next = nextDue() else {
                condition.wait()
                continue
            }
            let now = clock()
            if next.due > now {
                let wait = next.due - now
                let seconds = Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18
                _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
                continue
            }
            guard let item = pending.removeValue(forKey: next.id) else { continue }
            drawing = (next.id, false)
            condition.unlock()
            let redraw = Self.redraw(item.content, id: next.id)
            condition.lock()
            // Sent with the lock held, so a flush that takes a newer drawing either comes after this send
            // or drops this drawing: an older drawing never lands after a newer one.
            if drawing?.superseded == false {
                send(redraw, item.run)
                lastSent[next.id] = clock()
                counts.sent += 1
            }
            drawing = nil
            condition.broadcast()
        }
    }

    /// The kept redraw that is due first, with when it is due (lock held).
    private func nextDue() -> (id: String, due: ContinuousClock.Instant)? {
        var best: (id: String, due: ContinuousClock.Instant)?
        for id in pending.keys {
            let due = lastSent[id].map { $0 + Self.interval } ?? clock()
            if let current = best, current.due <= due { continue }
            best = (id, due)
        }
        return best
    }

    /// A redraw as the change sent: the display drawn under its id.
    private static func redraw(_ content: DisplayContent, id: String) -> OutputChange {
        .update(id: id, CellOutputConversion.display(content, displayID: id))
    }
}
