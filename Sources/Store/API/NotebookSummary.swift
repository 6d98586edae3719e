import Foundation

/// One line of the notebook list: enough to show and open a notebook without reading its cells.
public struct NotebookSummary: Sendable, Hashable, Codable, Identifiable {
    /// The notebook's id.
    public var id: String
    /// Its title.
    public var title: String
    /// When it was created.
    public var created: Date
    /// When it was last changed (edits and saved outputs).
    public var updated: Date
    /// How many cells it has.
    public var cellCount: Int
    /// Its current revision.
    public var revision: Int
    /// For an example notebook, its place and the book section it follows (from its first cell).
    public var example: ExampleInfo?

    /// Creates a summary.
    public init(
        id: String, title: String, created: Date, updated: Date, cellCount: Int, revision: Int,
        example: ExampleInfo? = nil
    ) {
        self.id = id
        self.title = title
        self.created = created
        self.updated = updated
        self.cellCount = cellCount
        self.revision = revision
        self.example = example
    }
}
