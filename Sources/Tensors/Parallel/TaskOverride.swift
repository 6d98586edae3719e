import Synchronization

/// A value that one task (and the tasks it starts) can set for itself in place of a process-wide
/// setting: the engine's thread count (``Parallel/withThreadCount(_:_:)``) and the fusion switches
/// (``FusionSwitch``), which tests running side by side each need at their own value.
///
/// Reading a task-local costs about 40–50 ns (a lookup through the task's bindings; measured with a
/// 20-million-read loop, `-O`); a count of the bindings alive anywhere in the process gates it, so
/// while no task overrides anything (the server, the benchmarks) a read is two relaxed atomic loads,
/// about 5 ns. The engine reads these settings once per operation on the calling thread, not per item.
final class TaskOverride<Value: Sendable>: Sendable {
    private let value = TaskLocal<Value?>(wrappedValue: nil)
    /// How many ``with(_:_:)`` calls are running, in any task.
    private let bindings = Atomic<Int>(0)

    init() {}

    /// The calling task's value, or `nil` when it runs inside no ``with(_:_:)``.
    var current: Value? {
        bindings.load(ordering: .acquiring) == 0 ? nil : value.get()
    }

    /// Runs `body` with ``current`` reading `newValue` on this task and the tasks it starts.
    func with<T>(_ newValue: Value, _ body: () throws -> T) rethrows -> T {
        bindings.wrappingAdd(1, ordering: .releasing)
        defer { bindings.wrappingSubtract(1, ordering: .releasing) }
        return try value.withValue(newValue) { try body() }
    }

    /// ``with(_:_:)`` for an asynchronous body.
    func with<T>(_ newValue: Value, _ body: () async throws -> T) async rethrows -> T {
        bindings.wrappingAdd(1, ordering: .releasing)
        defer { bindings.wrappingSubtract(1, ordering: .releasing) }
        return try await value.withValue(newValue) { try await body() }
    }
}
