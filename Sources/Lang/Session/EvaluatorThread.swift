import Foundation

/// Runs a cell's evaluation on a thread with a large stack, and waits for that thread to end.
///
/// Two things Foundation's `Thread` does not give: a refused thread is reported (the 512 MB stack may
/// not fit under a process's `RLIMIT_AS`, and the caller would otherwise wait forever), and the
/// thread is joined, so its stack is unmapped before the next cell asks for one — two stacks alive at
/// once could exhaust a tight address-space limit.
enum EvaluatorThread {
    /// Runs `body` on a new thread with the given stack size and returns once the thread has ended;
    /// `false` if the thread could not be started (then `body` did not run).
    static func run(stackSize: Int, _ body: @escaping @Sendable () -> Void) -> Bool {
        var attributes = pthread_attr_t()
        guard pthread_attr_init(&attributes) == 0 else { return false }
        defer { pthread_attr_destroy(&attributes) }
        guard pthread_attr_setstacksize(&attributes, stackSize) == 0 else { return false }
        let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(
            &thread, &attributes,
            { raw in
                guard let raw else { return nil }
                Unmanaged<ThreadBody>.fromOpaque(raw).takeRetainedValue().body()
                return nil
            }, context)
        guard status == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            return false
        }
        pthread_join(thread, nil)
        return true
    }
}

/// The closure handed to the new thread.
private final class ThreadBody: Sendable {
    let body: @Sendable () -> Void
    init(_ body: @escaping @Sendable () -> Void) { self.body = body }
}
