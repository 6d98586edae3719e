import Foundation
import GRDB
import Notebook
import Testing

@testable import Store

@Suite("Database file: settings, migrations, reopening")
struct DatabaseSettingsTests {
    @Test("every connection is durable (synchronous=FULL), enforces foreign keys, and the file is in WAL mode")
    func pragmas() async throws {
        let (store, path) = try StoreTestSupport.fileStore()
        // The writer is what commits edits: GRDB's WAL setup lowers it to NORMAL, the store must raise it again.
        #expect(try await StoreInspection.writerPragma(store, "synchronous") == "2")
        #expect(try await StoreInspection.writerPragma(store, "foreign_keys") == "1")
        #expect(try await StoreInspection.writerPragma(store, "journal_mode") == "wal")
        #expect(try await StoreInspection.writerPragma(store, "busy_timeout") == "5000")
        #expect(try await StoreInspection.readerPragma(store, "synchronous") == "2")
        #expect(try await StoreInspection.readerPragma(store, "foreign_keys") == "1")
        // Outputs are saved at synchronous=NORMAL; the writer must be back at FULL afterwards, also
        // when the output save fails.
        let created = try await store.createNotebook(title: "t", cells: [.code("1")])
        let cell = try #require(created.document.cells.first).id
        try await store.saveOutputs(
            notebook: created.document.id, cell: cell, outputs: [], executionCount: 1, timing: nil)
        #expect(try await StoreInspection.writerPragma(store, "synchronous") == "2")
        await #expect(throws: StoreError.self) {
            try await store.saveOutputs(
                notebook: "missing", cell: cell, outputs: [], executionCount: 1, timing: nil)
        }
        #expect(try await StoreInspection.writerPragma(store, "synchronous") == "2")
        // A second store on the same file (a fresh set of connections) gets the same settings.
        let again = try NotebookStore(path: path)
        #expect(try await StoreInspection.writerPragma(again, "synchronous") == "2")
        #expect(try await StoreInspection.writerPragma(again, "foreign_keys") == "1")
        // WAL is a property of the file: a plain connection that sets nothing sees it.
        let plain = try DatabaseQueue(path: path)
        #expect(try await plain.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test("reopening a file keeps notebooks, cells, outputs, pictures and revisions")
    func reopen() async throws {
        let (store, path) = try StoreTestSupport.fileStore()
        let imported = try await store.importNotebook(StoreTestSupport.sampleDocument())
        let id = imported.document.id
        let revision = try await store.rename(id: id, title: "Kept", expectedRevision: 1)
        let expected = try await store.notebook(id: id)
        #expect(expected.revision == revision)
        let reopened = try NotebookStore(path: path)
        #expect(try await reopened.notebook(id: id) == expected)
        #expect(try await reopened.listNotebooks() == store.listNotebooks())
        #expect(
            try await reopened.image(sha256: StoreTestSupport.picture(1).sha256) == StoreTestSupport.picture(1).bytes)
        #expect(try await reopened.integrityCheck() == ["ok"])
    }

    @Test("migrations run once: reopening applies nothing twice and the schema stays the same")
    func migrationsIdempotent() async throws {
        let (store, path) = try StoreTestSupport.fileStore()
        let schema = { (store: NotebookStore) in
            try await store.writer.read { db in
                try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            }
        }
        let before = try await schema(store)
        for _ in 0..<3 { _ = try NotebookStore(path: path) }
        let after = try await schema(try NotebookStore(path: path))
        #expect(before == after)
        let applied = try await store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(applied == ["v1", "v2"])
        #expect(before.contains { $0.hasPrefix("CREATE TABLE notebooks") })
    }

    @Test("a file migrated by a newer Convbook is refused, not written to")
    func newerSchema() async throws {
        let (store, path) = try StoreTestSupport.fileStore()
        try await store.writer.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
        }
        #expect {
            _ = try NotebookStore(path: path)
        } throws: { error in
            guard case .incompatible = error as? StoreError else { return false }
            return true
        }
    }

    @Test("a file that is not a database is a .database error, not a crash")
    func notADatabase() throws {
        let path = try StoreTestSupport.temporaryDirectory().appendingPathComponent("junk.db").path
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try NotebookStore(path: path)
        } throws: { error in
            guard case .database(let code, _) = error as? StoreError else { return false }
            return code & 0xFF == 26  // SQLITE_NOTADB
        }
    }
}
