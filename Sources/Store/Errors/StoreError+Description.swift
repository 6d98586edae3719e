import Notebook

extension StoreError: CustomStringConvertible {
    /// The error as one sentence for people: what went wrong and, where it helps, what to do.
    public var description: String {
        switch self {
        case .notFound(let notebook):
            "there is no notebook with id '\(notebook)'"
        case .cellNotFound(let notebook, let cell):
            "notebook '\(notebook)' has no cell with id '\(cell)'"
        case .conflict(let expected, let actual):
            "the notebook was saved by someone else (it is at revision \(actual), the edit was made on revision "
                + "\(expected)): reload it and apply the edit again"
        case .invalid(let problem):
            problem.description
        case .file(let error):
            error.description
        case .corrupt(let notebook, let detail):
            "notebook '\(notebook)' is damaged in the database: \(detail)"
        case .incompatible(let detail):
            "the database was written by a newer Convbook: \(detail)"
        case .database(let code, let message):
            "the database failed (SQLite code \(code)): \(message)"
        case .cancelled:
            "the operation was cancelled before it ran; nothing was saved"
        }
    }
}

extension StoreError.Invalid: CustomStringConvertible {
    /// The problem as one sentence for people.
    public var description: String {
        switch self {
        case .emptyTitle:
            "a notebook needs a title that is not empty"
        case .titleTooLong(let length, let limit):
            "the title has \(length) characters, over the limit of \(limit)"
        case .position(let position, let valid):
            "there is no cell position \(position): positions run from \(valid.lowerBound) to \(valid.upperBound)"
        case .duplicateCellID(let id):
            "two cells would have the id '\(id)'; cell ids must be unique within a notebook"
        case .badTag(let tag):
            "the tag '\(tag)' is not allowed: tags must be non-empty and contain no comma"
        case .duplicateTag(let tag):
            "the tag '\(tag)' is given twice"
        case .outputsOnNonCodeCell(let id):
            "cell '\(id)' is not a code cell, so it has no outputs, execution count or timing"
        }
    }
}
