/// Where a cell run stands, as the server and the page show it.
public enum CellRunStatus: String, Sendable, Codable, Hashable, CaseIterable {
    /// Waiting behind other cells of the same notebook.
    case queued
    /// Being evaluated by the kernel.
    case running
    /// Ran to the end.
    case done
    /// Raised an exception.
    case error
    /// Stopped by an interrupt, or cancelled before it began (interrupt, restart, shutdown).
    case interrupted
    /// The kernel process died while running it (crash, memory limit, kill after the grace period).
    case died
}
