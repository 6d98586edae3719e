import Foundation
import Notebook

/// Sends a running cell's outputs to the parent, merging printed lines that follow each other
/// within a few milliseconds into one `stream` output.
///
/// A loop printing a million lines becomes a few hundred frames rather than a million, while a
/// line printed before a long computation still reaches the page after at most ``delay``.
final class StreamCoalescer: @unchecked Sendable {
    // `@unchecked Sendable`: every stored property is read and written only with `condition` locked.
    private let condition = NSCondition()
    private let writer: FrameWriter
    private var run = 0
    private var pending = ""
    private var lastSend = ContinuousClock.now
    /// The longest a printed line waits before it is sent.
    static let delay = Duration.milliseconds(15)
    /// Pending text above this size is sent at once.
    static let maximumPendingBytes = 32 << 10

    init(writer: FrameWriter) {
        self.writer = writer
        let thread = Thread { [self] in flushLoop() }
        thread.name = "kernel stream flusher"
        thread.start()
    }

    /// Adds text printed by run `run`.
    func append(_ text: String, run: Int) {
        condition.withLock {
            if run != self.run { flushLocked() }
            self.run = run
            pending += text
            if pending.utf8.count >= StreamCoalescer.maximumPendingBytes
                || ContinuousClock.now - lastSend >= StreamCoalescer.delay
            {
                flushLocked()
            } else {
                condition.signal()
            }
        }
    }

    /// Sends an output of run `run` after the text printed before it.
    func send(_ output: CellOutput, run: Int) {
        condition.withLock {
            flushLocked()
            writer.send(KernelMessage.output(run: run, output).payload)
            lastSend = ContinuousClock.now
        }
    }

    /// Sends a change to run `run`'s outputs (`clear_output`, a redrawn display) after the text printed before it.
    func send(_ change: OutputChange, run: Int) {
        condition.withLock {
            flushLocked()
            writer.send(KernelMessage.change(run: run, change).payload)
            lastSend = ContinuousClock.now
        }
    }

    /// Sends any pending text now (at the end of a cell).
    func flush() {
        condition.withLock { flushLocked() }
    }

    private func flushLocked() {
        guard !pending.isEmpty else { return }
        writer.send(KernelMessage.output(run: run, .stream(.stdout, text: pending)).payload)
        pending = ""
        lastSend = ContinuousClock.now
    }

    /// Wakes when text is pending and sends it once it has waited ``delay``.
    private func flushLoop() {
        condition.lock()
        while true {
            while pending.isEmpty { condition.wait() }
            let due = lastSend + StreamCoalescer.delay
            let now = ContinuousClock.now
            if now < due {
                let seconds = Double((due - now).components.attoseconds) / 1e18 + Double((due - now).components.seconds)
                _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
                continue
            }
            flushLocked()
        }
    }
}
