/// A notebook's session that ended without anyone asking: its variables are gone, and the next run starts
/// a fresh one (`In [1]`). ``KernelManager/endedSessions`` reports them so the server can say so.
public struct EndedSession: Sendable, Equatable {
    /// Why the session ended.
    public enum Reason: Sendable, Equatable {
        /// Its kernel was stopped after being idle this long (``KernelConfiguration/idleTimeout``).
        case idle(Duration)
        /// Its kernel process exited while no cell was running (how, e.g. "killed by signal 9").
        case exited(String)
    }

    /// The notebook whose session ended.
    public var notebookID: String
    /// Why.
    public var reason: Reason

    /// Creates a report.
    public init(notebookID: String, reason: Reason) {
        self.notebookID = notebookID
        self.reason = reason
    }
}
