import Foundation
import GRDB
import Notebook

/// Reading and writing rows of the `notebooks` table, inside a transaction the caller holds.
enum NotebookRows {
    /// The notebook's current revision, or `StoreError.notFound`.
    static func revision(of id: String, _ db: Database) throws -> Int {
        guard
            let revision = try Int.fetchOne(
                db.cachedStatement(sql: "SELECT revision FROM notebooks WHERE id = ?"), arguments: [id])
        else { throw StoreError.notFound(notebook: id) }
        return revision
    }

    /// Whether a notebook with this id exists.
    static func exists(_ id: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM notebooks WHERE id = ?)", arguments: [id]) ?? false
    }

    /// Inserts a notebook row and all its cells with their pictures.
    static func insert(_ document: NotebookDocument, revision: Int, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO notebooks (id, title, created, updated, revision, metadata)
                VALUES (?, \(StoredText.parameter), ?, ?, ?, ?)
                """,
            arguments: [
                document.id, StoredText.argument(document.title), document.created.storedMilliseconds,
                document.updated.storedMilliseconds, revision, JSONWriter.compact(.object(document.metadata)),
            ])
        for (position, cell) in document.cells.enumerated() {
            try CellRows.insert(cell, notebook: document.id, position: position, db)
        }
    }

    /// Sets the revision one higher and `updated` to `now`.
    static func bumpRevision(of id: String, now: Date, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE notebooks SET revision = revision + 1, updated = ? WHERE id = ?",
            arguments: [now.storedMilliseconds, id])
    }

    /// The whole document and its revision, pictures included.
    static func fetch(_ id: String, _ db: Database) throws -> StoredNotebook {
        let select =
            "SELECT \(StoredText.column("title")), created, updated, revision, metadata FROM notebooks WHERE id = ?"
        guard let row = try Row.fetchOne(db, sql: select, arguments: [id]) else {
            throw StoreError.notFound(notebook: id)
        }
        do {
            let pictures = try ImageRows.pictures(ofNotebook: id, db)
            let cells = try Row.fetchAll(
                db, sql: "SELECT \(CellRows.columns) FROM cells WHERE notebook_id = ? ORDER BY position",
                arguments: [id]
            ).map { try CellRows.cell(from: $0, notebook: id, pictures: pictures) }
            let document = NotebookDocument(
                id: id, title: try StoredText.string(row, "title"),
                created: Date(storedMilliseconds: try row.decode(forColumn: "created")),
                updated: Date(storedMilliseconds: try row.decode(forColumn: "updated")),
                metadata: try StoredJSON.object(from: try row.decode(forColumn: "metadata")), cells: cells)
            return StoredNotebook(document: document, revision: try row.decode(forColumn: "revision"))
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw error
        } catch {
            throw StoreError.corrupt(notebook: id, detail: String(describing: error))
        }
    }

    /// The notebook with outputs left as stored JSON and no picture bytes.
    static func outline(_ id: String, _ db: Database) throws -> NotebookOutline {
        guard let summary = try summaries(db, id: id).first else { throw StoreError.notFound(notebook: id) }
        do {
            let metadata = try StoredJSON.object(
                from: try String.fetchOne(db, sql: "SELECT metadata FROM notebooks WHERE id = ?", arguments: [id]) ?? ""
            )
            let cells = try Row.fetchAll(
                db, sql: "SELECT \(CellRows.columns) FROM cells WHERE notebook_id = ? ORDER BY position",
                arguments: [id]
            ).map { try CellRows.outline(from: $0, notebook: id) }
            return NotebookOutline(summary: summary, metadata: metadata, cells: cells)
        } catch let error as StoredJSON.Damage {
            throw StoreError.corrupt(notebook: id, detail: error.description)
        }
    }

    /// The `example` metadata of a first cell (JSON text), if it describes an example.
    private static func example(_ text: String?) -> ExampleInfo? {
        guard let text, let value = try? JSONParser.parse(Array(text.utf8)) else { return nil }
        return ExampleInfo(metadata: value)
    }

    /// Summaries of every notebook, by title (case-insensitively), then id; an example's summary says so.
    static func summaries(_ db: Database, id: String? = nil) throws -> [NotebookSummary] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT n.id, \(StoredText.column("title", prefix: "n.")), n.created, n.updated, n.revision,
                       (SELECT count(*) FROM cells c WHERE c.notebook_id = n.id) AS cell_count,
                       (SELECT json_extract(c.metadata, '$.example') FROM cells c
                        WHERE c.notebook_id = n.id AND c.position = 0) AS example
                FROM notebooks n
                WHERE ?1 IS NULL OR n.id = ?1
                ORDER BY n.title COLLATE NOCASE, n.id
                """,
            arguments: [id])
        return try rows.map { row in
            NotebookSummary(
                id: try row.decode(forColumn: "id"), title: try StoredText.string(row, "title"),
                created: Date(storedMilliseconds: try row.decode(forColumn: "created")),
                updated: Date(storedMilliseconds: try row.decode(forColumn: "updated")),
                cellCount: try row.decode(forColumn: "cell_count"), revision: try row.decode(forColumn: "revision"),
                example: example(try row.decode(String?.self, forColumn: "example")))
        }
    }
}
