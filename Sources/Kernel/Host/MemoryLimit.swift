import Foundation

/// The address-space cap (`RLIMIT_AS`) of the kernel process.
///
/// A cell that allocates past it gets a failed allocation, which kills the kernel; the server sees the
/// death and restarts it, and the server process itself is untouched.
enum MemoryLimit {
    /// Sets both the soft and the hard limit; `false` if the system refused.
    static func apply(bytes: Int) -> Bool {
        guard bytes > 0 else { return false }
        var limit = rlimit(rlim_cur: rlim_t(bytes), rlim_max: rlim_t(bytes))
        return setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0
    }

    /// The address space the process takes now, what the cap counts (the first field of
    /// `/proc/self/statm`, in pages); `nil` where that file cannot be read.
    static func addressSpaceInUse() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
            let field = text.split(separator: " ").first, let pages = Int(field)
        else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
