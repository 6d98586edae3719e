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
    /// The title of a notebook read from a file that names none: the level-1 heading its first cell starts
    /// with, without a leading section number ("# 3. Multiple input channels" → "Multiple input channels"),
    /// else the file name without its extension.
    public static func title(cells: [Cell], fileName: String) -> String {
        title(fromHeadingOf: cells) ?? title(fromFileName: fileName)
    }

    /// The text of the level-1 heading (`# Title`) a first markdown cell starts with, without a leading
    /// section number ("3. ", "7.4 ", not "2024 "); `nil` when there is none.
    static func title(fromHeadingOf cells: [Cell]) -> String? {
        guard let first = cells.first, first.kind == .markdown,
            let line = first.source.split(separator: "\n").first(where: { !$0.allSatisfy(\.isWhitespace) })
        else { return nil }
        let text = line.drop { $0 == " " }
        guard text.hasPrefix("# ") else { return nil }
        var heading = text.dropFirst(2).trimmingCharacters(in: .whitespaces)
        if let number = heading.firstMatch(of: /^([0-9]+\.)+([0-9]+)?\s+/), number.range.upperBound < heading.endIndex {
            heading = String(heading[number.range.upperBound...])
        }
        return heading.isEmpty ? nil : String(heading.prefix(200))
    }

    /// A title from a file name: the name without its extension ("lesson.ipynb" → "lesson").
    public static func title(fromFileName fileName: String) -> String {
        let base = fileName.split(separator: "/").last.map(String.init) ?? fileName
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
        return String(base[..<dot])
    }
}
