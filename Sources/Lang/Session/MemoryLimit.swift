import Foundation
import Tensors

/// The address-space cap (`RLIMIT_AS`) of a process that runs cells, such as a notebook's kernel.
///
/// Under it a tensor whose storage would not fit is refused by the engine with `MemoryError`
/// (`AddressSpace.isGuarded`), and lists, dicts and strings by the session's memory budget
/// (``ExecutionLimits/maximumMemoryBytes``). An allocation past the cap that neither foresees
/// still ends the process; a host that runs cells in a child process sees that and starts a new
/// one, and its own process is untouched.
public enum MemoryLimit {
    /// Sets both the soft and the hard limit of this process and turns on the engine's check;
    /// `false` if the system refused.
    public static func apply(bytes: Int) -> Bool {
        guard bytes > 0 else { return false }
        // OpenBLAS's buffers first: at a full cap it would wait for them forever (``BLASBuffers``).
        BLASBuffers.reserve()
        var limit = rlimit(rlim_cur: rlim_t(bytes), rlim_max: rlim_t(bytes))
        guard setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0 else { return false }
        AddressSpace.isGuarded = true
        return true
    }

    /// The address space this process takes now, what the cap counts; 0 where it cannot be read.
    public static func addressSpaceInUse() -> Int {
        AddressSpace.inUse() ?? 0
    }
}
