/// Hooks a host passes to ``Session/run(_:showsEveryResult:observer:)`` to follow a cell as it runs.
///
/// Both are called on the session's evaluator thread, in order, while the cell runs, so they should
/// hand their work off quickly (e.g. write a frame to a pipe).
///
/// ```swift
/// let observer = CellObserver(started: {}, output: { output in stream(output) })
/// session.run(Source.cell(1, text: "for i in range(3): print(i)"), observer: observer)
/// ```
public struct CellObserver: Sendable {
    /// Called once the cell has begun, after the session cleared the previous cell's interrupt
    /// request: a host that was asked to interrupt this cell before it began sets the flag again here.
    public var started: @Sendable () -> Void
    /// Called with each output as soon as it exists: complete printed lines, figures, the result.
    public var output: @Sendable (CellOutput) -> Void

    /// Creates an observer from its two hooks.
    public init(started: @escaping @Sendable () -> Void = {}, output: @escaping @Sendable (CellOutput) -> Void) {
        self.started = started
        self.output = output
    }
}
