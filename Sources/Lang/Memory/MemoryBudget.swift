import Tensors

/// The session's memory limit (``ExecutionLimits/maximumMemoryBytes``) applied to the data a
/// program builds: lists, dicts, sets, tuples and strings.
///
/// Sizes are estimated, never measured: a slot per item (``slotBytes``), the characters of a
/// string, a fixed overhead per entry of a dict. Lists, dicts and sets are *held*: each charges
/// its estimate here as it grows (``reserve(_:for:)``) and gives it back as it shrinks or dies
/// (``release(_:)``), so what the session keeps is known at every moment without walking
/// anything. What is not held (a new string or tuple, a list still being built) is checked
/// against what is left (``check(_:for:)``) before it is made. Either way a program growing
/// data past the limit gets `MemoryError` at the operation that grows it, and the session keeps
/// everything it had.
///
/// Not thread-safe: like the interpreter that owns it, it is only used under its session's lock.
final class MemoryBudget {
    /// The most bytes the session's data may take.
    let limit: Int
    /// What the session's lists, dicts and sets take now, by the estimate.
    private(set) var heldBytes = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Charges `bytes` for a list, dict or set that grows by them, or throws `MemoryError`
    /// (charging nothing) when they do not fit beside what is held.
    @inline(__always)
    func reserve(_ bytes: Int, for request: MemoryRequest) throws(PyError) {
        guard bytes <= limit - heldBytes else { throw refusal(bytes, request) }
        heldBytes += bytes
    }

    /// Charges `bytes` without a check: the few bytes of a new, empty dict or set.
    @inline(__always)
    func add(_ bytes: Int) {
        heldBytes += bytes
    }

    /// Gives back bytes charged by ``reserve(_:for:)`` or ``add(_:)``.
    @inline(__always)
    func release(_ bytes: Int) {
        heldBytes -= bytes
    }

    /// Throws `MemoryError` unless something of `bytes` that is not held (a string, a tuple, a
    /// list being built) fits beside what is held.
    @inline(__always)
    func check(_ bytes: Int, for request: MemoryRequest) throws(PyError) {
        guard bytes <= limit - heldBytes else { throw refusal(bytes, request) }
    }

    /// ``check(_:for:)`` for a size computed with overflow-checked arithmetic: `nil` when it
    /// overflowed, which is always too much.
    func check(_ bytes: Int?, for request: MemoryRequest) throws(PyError) {
        guard let bytes else { throw refusal(nil, request) }
        try check(bytes, for: request)
    }

    /// Whether something of `bytes` (`nil`: an overflowed size) fits beside what is held.
    func fits(_ bytes: Int?) -> Bool {
        guard let bytes else { return false }
        return bytes <= limit - heldBytes
    }

    /// Appends `part` to a string being built (formatting, joining), checking the result first.
    func append(_ part: String, to result: inout String) throws(PyError) {
        try check(result.utf8.count + part.utf8.count, for: .string)
        result += part
    }

    @inline(never)
    private func refusal(_ bytes: Int?, _ request: MemoryRequest) -> PyError {
        let size = bytes.map { " (about \(formatByteCount($0)))" } ?? ""
        let limitText = formatByteCount(limit)
        guard let bytes, bytes <= limit else {
            return PyError(
                .memoryError, "\(request.subject)\(size) is larger than the session's memory limit of \(limitText)")
        }
        return PyError(
            .memoryError,
            "\(request.subject)\(size) would take the session's data past its memory limit of \(limitText) "
                + "(its lists, dicts and sets hold about \(formatByteCount(heldBytes)))")
    }
}

/// What a program was making when the memory budget refused it, for the `MemoryError` message.
enum MemoryRequest {
    /// The kinds of container.
    enum Container: String {
        case list, tuple, dict, set
    }

    /// A new container of `count` items (`nil`: more than an `Int` counts).
    case new(Container, count: Int?)
    /// A list, dict or set growing to `count` items.
    case growing(Container, to: Int)
    /// A new string.
    case string

    /// The subject of the message: `a list of 10000 items`, `growing a dict to 5 entries`.
    var subject: String {
        switch self {
        case .new(let container, let count):
            let size = count.map { "\($0)" } ?? "more than \(Int.max)"
            return "a \(container.rawValue) of \(size) \(container.itemNoun)"
        case .growing(let container, let count):
            return "growing a \(container.rawValue) to \(count) \(container.itemNoun)"
        case .string:
            return "a string"
        }
    }
}

extension MemoryRequest.Container {
    fileprivate var itemNoun: String { self == .dict ? "entries" : "items" }
}
