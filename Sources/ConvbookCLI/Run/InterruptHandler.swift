import Dispatch
import Foundation
import Synchronization

/// Turns Ctrl-C (SIGINT) into a cooperative interrupt of the running cell while it is installed.
///
/// The first Ctrl-C calls `onInterrupt` (the run stops after the running cell and what ran is still written);
/// a second one exits at once with status 3, for a run that does not stop.
final class InterruptHandler: Sendable {
    // `DispatchSourceSignal` is not declared `Sendable`; it is only created here and cancelled in `cancel()`.
    private nonisolated(unsafe) let source: any DispatchSourceSignal

    /// Installs the handler.
    init(onInterrupt: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let count = InterruptCount()
        source.setEventHandler {
            if count.increment() == 1 {
                FileHandle.standardError.write(
                    Data("\nconvbook run: interrupting (Ctrl-C again to quit at once)\n".utf8))
                onInterrupt()
            } else {
                FileHandle.standardError.write(
                    Data("\nconvbook run: interrupted again; quitting without writing\n".utf8))
                exit(3)
            }
        }
        source.resume()
    }

    /// Removes the handler and restores Ctrl-C's default action.
    func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}

/// How many times Ctrl-C was pressed (events arrive on a serial dispatch source, but count atomically anyway).
private final class InterruptCount: Sendable {
    private let value = Mutex(0)

    func increment() -> Int {
        value.withLock { count in
            count += 1
            return count
        }
    }
}
