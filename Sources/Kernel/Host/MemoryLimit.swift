import Foundation
import Tensors

/// The address-space cap (`RLIMIT_AS`) of the kernel process.
///
/// Under it a tensor whose storage would not fit is refused by the engine with `MemoryError`
/// (``AddressSpace/isGuarded``), and lists, dicts and strings by the session's memory budget. An
/// allocation past the cap that neither foresees still kills the kernel; the server sees the
/// death and restarts it, and the server process itself is untouched.
enum MemoryLimit {
    /// Sets both the soft and the hard limit and turns on the engine's check; `false` if the
    /// system refused.
    static func apply(bytes: Int) -> Bool {
        guard bytes > 0 else { return false }
        var limit = rlimit(rlim_cur: rlim_t(bytes), rlim_max: rlim_t(bytes))
        guard setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0 else { return false }
        AddressSpace.isGuarded = true
        return true
    }
}
