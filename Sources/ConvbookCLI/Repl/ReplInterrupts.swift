import Dispatch
import Foundation
import Lang
import Synchronization

/// Ctrl-C at the REPL: while a statement runs it raises `KeyboardInterrupt` in the session (which
/// keeps its variables); at a prompt it wakes the line editor, which abandons the line.
final class ReplInterrupts: Sendable {
    private struct State {
        var running = false
        var requested = false
    }

    /// The state, shared with the signal handler.
    private final class SharedState: Sendable {
        let mutex = Mutex(State())
    }

    // `DispatchSourceSignal` is not declared `Sendable`; it is only created here and cancelled in `cancel()`.
    private nonisolated(unsafe) let source: any DispatchSourceSignal
    private let state = SharedState()
    private let session: Session

    /// Takes over SIGINT; `waker` (the line editor's, when there is one) is woken at a prompt.
    init(session: Session, waker: Waker?) {
        self.session = session
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let state = state
        source.setEventHandler {
            let running = state.mutex.withLock { state in
                if state.running { state.requested = true }
                return state.running
            }
            if running { session.interrupt() } else { waker?.wake() }
        }
        source.resume()
    }

    /// Runs `body` as a running statement: Ctrl-C meanwhile interrupts the session.
    func running<Result>(_ body: () -> Result) -> Result {
        state.mutex.withLock { $0 = State(running: true, requested: false) }
        defer { state.mutex.withLock { $0 = State() } }
        return body()
    }

    /// Called once the cell began (the session clears its interrupt flag first): a Ctrl-C that came
    /// just before is applied again.
    func cellStarted() {
        if state.mutex.withLock({ $0.requested }) { session.interrupt() }
    }

    /// Gives SIGINT back its default action.
    func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
