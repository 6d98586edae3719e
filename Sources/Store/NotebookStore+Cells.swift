import Foundation
import GRDB
import Notebook

extension NotebookStore {
    /// Inserts `cell` so that it ends up at `position` (0 puts it first, the cell count appends it).
    /// Returns the new revision.
    public func insertCell(
        notebook id: String, at position: Int, cell: Cell, expectedRevision: Int
    ) async throws(StoreError) -> Int {
        try Validation.check(cell: cell)
        return try await edit(notebook: id, expectedRevision: expectedRevision) { db, _ in
            let count = try CellRows.count(inNotebook: id, db)
            guard (0...count).contains(position) else {
                throw StoreError.invalid(.position(position, valid: 0...count))
            }
            if try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM cells WHERE notebook_id = ? AND id = ?)",
                arguments: [id, cell.id.rawValue]) ?? false
            {
                throw StoreError.invalid(.duplicateCellID(cell.id))
            }
            if position < count {
                try CellRows.shift(position...(count - 1), by: 1, notebook: id, db)
            }
            try CellRows.insert(cell, notebook: id, position: position, db)
        }
    }

    /// Changes a cell's source, type and/or tags (`nil` leaves that part as it is). A cell that stops
    /// being a code cell loses its outputs, execution count and timing, as in Jupyter. Returns the new
    /// revision.
    public func updateCell(
        notebook id: String, cell: CellID, source: String? = nil, type: Cell.Kind? = nil, tags: [String]? = nil,
        expectedRevision: Int
    ) async throws(StoreError) -> Int {
        if let tags { try Validation.check(tags: tags) }
        return try await edit(notebook: id, expectedRevision: expectedRevision) { db, _ in
            let located = try CellRows.locate(cell, notebook: id, db)
            try db.execute(
                sql: """
                    UPDATE cells
                    SET source = coalesce(\(StoredText.parameter), source), type = coalesce(?, type),
                        tags = coalesce(?, tags)
                    WHERE notebook_id = ? AND id = ?
                    """,
                arguments: [
                    source.map(StoredText.argument), type?.rawValue, tags.map(StoredJSON.text(ofTags:)), id,
                    cell.rawValue,
                ])
            if let type, type != .code, located.kind == .code {
                try CellRows.setOutputs([], executionCount: nil, timing: nil, notebook: id, cell: cell, db)
            }
        }
    }

    /// Moves a cell so that it ends up at `position` (0 to the cell count minus one), the cells in
    /// between closing up. Returns the new revision.
    public func moveCell(
        notebook id: String, cell: CellID, to position: Int, expectedRevision: Int
    ) async throws(StoreError) -> Int {
        try await edit(notebook: id, expectedRevision: expectedRevision) { db, _ in
            let from = try CellRows.locate(cell, notebook: id, db).position
            let count = try CellRows.count(inNotebook: id, db)
            guard (0..<count).contains(position) else {
                throw StoreError.invalid(.position(position, valid: 0...(count - 1)))
            }
            guard from != position else { return }
            // Park the moved cell at its target (negative), shift the cells between, then flip all back.
            try db.execute(
                sql: "UPDATE cells SET position = ? WHERE notebook_id = ? AND id = ?",
                arguments: [-1 - position, id, cell.rawValue])
            if from < position {
                try CellRows.shift((from + 1)...position, by: -1, notebook: id, db)
            } else {
                try CellRows.shift(position...(from - 1), by: 1, notebook: id, db)
            }
        }
    }

    /// Deletes a cell; the cells after it close up. Returns the new revision.
    public func deleteCell(notebook id: String, cell: CellID, expectedRevision: Int) async throws(StoreError) -> Int {
        try await edit(notebook: id, expectedRevision: expectedRevision) { db, _ in
            let position = try CellRows.locate(cell, notebook: id, db).position
            let count = try CellRows.count(inNotebook: id, db)
            try db.execute(
                sql: "DELETE FROM cells WHERE notebook_id = ? AND id = ?", arguments: [id, cell.rawValue])
            if position + 1 < count {
                try CellRows.shift((position + 1)...(count - 1), by: -1, notebook: id, db)
            }
        }
    }

    /// Saves a code cell's outputs so far, its execution count and timing, replacing what it had.
    ///
    /// Called repeatedly while a cell runs, so a reload sees the output so far. Outputs are results, not
    /// edits: they do not bump the revision (an edit made while the cell runs is not refused because of
    /// them) and need no expected revision, but they do set the notebook's `updated` time. Returns the
    /// notebook's current revision. A cell deleted meanwhile gives `StoreError.cellNotFound`.
    /// The commit survives a crash of the process but does not wait for the disk
    /// (`Durability.processCrash`): outputs can be made again, edits cannot.
    @discardableResult
    public func saveOutputs(
        notebook id: String, cell: CellID, outputs: [CellOutput], executionCount: Int?, timing: CellTiming?
    ) async throws(StoreError) -> Int {
        let outputsJSON = IPYNBCodec.outputsJSON(outputs, pictures: .sha256Reference)
        let storedTiming = timing.map {
            CellTiming(start: $0.start.roundedToStoredMilliseconds, end: $0.end?.roundedToStoredMilliseconds)
        }
        // The cached outline gets exactly what a fresh read would give (OutlineTests compares them).
        let patch = { @Sendable (outline: inout NotebookOutline, now: Date) -> Bool in
            guard let index = outline.cells.firstIndex(where: { $0.id == cell }) else { return false }
            outline.cells[index].outputsJSON = outputsJSON
            outline.cells[index].executionCount = executionCount
            outline.cells[index].timing = storedTiming
            outline.summary.updated = now
            return true
        }
        return try await write(durability: .processCrash, notebook: id, patch: patch) { db, now in
            let revision = try NotebookRows.revision(of: id, db)
            let located = try CellRows.locate(cell, notebook: id, db)
            guard located.kind == .code else { throw StoreError.invalid(.outputsOnNonCodeCell(cell)) }
            try CellRows.setOutputs(
                outputsJSON: outputsJSON, pictures: CellRows.pictures(in: outputs), executionCount: executionCount,
                timing: timing, notebook: id, cell: cell, db)
            try db.cachedStatement(sql: "UPDATE notebooks SET updated = ? WHERE id = ?").execute(
                arguments: [now.storedMilliseconds, id])
            return revision
        }
    }
}
