import Dispatch
import Foundation
import Synchronization

/// Catches a few signals while it is installed: the first one calls `onFirst` (a cooperative stop); any
/// later one calls `onRepeat` and quits at once with `quitStatus`, for a process that does not stop.
///
/// ```swift
/// let signals = SignalHandler([SIGINT, SIGTERM], quitStatus: 130) { stop() }
/// defer { signals.cancel() }
/// ```
final class SignalHandler: Sendable {
    // `DispatchSourceSignal` is not `Sendable`; the sources are only created here and cancelled in `cancel()`.
    private nonisolated(unsafe) let sources: [any DispatchSourceSignal]
    private let signals: [Int32]

    /// Installs handlers for `signals`, ignoring their default actions until ``cancel()``.
    init(
        _ signals: [Int32], quitStatus: Int32, onFirst: @escaping @Sendable () -> Void,
        onRepeat: @escaping @Sendable () -> Void = {}
    ) {
        self.signals = signals
        let count = SignalCount()
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                guard count.increment() > 1 else { return onFirst() }
                onRepeat()
                exit(quitStatus)
            }
            source.resume()
            return source
        }
    }

    /// Removes the handlers and restores the signals' default actions.
    func cancel() {
        for source in sources { source.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
}

/// How many signals arrived (events come on dispatch sources, possibly several at once: counted atomically).
private final class SignalCount: Sendable {
    private let value = Mutex(0)

    func increment() -> Int {
        value.withLock { count in
            count += 1
            return count
        }
    }
}
