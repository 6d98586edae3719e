import Notebook

/// Checks on requests, made before anything is written.
enum Validation {
    /// The longest title accepted, in characters.
    static let maxTitleLength = 500

    /// The title, or why it is refused.
    static func check(title: String) throws(StoreError) {
        if title.allSatisfy(\.isWhitespace) { throw .invalid(.emptyTitle) }
        if title.count > maxTitleLength { throw .invalid(.titleTooLong(length: title.count, limit: maxTitleLength)) }
    }

    /// nbformat's rule for tags: non-empty, no comma, each at most once.
    static func check(tags: [String]) throws(StoreError) {
        var seen: Set<String> = []
        for tag in tags {
            if tag.isEmpty || tag.contains(",") { throw .invalid(.badTag(tag)) }
            if !seen.insert(tag).inserted { throw .invalid(.duplicateTag(tag)) }
        }
    }

    /// A cell's tags, and that only code cells carry run results.
    static func check(cell: Cell) throws(StoreError) {
        try check(tags: cell.tags)
        if cell.kind != .code, !cell.outputs.isEmpty || cell.executionCount != nil || cell.timing != nil {
            throw .invalid(.outputsOnNonCodeCell(cell.id))
        }
    }

    /// A whole document: title, each cell, and unique cell ids.
    static func check(document: NotebookDocument) throws(StoreError) {
        try check(title: document.title)
        var ids: Set<CellID> = []
        for cell in document.cells {
            try check(cell: cell)
            if !ids.insert(cell.id).inserted { throw .invalid(.duplicateCellID(cell.id)) }
        }
    }

    /// Whether `id` can name a notebook: the same alphabet and length as cell ids, safe in URLs.
    static func isValid(notebookID id: String) -> Bool {
        CellID.isValid(id)
    }
}
