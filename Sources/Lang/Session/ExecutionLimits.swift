import Synchronization

/// Limits that make a runaway cell harmless.
public struct ExecutionLimits: Sendable {
    /// The deepest call nesting before `RecursionError` (Python's default, 1000). The evaluator
    /// thread's 512 MB stack holds 1000 frames with maximally nested expressions even in a debug
    /// build (measured: about 70 MB resident); `LimitsTests` checks it.
    public var maximumRecursionDepth: Int = 1000
    /// Wall-clock limit for one cell; `nil` for none. Exceeding it raises `TimeoutError`.
    public var timeLimit: Duration? = nil
    /// The most text a cell may print; the rest is replaced by a truncation marker.
    public var maximumOutputBytes: Int = 1_000_000
    /// The most memory the session's data may take: its lists, dicts and sets, and any new
    /// string or tuple, estimated from their sizes (a slot per item, the bytes of a string). A
    /// cell that would grow data past it gets `MemoryError` and the session keeps what it had.
    /// Tensors count against the engine's own cap (`TensorLimits.maxElements`) instead, and under
    /// an address-space cap against what is left of it (`AddressSpace`). A host
    /// with an address-space cap sets this well below it: the estimate leaves out the slack of
    /// growing arrays and the copies some operations make.
    public var maximumMemoryBytes: Int = 1 << 30

    /// The default limits.
    public init() {}
}

/// A flag another thread sets to stop the running cell (raises `KeyboardInterrupt` at the next
/// loop back-edge, call or long builtin).
public final class InterruptFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    /// Creates a cleared flag.
    public init() {}

    /// Requests an interrupt.
    public func set() { flag.store(true, ordering: .relaxed) }
    /// Clears the request (done when a cell starts).
    public func clear() { flag.store(false, ordering: .relaxed) }
    /// Whether an interrupt was requested.
    public var isSet: Bool { flag.load(ordering: .relaxed) }
}
