import Foundation
import GRDB
import Notebook

/// Reading and writing rows of the `cells` table, inside a transaction the caller holds.
enum CellRows {
    /// Inserts a cell at `position` (the caller has made room) and records its pictures.
    static func insert(_ cell: Cell, notebook: String, position: Int, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO cells (notebook_id, id, position, type, source, tags, execution_count, outputs,
                                   started, ended, metadata)
                VALUES (?, ?, ?, ?, \(StoredText.parameter), ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                notebook, cell.id.rawValue, position, cell.kind.rawValue, StoredText.argument(cell.source),
                StoredJSON.text(ofTags: cell.tags),
                cell.executionCount, IPYNBCodec.outputsJSON(cell.outputs, pictures: .sha256Reference),
                cell.timing?.start.storedMilliseconds, cell.timing?.end?.storedMilliseconds,
                StoredJSON.text(of: cell.metadata),
            ])
        try ImageRows.keep(pictures(in: cell.outputs), notebook: notebook, cell: cell.id, db)
    }

    /// Replaces a cell's outputs, execution count and timing, and which pictures it shows.
    static func setOutputs(
        _ outputs: [CellOutput], executionCount: Int?, timing: CellTiming?, notebook: String, cell: CellID,
        _ db: Database
    ) throws {
        try setOutputs(
            outputsJSON: IPYNBCodec.outputsJSON(outputs, pictures: .sha256Reference), pictures: pictures(in: outputs),
            executionCount: executionCount, timing: timing, notebook: notebook, cell: cell, db)
    }

    /// Replaces a cell's outputs (already encoded as stored JSON, showing `pictures`), execution count and
    /// timing. Statements are cached: this runs for every output save of a running cell.
    static func setOutputs(
        outputsJSON: String, pictures: [PNGImage], executionCount: Int?, timing: CellTiming?, notebook: String,
        cell: CellID, _ db: Database
    ) throws {
        try db.cachedStatement(
            sql: """
                UPDATE cells SET outputs = ?, execution_count = ?, started = ?, ended = ?
                WHERE notebook_id = ? AND id = ?
                """
        ).execute(arguments: [
            outputsJSON, executionCount, timing?.start.storedMilliseconds, timing?.end?.storedMilliseconds, notebook,
            cell.rawValue,
        ])
        try db.cachedStatement(sql: "DELETE FROM cell_images WHERE notebook_id = ? AND cell_id = ?").execute(
            arguments: [notebook, cell.rawValue])
        try ImageRows.keep(pictures, notebook: notebook, cell: cell, db)
    }

    /// The select list of a cell read whole (`cell(from:notebook:pictures:)`, `outline(from:notebook:)`).
    static let columns =
        "id, type, \(StoredText.column("source")), tags, execution_count, outputs, started, ended, metadata"

    /// The number of cells in a notebook.
    static func count(inNotebook notebook: String, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM cells WHERE notebook_id = ?", arguments: [notebook]) ?? 0
    }

    /// The cell's position and type, or `StoreError.cellNotFound`.
    static func locate(_ cell: CellID, notebook: String, _ db: Database) throws -> (position: Int, kind: Cell.Kind) {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT position, type FROM cells WHERE notebook_id = ? AND id = ?"),
                arguments: [notebook, cell.rawValue])
        else { throw StoreError.cellNotFound(notebook: notebook, cell: cell) }
        let type: String = try row.decode(forColumn: "type")
        guard let kind = Cell.Kind(rawValue: type) else {
            throw StoreError.corrupt(notebook: notebook, detail: "cell '\(cell)' has the unknown type '\(type)'")
        }
        return (try row.decode(forColumn: "position"), kind)
    }

    /// Adds `delta` to the position of every cell of the notebook whose position is in `range`.
    ///
    /// Positions are unique per notebook and SQLite checks that after every row, so cells pass through
    /// negative positions (`-1 - target`, all distinct) and are flipped back in a second statement.
    static func shift(_ range: ClosedRange<Int>, by delta: Int, notebook: String, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE cells SET position = -1 - (position + ?) WHERE notebook_id = ? AND position BETWEEN ? AND ?",
            arguments: [delta, notebook, range.lowerBound, range.upperBound])
        try flipNegativePositions(notebook: notebook, db)
    }

    /// Turns every parked position `-1 - target` back into `target`.
    static func flipNegativePositions(notebook: String, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE cells SET position = -1 - position WHERE notebook_id = ? AND position < 0",
            arguments: [notebook])
    }

    /// Every picture shown by the outputs.
    static func pictures(in outputs: [CellOutput]) -> [PNGImage] {
        outputs.compactMap { $0.data?.png }
    }

    /// A cell from its row, outputs left as their stored JSON.
    static func outline(from row: Row, notebook: String) throws -> NotebookOutline.CellOutline {
        let idText: String = try row.decode(forColumn: "id")
        guard let id = CellID(idText) else {
            throw StoreError.corrupt(notebook: notebook, detail: "the cell id '\(idText)' is not a valid nbformat id")
        }
        let type: String = try row.decode(forColumn: "type")
        guard let kind = Cell.Kind(rawValue: type) else {
            throw StoreError.corrupt(notebook: notebook, detail: "cell '\(id)' has the unknown type '\(type)'")
        }
        let started: Int64? = try row.decode(forColumn: "started")
        let ended: Int64? = try row.decode(forColumn: "ended")
        return NotebookOutline.CellOutline(
            id: id, kind: kind, source: try StoredText.string(row, "source"),
            tags: try StoredJSON.tags(from: try row.decode(forColumn: "tags")),
            executionCount: try row.decode(forColumn: "execution_count"),
            outputsJSON: try row.decode(forColumn: "outputs"),
            timing: started.map {
                CellTiming(start: Date(storedMilliseconds: $0), end: ended.map(Date.init(storedMilliseconds:)))
            },
            metadata: try StoredJSON.object(from: try row.decode(forColumn: "metadata")))
    }

    /// A cell from its row; `pictures` maps SHA-256 digests to the PNG bytes the outputs refer to.
    static func cell(from row: Row, notebook: String, pictures: [String: [UInt8]]) throws -> Cell {
        let outline = try outline(from: row, notebook: notebook)
        let outputs: [CellOutput]
        do {
            outputs = try IPYNBCodec.outputs(
                fromJSON: outline.outputsJSON, source: "notebook \(notebook), cell \(outline.id)",
                picture: { pictures[$0] })
        } catch {
            throw StoreError.corrupt(notebook: notebook, detail: error.description)
        }
        return Cell(
            id: outline.id, kind: outline.kind, source: outline.source, tags: outline.tags,
            executionCount: outline.executionCount, outputs: outputs, timing: outline.timing,
            metadata: outline.metadata)
    }
}
