import GRDB

@testable import Store

/// Direct looks into a store's database, for checks the public API does not offer.
enum StoreInspection {
    /// The number of rows in a table.
    static func count(_ store: NotebookStore, _ table: String) async throws -> Int {
        try await store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    /// Each notebook's cell positions, sorted, to check they are 0..<n.
    static func positions(_ store: NotebookStore, notebook: String) async throws -> [Int] {
        try await store.writer.read { db in
            try Int.fetchAll(
                db, sql: "SELECT position FROM cells WHERE notebook_id = ? ORDER BY position", arguments: [notebook])
        }
    }

    /// The value of a PRAGMA on the writer connection.
    static func writerPragma(_ store: NotebookStore, _ name: String) async throws -> String? {
        try await store.writer.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    /// The value of a PRAGMA on a reader connection.
    static func readerPragma(_ store: NotebookStore, _ name: String) async throws -> String? {
        try await store.writer.read { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }
}
