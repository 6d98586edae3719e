import Foundation
import Notebook
import Testing

@testable import Store

@Suite("Outputs and pictures")
struct OutputTests {
    @Test("saved outputs read back; they change `updated` but not the revision")
    func saveOutputs() async throws {
        let later = Date(timeIntervalSince1970: 1_800_000_000.5)
        let store = try NotebookStore.inMemory(clock: { later })
        let id = try await store.importNotebook(StoreTestSupport.sampleDocument()).document.id
        let cell = CellID("params")!
        let outputs = StoreTestSupport.outputs(showing: StoreTestSupport.picture(42), count: 9)
        let timing = CellTiming(start: later, end: later.addingTimeInterval(0.004))
        let revision = try await store.saveOutputs(
            notebook: id, cell: cell, outputs: outputs, executionCount: 9, timing: timing)
        #expect(revision == 1)
        let read = try await store.notebook(id: id)
        #expect(read.revision == 1)
        #expect(read.document.updated == later)
        let saved = try #require(read.document.cell(withID: cell))
        #expect(saved.outputs == outputs)
        #expect(saved.executionCount == 9)
        #expect(saved.timing == timing)
        // An edit made on the revision read before the outputs arrived still goes through.
        #expect(try await store.updateCell(notebook: id, cell: cell, source: "scale = 2.0", expectedRevision: 1) == 2)
    }

    @Test("outputs as they arrive: each save replaces the previous, pictures included")
    func streaming() async throws {
        let store = try NotebookStore.inMemory()
        let id = try await store.createNotebook(
            title: "Run", cells: [Cell(id: CellID("run")!, kind: .code, source: "")]
        )
        .document.id
        var outputs: [CellOutput] = []
        for step in 0..<5 {
            outputs.append(.stream(.stdout, text: "step \(step)\n"))
            outputs.append(
                .displayData(
                    data: MimeBundle(text: "<Figure \(step)>", png: StoreTestSupport.picture(UInt8(step))),
                    metadata: [:]))
            try await store.saveOutputs(
                notebook: id, cell: CellID("run")!, outputs: outputs, executionCount: nil, timing: nil)
            #expect(try await store.notebook(id: id).document.cells[0].outputs == outputs)
        }
        #expect(try await StoreInspection.count(store, "cell_images") == 5)
        try await store.saveOutputs(notebook: id, cell: CellID("run")!, outputs: [], executionCount: 1, timing: nil)
        #expect(try await StoreInspection.count(store, "cell_images") == 0)
        #expect(try await store.collectGarbage().images == 5)
        #expect(try await StoreInspection.count(store, "images") == 0)
    }

    @Test("the same picture in two cells of two notebooks is stored once")
    func deduplication() async throws {
        let store = try NotebookStore.inMemory()
        let picture = StoreTestSupport.picture(3, size: 5000)
        var document = StoreTestSupport.sampleDocument(picture: picture)
        document.cells[1].outputs = [.displayData(data: MimeBundle(text: "same", png: picture), metadata: [:])]
        _ = try await store.importNotebook(document)
        _ = try await store.importNotebook(document)
        #expect(try await StoreInspection.count(store, "images") == 1)
        #expect(try await StoreInspection.count(store, "cell_images") == 4)
        #expect(try await store.image(sha256: picture.sha256) == picture.bytes)
        // Deleting one notebook keeps the picture: the other still shows it.
        try await store.delete(id: document.id)
        #expect(try await store.collectGarbage() == GarbageReport(images: 0, bytes: 0))
        #expect(try await store.image(sha256: picture.sha256) == picture.bytes)
    }

    @Test("a picture still in use cannot be deleted behind the store's back (foreign key)")
    func pictureInUse() async throws {
        let store = try NotebookStore.inMemory()
        _ = try await store.importNotebook(StoreTestSupport.sampleDocument())
        let sha256 = StoreTestSupport.picture(1).sha256
        await #expect(throws: (any Error).self) {
            try await store.writer.write { db in
                try db.execute(sql: "DELETE FROM images WHERE sha256 = ?", arguments: [sha256])
            }
        }
    }

    @Test(
        "image lookups with malformed or unknown hashes give nil",
        arguments: [
            "", "abc", String(repeating: "A", count: 64), String(repeating: "0", count: 64), "'; DROP TABLE images; --",
        ])
    func unknownImage(sha256: String) async throws {
        let store = try NotebookStore.inMemory()
        _ = try await store.importNotebook(StoreTestSupport.sampleDocument())
        #expect(try await store.image(sha256: sha256) == nil)
    }

    @Test("markdown cells take no outputs; deleted cells are reported")
    func refusals() async throws {
        let store = try NotebookStore.inMemory()
        let id = try await store.importNotebook(StoreTestSupport.sampleDocument()).document.id
        #expect(
            await storeError {
                try await store.saveOutputs(
                    notebook: id, cell: CellID("intro")!, outputs: [], executionCount: 1, timing: nil)
            } == .invalid(.outputsOnNonCodeCell(CellID("intro")!)))
        _ = try await store.deleteCell(notebook: id, cell: CellID("params")!, expectedRevision: 1)
        #expect(
            await storeError {
                try await store.saveOutputs(
                    notebook: id, cell: CellID("params")!, outputs: [], executionCount: 1, timing: nil)
            } == .cellNotFound(notebook: id, cell: CellID("params")!))
    }

    @Test("stored outputs keep pictures as sha256 references, not inline base64")
    func referencesInColumn() async throws {
        let store = try NotebookStore.inMemory()
        _ = try await store.importNotebook(StoreTestSupport.sampleDocument())
        let text = try await store.writer.read { db in
            try String.fetchOne(db, sql: "SELECT outputs FROM cells WHERE id = 'corr2d'") ?? ""
        }
        #expect(text.contains("\"sha256:\(StoreTestSupport.picture(1).sha256)\""))
        #expect(!text.contains("iVBORw0KGgo"))
    }
}
