import Foundation

/// A notebook: a titled, ordered list of cells with metadata.
///
/// A plain value: the store persists it, the runner fills in outputs, and the codecs
/// (`IPYNBCodec`, `PercentFormat`, `HTMLExporter`) turn it into files and back.
public struct NotebookDocument: Sendable, Hashable, Codable, Identifiable {
    /// A stable identifier (a lowercase UUID for new notebooks).
    public var id: String
    /// The title shown in lists and in the HTML export.
    public var title: String
    /// When the notebook was created.
    public var created: Date
    /// When it was last changed.
    public var updated: Date
    /// Notebook-level metadata beyond what Convbook itself writes (kernelspec, language_info, title).
    public var metadata: JSONObject
    /// The cells, in order.
    public var cells: [Cell]

    /// Creates a notebook; dates are kept to the millisecond, as files store them.
    public init(
        id: String = UUID().uuidString.lowercased(), title: String, created: Date = Date(), updated: Date? = nil,
        metadata: JSONObject = JSONObject(), cells: [Cell] = []
    ) {
        self.id = id
        self.title = title
        self.created = created.roundedToMilliseconds
        self.updated = (updated ?? created).roundedToMilliseconds
        self.metadata = metadata
        self.cells = cells
    }

    /// The first cell with the given id.
    public func cell(withID id: CellID) -> Cell? {
        cells.first { $0.id == id }
    }

    /// The index of the first cell tagged `parameters`, where a runner injects parameter values after it.
    public var parametersCellIndex: Int? {
        cells.firstIndex { $0.tags.contains(Cell.parametersTag) }
    }
}

extension NotebookDocument {
    /// A title from a file name: the name without its extension ("lesson.ipynb" → "lesson").
    public static func title(fromFileName fileName: String) -> String {
        let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
        return String(base[..<dot])
    }
}
