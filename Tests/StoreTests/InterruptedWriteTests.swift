import Foundation
import GRDB
import Notebook
import Testing

@testable import Store

/// A failure injected just before an edit's transaction would commit.
private struct Interrupted: Error {}

@Suite("Interrupted writes leave nothing behind")
struct InterruptedWriteTests {
    /// Everything in the database, table by table, as text rows.
    static func snapshot(_ store: NotebookStore) async throws -> [String: [String]] {
        try await store.writer.read { db in
            var tables: [String: [String]] = [:]
            for table in ["notebooks", "cells", "images", "cell_images"] {
                tables[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2").map(\.description)
            }
            return tables
        }
    }

    /// Every kind of write, run on the sample notebook `id`.
    enum Write: String, CaseIterable, Sendable {
        case insert, update, move, deleteCell, rename, replace, saveOutputs, importing, duplicate, delete, create

        func run(on store: NotebookStore, notebook id: String) async throws {
            switch self {
            case .insert: _ = try await store.insertCell(notebook: id, at: 1, cell: .code("x"), expectedRevision: 1)
            case .update:
                _ = try await store.updateCell(
                    notebook: id, cell: CellID("corr2d")!, type: .markdown, expectedRevision: 1)
            case .move: _ = try await store.moveCell(notebook: id, cell: CellID("intro")!, to: 3, expectedRevision: 1)
            case .deleteCell: _ = try await store.deleteCell(notebook: id, cell: CellID("params")!, expectedRevision: 1)
            case .rename: _ = try await store.rename(id: id, title: "Other", expectedRevision: 1)
            case .replace:
                let replacement = StoreTestSupport.sampleDocument(picture: StoreTestSupport.picture(9))
                _ = try await store.replaceNotebook(id: id, with: replacement, expectedRevision: 1)
            case .saveOutputs:
                let outputs = StoreTestSupport.outputs(showing: StoreTestSupport.picture(5))
                try await store.saveOutputs(
                    notebook: id, cell: CellID("corr2d")!, outputs: outputs, executionCount: 3, timing: nil)
            case .importing:
                _ = try await store.importNotebook(
                    StoreTestSupport.sampleDocument(picture: StoreTestSupport.picture(6)))
            case .duplicate: _ = try await store.duplicate(id: id)
            case .delete: try await store.delete(id: id)
            case .create: _ = try await store.createNotebook(title: "New", cells: [.code("y")])
            }
        }
    }

    @Test("a write that fails before commit writes nothing", arguments: Write.allCases)
    func interrupted(write: Write) async throws {
        var store = try StoreTestSupport.fileStore().0
        let id = try await store.importNotebook(StoreTestSupport.sampleDocument()).document.id
        _ = try await store.importNotebook(
            StoreTestSupport.sampleDocument(title: "Second", picture: StoreTestSupport.picture(2)))
        let before = try await Self.snapshot(store)
        store.beforeCommit = { _ in throw Interrupted() }
        await #expect(throws: StoreError.self) { try await write.run(on: store, notebook: id) }
        #expect(try await Self.snapshot(store) == before)
        // Without the failure the same operation does change the database (the check above can fail).
        store.beforeCommit = nil
        try await write.run(on: store, notebook: id)
        #expect(try await Self.snapshot(store) != before)
        #expect(try await store.integrityCheck() == ["ok"])
    }

    @Test("a seed that fails before commit imports nothing")
    func interruptedSeed() async throws {
        var store = try StoreTestSupport.fileStore().0
        let folder = try StoreTestSupport.temporaryDirectory()
        try NotebookFiles.write(StoreTestSupport.sampleDocument(), to: folder.appendingPathComponent("a.ipynb"))
        store.beforeCommit = { _ in throw Interrupted() }
        await #expect(throws: StoreError.self) { _ = try await store.seedIfEmpty(from: folder) }
        #expect(try await store.listNotebooks().isEmpty)
        #expect(try await StoreInspection.count(store, "images") == 0)
        store.beforeCommit = nil
        #expect(try await store.seedIfEmpty(from: folder).imported.count == 1)
    }

    @Test("a write from a cancelled task is refused as .cancelled and writes nothing")
    func cancelledTask() async throws {
        let store = try NotebookStore.inMemory()
        let id = try await store.importNotebook(StoreTestSupport.sampleDocument()).document.id
        let before = try await Self.snapshot(store)
        let outcome = await Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await storeError { try await store.rename(id: id, title: "Never", expectedRevision: 1) }
        }.value
        #expect(outcome == .cancelled)
        #expect(try await Self.snapshot(store) == before)
    }
}
