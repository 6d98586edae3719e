import Foundation
import Synchronization

/// The process's address-space cap (`RLIMIT_AS`), as it bears on tensor storage.
///
/// Tensor storage is made of Swift arrays, and a Swift array whose allocation fails stops the
/// process. Under an address-space cap a failed allocation is a plain `malloc` returning `NULL`
/// (the cap counts reserved addresses, so overcommit never hides it), which can be asked for in
/// advance: when ``isGuarded`` is on, every new tensor of known size first allocates its bytes
/// with `malloc` and frees them (``admit(bytes:shape:)``; operations make their element buffers
/// through ``ElementBuffer``, which asks here first), and a refusal becomes a
/// ``TensorError`` of kind `.memory` (Python's `MemoryError`) before the array is made. The
/// allocation that follows at once reuses the space just freed. A host that sets a cap turns the
/// guard on, and it is on from the start in a process started under a cap (`ulimit -v`); without
/// one a probe would only cost time.
public enum AddressSpace {
    private static let guarded = Atomic<Bool>(limit() != nil)
    /// The address of the last probe's block: storing it makes the block escape, so the optimizer
    /// cannot drop the `malloc`/`free` pair as dead (the release build did, which left the guard
    /// checking nothing and a kernel at its cap stopping on a failed array allocation).
    private static let lastProbe = Atomic<Int>(0)

    /// Whether new tensors are checked against the cap before their storage is allocated.
    public static var isGuarded: Bool {
        get { guarded.load(ordering: .relaxed) }
        set { guarded.store(newValue, ordering: .relaxed) }
    }

    /// The cap in bytes; `nil` for none.
    public static func limit() -> Int? {
        var current = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &current) == 0, current.rlim_cur != rlim_t.max
        else { return nil }
        return Int(clamping: current.rlim_cur)
    }

    /// The address space the process takes now, what the cap counts (the first field of
    /// `/proc/self/statm`, in pages); `nil` where that file cannot be read.
    public static func inUse() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8),
            let field = text.split(separator: " ").first, let pages = Int(field)
        else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Throws a `.memory` ``TensorError`` when the guard is on and `bytes` for a tensor of
    /// `shape` cannot be allocated now.
    @inline(__always)
    static func admit(bytes: Int, shape: [Int]) throws(TensorError) {
        guard isGuarded, bytes > 0 else { return }
        try probe(bytes: bytes, shape: shape)
    }

    @inline(never)
    private static func probe(bytes: Int, shape: [Int]) throws(TensorError) {
        if let block = malloc(bytes) {
            lastProbe.store(Int(bitPattern: block), ordering: .relaxed)
            free(block)
            return
        }
        var message = "a tensor of shape \(formatShape(shape)) needs \(formatByteCount(bytes))"
        if let limit = limit() {
            message += ", more than is left under the memory limit of \(formatByteCount(limit))"
            if let used = inUse() { message += " (\(formatByteCount(used)) in use)" }
        } else {
            message += ", more than the system can allocate"
        }
        throw TensorError(.memory, message + "; delete tensors you no longer need (del x) or use smaller ones")
    }
}

/// `1 GiB`, `320 KiB`, `2.5 MiB`: a byte count in binary units, as messages print it.
public func formatByteCount(_ bytes: Int) -> String {
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    var value = Double(max(0, bytes))
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
        value /= 1024
        unit += 1
    }
    if unit == 0 { return "\(bytes) bytes" }
    let rounded = (value * 10).rounded() / 10
    return rounded == rounded.rounded() ? "\(Int(rounded)) \(units[unit])" : "\(rounded) \(units[unit])"
}
