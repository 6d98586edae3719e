import Foundation

/// When a cell's last run started and ended.
///
/// In `.ipynb` files this lives in the cell's `metadata.execution` under JupyterLab's keys
/// (`iopub.execute_input` for the start, `shell.execute_reply` for the end), so Jupyter shows it too.
/// Times are kept to the millisecond, the precision they are written with.
public struct CellTiming: Sendable, Hashable, Codable {
    /// When the cell started running.
    public var start: Date
    /// When it finished, if it did.
    public var end: Date?

    /// Creates a timing; both dates are rounded to milliseconds.
    public init(start: Date, end: Date?) {
        self.start = start.roundedToMilliseconds
        self.end = end?.roundedToMilliseconds
    }

    /// How long the run took, if it finished.
    public var duration: TimeInterval? { end.map { $0.timeIntervalSince(start) } }
}

extension Date {
    /// The date rounded to whole milliseconds, the precision notebooks store.
    var roundedToMilliseconds: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
