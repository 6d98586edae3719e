import Notebook

import struct Lang.CompletionMatches
import struct Lang.Inspection
import struct Lang.SessionVariable

/// A message from a kernel process to the server.
public enum KernelMessage: Sendable, Equatable {
    /// The kernel is up and reading requests.
    case ready(processID: Int32)
    /// Run `run` began; `executionCount` is the session's count, as Jupyter's `In [n]`.
    case started(run: Int, cellID: String, executionCount: Int)
    /// An output of run `run`, sent as soon as it was produced (printed lines are coalesced briefly).
    case output(run: Int, CellOutput)
    /// A change to the outputs so far: `clear_output`, or a live display redrawn in place (the latest
    /// drawing of each display is sent at most every ``LiveDisplayThrottle/interval``).
    case change(run: Int, OutputChange)
    /// Run `run` ended.
    case finished(run: Int, status: CellRunStatus, elapsedMilliseconds: Double)
    /// The answer to ``KernelRequest/variables(request:)``: the session's variables, or (with `asOf`, while
    /// a cell runs) those taken after the cell `In [asOf]` finished.
    case variables(request: Int, [SessionVariable], asOf: Int? = nil)
    /// The answer to ``KernelRequest/variableHeatmap(request:name:)``: a PNG, or `nil` when the name
    /// is not a drawable tensor.
    case heatmap(request: Int, png: [UInt8]?)
    /// The answer to ``KernelRequest/complete(request:code:cursor:)``.
    case completions(request: Int, CompletionMatches)
    /// The answer to ``KernelRequest/inspect(request:code:cursor:detailLevel:)``: `nil` when the cursor
    /// is on no known name.
    case inspection(request: Int, Inspection?)
    /// A request could not be answered (e.g. the session is busy running a cell).
    case failure(request: Int, message: String)
    /// The kernel received a frame it could not understand.
    case protocolError(message: String)
}
