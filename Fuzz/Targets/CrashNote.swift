#if canImport(Glibc)
    import Glibc
#endif

/// Remembers the input being run so that, if it traps, the input is written to standard error before
/// the process dies: a generated input that crashes the fuzz test can then be copied into a regression
/// file. libFuzzer saves its own crash files; this is for the in-process fuzz test.
///
/// The handler only calls `write(2)` and `sigaction(2)` (async-signal-safe), then restores the previous
/// handler and returns, so the trapping instruction runs again and Swift's own crash report follows.
public enum CrashNote {
    private static let capacity = 1 << 20
    nonisolated(unsafe) private static let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    nonisolated(unsafe) private static var length = 0
    nonisolated(unsafe) private static var previous: [Int32: sigaction] = [:]
    nonisolated(unsafe) private static var installed = false
    /// Where the crashing input is written, prepared before any signal (no allocation in the handler).
    nonisolated(unsafe) private static var crashFile: [CChar] = []

    /// Installs the handlers once (SIGILL and SIGTRAP from Swift traps, SIGSEGV and SIGBUS from stack
    /// overflows) and gives the calling thread a separate signal stack, so that a stack overflow can still be
    /// reported; call on the thread that runs the inputs. Not thread-safe: one fuzz loop per process.
    public static func install() {
        #if canImport(Glibc)
            let stackSize = 1 << 16
            var alternate = stack_t()
            alternate.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: stackSize, alignment: 16)
            alternate.ss_size = stackSize
            alternate.ss_flags = 0
            sigaltstack(&alternate, nil)
        #endif
        guard !installed else { return }
        installed = true
        crashFile = Array("/tmp/convbook-fuzz-crash-\(getpid()).bin".utf8CString)
        #if canImport(Glibc)
            for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS] {
                var action = sigaction()
                action.__sigaction_handler.sa_handler = { signal in CrashNote.report(signal) }
                sigemptyset(&action.sa_mask)
                action.sa_flags = Int32(SA_ONSTACK)
                var old = sigaction()
                sigaction(signal, &action, &old)
                previous[signal] = old
            }
        #endif
    }

    /// Keeps a copy of `bytes` (up to 1 MiB) as the input now running.
    public static func running(_ bytes: [UInt8]) {
        let count = min(bytes.count, capacity)
        bytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { buffer.update(from: base, count: count) }
        }
        length = count
    }

    private static func report(_ signal: Int32) {
        #if canImport(Glibc)
            let descriptor = crashFile.withUnsafeBufferPointer {
                open($0.baseAddress!, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            }
            if descriptor >= 0 {
                _ = write(descriptor, buffer, length)
                close(descriptor)
            }
            let header = Array("\n=== the fuzz input that crashed is in ".utf8)
            header.withUnsafeBufferPointer { _ = write(2, $0.baseAddress, $0.count) }
            crashFile.withUnsafeBufferPointer { _ = write(2, $0.baseAddress, $0.count - 1) }
            let middle = Array("; it starts with:\n".utf8)
            middle.withUnsafeBufferPointer { _ = write(2, $0.baseAddress, $0.count) }
            _ = write(2, buffer, min(length, 300))
            let footer = Array("\n===\n".utf8)
            footer.withUnsafeBufferPointer { _ = write(2, $0.baseAddress, $0.count) }
            if var old = previous[signal] {
                sigaction(signal, &old, nil)
            } else {
                var defaultAction = sigaction()
                sigaction(signal, &defaultAction, nil)
            }
        #endif
    }
}
