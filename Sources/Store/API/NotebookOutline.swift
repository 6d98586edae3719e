import Foundation
import Notebook

/// A notebook as the web page shows it: every cell with its outputs left as stored JSON, in which each
/// picture is `"image/png": "sha256:<hex>"` (served separately, by hash) rather than its bytes.
///
/// Cheaper to read than `StoredNotebook` (no picture bytes loaded, no outputs decoded), for a server
/// that answers many reads.
public struct NotebookOutline: Sendable, Hashable, Codable {
    /// One cell, outputs as stored JSON.
    public struct CellOutline: Sendable, Hashable, Codable {
        /// The cell's id.
        public var id: CellID
        /// Code, markdown or raw.
        public var kind: Cell.Kind
        /// The cell's text.
        public var source: String
        /// Its tags.
        public var tags: [String]
        /// The run counter of the last run.
        public var executionCount: Int?
        /// The outputs as a compact nbformat JSON list, pictures as `sha256:` references
        /// (`IPYNBCodec.outputs(fromJSON:source:picture:)` reads it back).
        public var outputsJSON: String
        /// When the last run started and ended.
        public var timing: CellTiming?
        /// Other cell metadata.
        public var metadata: JSONObject
    }

    /// The notebook's summary: id, title, dates, cell count and revision.
    public var summary: NotebookSummary
    /// Notebook-level metadata.
    public var metadata: JSONObject
    /// The cells, in order.
    public var cells: [CellOutline]
}
