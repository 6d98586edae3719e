import Foundation
import GRDB
import Notebook

extension NotebookStore {
    /// Every notebook, ordered by title (ignoring case), then id.
    public func listNotebooks() async throws(StoreError) -> [NotebookSummary] {
        try await read { db in try NotebookRows.summaries(db) }
    }

    /// The summary of one notebook.
    public func summary(id: String) async throws(StoreError) -> NotebookSummary {
        try await read { db in
            guard let summary = try NotebookRows.summaries(db, id: id).first else {
                throw StoreError.notFound(notebook: id)
            }
            return summary
        }
    }

    /// A notebook with its cells, outputs and pictures, and the revision it was read at.
    public func notebook(id: String) async throws(StoreError) -> StoredNotebook {
        try await read { db in try NotebookRows.fetch(id, db) }
    }

    /// A notebook with outputs as stored JSON (pictures as `sha256:` references) and no picture bytes:
    /// the cheap read for showing a notebook, its pictures fetched by `image(sha256:)`. Served from memory
    /// until the notebook changes (an output save updates the kept outline instead of dropping it).
    public func outline(id: String) async throws(StoreError) -> NotebookOutline {
        if let cached = changes.outline(of: id) { return cached }
        let count = changes.count(of: id)
        let outline = try await read { db in try NotebookRows.outline(id, db) }
        changes.keep(outline, of: id, readAt: count)
        return outline
    }

    /// Creates a notebook with a fresh id at revision 1, holding `cells` (none by default).
    public func createNotebook(title: String, cells: [Cell] = []) async throws(StoreError) -> StoredNotebook {
        let document = NotebookDocument(title: title, cells: cells)
        try Validation.check(document: document)
        return try await write { db, now in
            var stamped = document
            stamped.id = try Self.freshNotebookID(db)
            stamped.created = now
            stamped.updated = now
            try NotebookRows.insert(stamped, revision: 1, db)
            return StoredNotebook(document: stamped, revision: 1)
        }
    }

    /// Adds a notebook read from a file, keeping its cells, outputs, metadata and dates, at revision 1.
    ///
    /// The document's id is kept when it is a valid id (`[A-Za-z0-9_-]{1,64}`) not yet used, so a
    /// notebook exported and imported again keeps its id; otherwise it gets a fresh one. The returned
    /// document carries the id used.
    public func importNotebook(_ document: NotebookDocument) async throws(StoreError) -> StoredNotebook {
        try Validation.check(document: document)
        return try await write { db, _ in try Self.insertImported(document, db) }
    }

    /// Replaces a notebook's title, metadata and cells (with outputs) by `document`'s, keeping its id and
    /// creation date. Returns the new revision.
    public func replaceNotebook(
        id: String, with document: NotebookDocument, expectedRevision: Int
    ) async throws(StoreError) -> Int {
        try Validation.check(document: document)
        return try await edit(notebook: id, expectedRevision: expectedRevision) { db, _ in
            try db.execute(
                sql: "UPDATE notebooks SET title = \(StoredText.parameter), metadata = ? WHERE id = ?",
                arguments: [StoredText.argument(document.title), StoredJSON.text(of: document.metadata), id])
            try db.execute(sql: "DELETE FROM cells WHERE notebook_id = ?", arguments: [id])
            for (position, cell) in document.cells.enumerated() {
                try CellRows.insert(cell, notebook: id, position: position, db)
            }
        }
    }

    /// Gives a notebook a new title. Returns the new revision.
    public func rename(id: String, title: String, expectedRevision: Int) async throws(StoreError) -> Int {
        try Validation.check(title: title)
        return try await edit(notebook: id, expectedRevision: expectedRevision) { db, _ in
            try db.execute(
                sql: "UPDATE notebooks SET title = \(StoredText.parameter) WHERE id = ?",
                arguments: [StoredText.argument(title), id])
        }
    }

    /// Deletes a notebook with its cells; pictures no other notebook shows are left for
    /// `collectGarbage()`. With `expectedRevision`, a notebook changed since is refused as a conflict.
    public func delete(id: String, expectedRevision: Int? = nil) async throws(StoreError) {
        try await write(notebook: id) { db, _ in
            let current = try NotebookRows.revision(of: id, db)
            if let expectedRevision, expectedRevision != current {
                throw StoreError.conflict(expected: expectedRevision, actual: current)
            }
            try db.execute(sql: "DELETE FROM notebooks WHERE id = ?", arguments: [id])
        }
    }

    /// Copies a notebook, outputs included, under a fresh id at revision 1, titled "<title> (copy)"
    /// unless `title` is given. Pictures are shared, not copied. A copy of an example is not an example.
    public func duplicate(id: String, title: String? = nil) async throws(StoreError) -> StoredNotebook {
        if let title { try Validation.check(title: title) }
        return try await write { db, now in
            let original = try NotebookRows.fetch(id, db).document
            let copyTitle = title ?? Self.copyTitle(of: original.title)
            // A copy of an example is the user's own notebook, listed with theirs, not among the examples.
            var cells = original.cells
            if !cells.isEmpty { cells[0].metadata["example"] = nil }
            let copy = NotebookDocument(
                id: try Self.freshNotebookID(db), title: copyTitle, created: now, updated: now,
                metadata: original.metadata, cells: cells)
            try NotebookRows.insert(copy, revision: 1, db)
            return StoredNotebook(document: copy, revision: 1)
        }
    }

    /// Inserts an imported document, keeping its id when possible (see `importNotebook`).
    static func insertImported(_ document: NotebookDocument, _ db: Database) throws -> StoredNotebook {
        var stored = document
        if try !Validation.isValid(notebookID: document.id) || NotebookRows.exists(document.id, db) {
            stored.id = try freshNotebookID(db)
        }
        try NotebookRows.insert(stored, revision: 1, db)
        return StoredNotebook(document: stored, revision: 1)
    }

    /// A new notebook id not in use.
    static func freshNotebookID(_ db: Database) throws -> String {
        while true {
            let id = UUID().uuidString.lowercased()
            if try !NotebookRows.exists(id, db) { return id }
        }
    }

    /// "<title> (copy)", shortening the title so the result stays within the title limit.
    static func copyTitle(of title: String) -> String {
        let suffix = " (copy)"
        return String(title.prefix(Validation.maxTitleLength - suffix.count)) + suffix
    }
}
