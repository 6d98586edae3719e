import Dispatch
import Foundation
import Synchronization

/// Calls `onShutdown` once on the first SIGINT or SIGTERM; a second signal exits at once (status 130).
final class ShutdownSignals: Sendable {
    // `DispatchSourceSignal` is not `Sendable`; the sources are only created here and cancelled in `cancel()`.
    private nonisolated(unsafe) let sources: [any DispatchSourceSignal]

    init(onShutdown: @escaping @Sendable () -> Void) {
        let fired = SignalCount()
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if fired.increment() == 1 {
                    FileHandle.standardError.write(
                        Data("\nconvbook serve: shutting down (interrupting running cells)\n".utf8))
                    onShutdown()
                } else {
                    exit(130)
                }
            }
            source.resume()
            return source
        }
    }

    /// Removes the handlers.
    func cancel() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}

private final class SignalCount: Sendable {
    private let value = Mutex(0)

    func increment() -> Int {
        value.withLock { count in
            count += 1
            return count
        }
    }
}
