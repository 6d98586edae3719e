import Diagnostics
import Notebook

/// What happens to one cell run, in order: `started`, any number of `output`s, then `finished`
/// (a run refused or cancelled before it began gets only its error output, if any, and `finished`).
public enum KernelEvent: Sendable, Equatable {
    /// The kernel began the cell; `executionCount` is its `In [n]` number in this session.
    case started(cellID: String, executionCount: Int)
    /// An output, as soon as the kernel produced it.
    case output(cellID: String, CellOutput)
    /// A change to the outputs so far: `clear_output`, or a live display redrawn in place (at most every
    /// ~100 ms per display, always ending with its last drawing).
    case change(cellID: String, OutputChange)
    /// The run ended; `elapsedMilliseconds` is its wall-clock time (0 if it never started).
    case finished(cellID: String, status: CellRunStatus, elapsedMilliseconds: Double)
}

extension CellOutput {
    /// The output a cell gets when its kernel process dies under it.
    static func kernelDied(_ reason: String) -> CellOutput {
        .error(
            name: .kernelDied, value: KernelManager.kernelDiedMessage,
            traceback: ["\(ExceptionName.kernelDied): \(KernelManager.kernelDiedMessage) (\(reason))"])
    }
}
