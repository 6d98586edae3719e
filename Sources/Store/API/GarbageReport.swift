/// What `NotebookStore.collectGarbage()` removed.
public struct GarbageReport: Sendable, Hashable {
    /// Pictures deleted because no cell output shows them any more.
    public var images: Int
    /// Their total size in bytes.
    public var bytes: Int
}
