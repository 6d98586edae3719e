import Foundation
import GRDB
import Notebook
import Testing

@testable import Store

@Suite("Damaged stored data is reported, never trapped on")
struct DamagedDataTests {
    @Test(
        "a damaged column makes the notebook .corrupt while the list still works",
        arguments: [
            "UPDATE cells SET outputs = '[{\"output_type\": \"bogus\"}]' WHERE id = 'corr2d'",
            "UPDATE cells SET outputs = '{}' WHERE id = 'corr2d'",
            "UPDATE cells SET tags = '[1, 2]' WHERE id = 'intro'",
            "UPDATE cells SET metadata = '[]' WHERE id = 'intro'",
            "UPDATE cells SET id = 'not valid!' WHERE id = 'intro'",
            "UPDATE notebooks SET metadata = '\"text\"'",
            // A picture reference whose bytes are gone (written with foreign keys off, as another tool might).
            "PRAGMA foreign_keys = OFF; DELETE FROM images; PRAGMA foreign_keys = ON",
        ])
    func damaged(sql: String) async throws {
        let store = try NotebookStore.inMemory()
        let id = try await store.importNotebook(StoreTestSupport.sampleDocument()).document.id
        try await store.writer.writeWithoutTransaction { db in try db.execute(sql: sql) }
        let error = await storeError { try await store.notebook(id: id) }
        guard case .corrupt(let notebook, let detail) = error else {
            Issue.record("expected .corrupt, got \(String(describing: error))")
            return
        }
        #expect(notebook == id)
        #expect(!detail.isEmpty)
        #expect(try await store.listNotebooks().map(\.id) == [id])
    }
}
