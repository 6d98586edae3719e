import Notebook

/// Why the store refused or failed an operation.
///
/// Cases carry what went wrong as data, so the server can pattern-match them (`.notFound` → 404,
/// `.conflict` → 409, `.invalid` → 400) and still show the teaching text from `description`.
///
/// ```swift
/// do {
///     revision = try await store.rename(id: id, title: "Pooling", expectedRevision: revision)
/// } catch .conflict(let expected, let actual) {
///     print("someone else saved revision \(actual) after \(expected): reload first")
/// }
/// ```
public enum StoreError: Error, Sendable, Hashable {
    /// No notebook has this id.
    case notFound(notebook: String)
    /// The notebook exists but holds no cell with this id.
    case cellNotFound(notebook: String, cell: CellID)
    /// The edit names an older revision than the stored one: somebody else saved in between, and the
    /// edit was refused so nothing is silently overwritten. Nothing was written.
    case conflict(expected: Int, actual: Int)
    /// The request itself is wrong (a position out of range, an empty title, a duplicate cell id, …).
    case invalid(Invalid)
    /// A notebook file that could not be read or written (import and export).
    case file(NotebookFileError)
    /// Stored data that cannot be read back (damaged by something other than this store).
    case corrupt(notebook: String, detail: String)
    /// The database file was written by a newer Convbook, with migrations this one does not know.
    case incompatible(detail: String)
    /// SQLite failed (disk full, I/O error, not a database file, locked for too long, …).
    case database(code: Int32, message: String)
    /// The task was cancelled before the operation ran; nothing was written.
    case cancelled
}

extension StoreError {
    /// What is wrong with a request; each case names the offending value.
    public enum Invalid: Sendable, Hashable {
        /// A title that is empty or only white space.
        case emptyTitle
        /// A title over `limit` characters.
        case titleTooLong(length: Int, limit: Int)
        /// A cell position outside `valid` (insertions may append, so their range ends at the cell count).
        case position(Int, valid: ClosedRange<Int>)
        /// Two cells of one notebook with the same id.
        case duplicateCellID(CellID)
        /// A tag that nbformat does not allow: empty, or containing a comma.
        case badTag(String)
        /// The same tag twice on one cell.
        case duplicateTag(String)
        /// Outputs, an execution count or timing given to a markdown or raw cell.
        case outputsOnNonCodeCell(CellID)
    }
}
