/// A message from the server to a kernel process.
///
/// `run` numbers are chosen by the parent, unique per kernel process; they tie an interrupt to the
/// run it is meant for, so an interrupt that arrives while its cell is still starting is not lost
/// and one that arrives late cannot stop the next cell.
public enum KernelRequest: Sendable, Equatable {
    /// Run a cell's code as run `run`.
    case execute(run: Int, CellRun)
    /// Stop run `run` (if it is queued or running) with `KeyboardInterrupt`.
    case interrupt(run: Int)
    /// List the session's variables; answered by ``KernelMessage/variables(request:_:)``.
    case variables(request: Int)
    /// Draw a tensor variable; answered by ``KernelMessage/heatmap(request:png:)``.
    case variableHeatmap(request: Int, name: String)
    /// Complete the code at `cursor` (Unicode code points); answered by ``KernelMessage/completions(request:_:)``.
    case complete(request: Int, code: String, cursor: Int)
    /// Describe the name at `cursor`; answered by ``KernelMessage/inspection(request:_:)``.
    case inspect(request: Int, code: String, cursor: Int, detailLevel: Int)
    /// Exit now.
    case shutdown
}
