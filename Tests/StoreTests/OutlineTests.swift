import Foundation
import Notebook
import Testing

@testable import Store

@Suite("Outlines: the cheap read for display")
struct OutlineTests {
    @Test("an outline holds the same cells as the full read, pictures fetched by hash")
    func agreesWithFullRead() async throws {
        let store = try NotebookStore.inMemory()
        let id = try await store.importNotebook(StoreTestSupport.sampleDocument()).document.id
        let full = try await store.notebook(id: id)
        let outline = try await store.outline(id: id)
        #expect(outline.summary == (try await store.summary(id: id)))
        #expect(outline.metadata == full.document.metadata)
        #expect(outline.cells.count == full.document.cells.count)
        var pictures: [String: [UInt8]] = [:]
        for png in full.document.pngImages {
            pictures[png.sha256] = try await store.image(sha256: png.sha256)
        }
        let found = pictures
        for (outlined, cell) in zip(outline.cells, full.document.cells) {
            let outputs = try IPYNBCodec.outputs(fromJSON: outlined.outputsJSON, source: "test", picture: { found[$0] })
            let rebuilt = Cell(
                id: outlined.id, kind: outlined.kind, source: outlined.source, tags: outlined.tags,
                executionCount: outlined.executionCount, outputs: outputs, timing: outlined.timing,
                metadata: outlined.metadata)
            #expect(rebuilt == cell)
        }
        #expect(await storeError { try await store.outline(id: "nope") } == .notFound(notebook: "nope"))
    }
}
