import Server

/// The executor `convbook serve` runs cells with.
enum ServeExecutor {
    /// In-process sessions until kernel processes are wired in.
    static func make() -> any CellExecutor {
        InProcessExecutor()
    }
}
