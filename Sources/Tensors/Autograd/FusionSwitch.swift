import Synchronization

/// One fusion's on/off setting: process-wide for the benchmarks' A/Bs (`convbook bench train
/// --fusion off`), and overridable for one task (``with(_:_:)``) so that a test comparing fused
/// against unfused results does not switch the fusion off under the tests running beside it.
final class FusionSwitch: Sendable {
    private let processWide: Atomic<Bool>
    private let override = TaskOverride<Bool>()

    /// A switch that starts `on`.
    init(on: Bool = true) {
        processWide = Atomic(on)
    }

    /// The setting for the calling task: its override if it runs inside ``with(_:_:)``, else the
    /// process-wide one. Read once per operation.
    var isOn: Bool {
        override.current ?? processWide.load(ordering: .relaxed)
    }

    /// Sets the process-wide setting (not any task's override).
    func set(_ on: Bool) {
        processWide.store(on, ordering: .relaxed)
    }

    /// Runs `body` with ``isOn`` reading `on` on this task and the tasks it starts.
    func with<T>(_ on: Bool, _ body: () throws -> T) rethrows -> T {
        try override.with(on, body)
    }
}
