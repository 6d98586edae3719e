import Foundation
import Notebook
import Testing

@testable import Store

@Suite("Import from and export to files")
struct FileExchangeTests {
    @Test("a notebook exported as .ipynb and imported again is the same notebook, id included")
    func ipynbRoundTrip() async throws {
        let store = try NotebookStore.inMemory()
        let original = try await store.importNotebook(StoreTestSupport.sampleDocument())
        let file = try StoreTestSupport.temporaryDirectory().appendingPathComponent("out.ipynb")
        try await store.exportNotebook(id: original.document.id, to: file)
        // The file holds what the Notebook codec writes for the stored document.
        #expect(try String(contentsOf: file, encoding: .utf8) == IPYNBCodec.encode(original.document))
        let other = try NotebookStore.inMemory()
        let imported = try await other.importFile(at: file)
        #expect(imported.document == original.document)
    }

    @Test("export formats follow the file extension", arguments: ["py", "html"])
    func otherFormats(fileExtension: String) async throws {
        let store = try NotebookStore.inMemory()
        let original = try await store.importNotebook(StoreTestSupport.sampleDocument())
        let file = try StoreTestSupport.temporaryDirectory().appendingPathComponent("out.\(fileExtension)")
        try await store.exportNotebook(id: original.document.id, to: file)
        let expected =
            fileExtension == "py"
            ? PercentFormat.encode(original.document) : HTMLExporter.render(original.document)
        #expect(try String(contentsOf: file, encoding: .utf8) == expected)
    }

    @Test("unreadable files and unknown extensions are .file errors; nothing is imported or written")
    func refusals() async throws {
        let store = try NotebookStore.inMemory()
        let folder = try StoreTestSupport.temporaryDirectory()
        let broken = folder.appendingPathComponent("broken.ipynb")
        try Data("{\"nbformat\": 4".utf8).write(to: broken)
        let error = await storeError { try await store.importFile(at: broken) }
        guard case .file(let fileError) = error else {
            Issue.record("expected .file, got \(String(describing: error))")
            return
        }
        #expect(fileError.kind == .malformedJSON)
        #expect(try await store.listNotebooks().isEmpty)
        let id = try await store.importNotebook(StoreTestSupport.sampleDocument()).document.id
        let target = folder.appendingPathComponent("out.docx")
        guard case .file = await storeError({ try await store.exportNotebook(id: id, to: target) }) else {
            Issue.record("expected .file")
            return
        }
        #expect(!FileManager.default.fileExists(atPath: target.path))
        #expect(
            await storeError {
                try await store.exportNotebook(id: "nope", to: folder.appendingPathComponent("x.ipynb"))
            }
                == .notFound(notebook: "nope"))
    }
}
