import Synchronization

/// Limits that make a runaway cell harmless.
public struct ExecutionLimits: Sendable {
    /// The deepest call nesting before `RecursionError` (Python's default is 1000; ours is lower
    /// so that a debug build on the evaluator thread never overflows its native stack).
    public var maximumRecursionDepth: Int = 400
    /// Wall-clock limit for one cell; `nil` for none. Exceeding it raises `TimeoutError`.
    public var timeLimit: Duration? = nil
    /// The most text a cell may print; the rest is replaced by a truncation marker.
    public var maximumOutputBytes: Int = 1_000_000

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
