import Foundation
import Notebook
import Testing

@testable import Store

/// Issue 16: metadata holding `NaN` or `Infinity` (as Python's `json` writes it) is stored as `null`
/// instead of failing SQLite's `json_valid` check.
@Suite("Non-finite numbers in stored JSON")
struct NonFiniteNumberTests {
    @Test("NaN and the infinities in notebook, cell and output metadata are stored as null")
    func storedAsNull() async throws {
        let (store, path) = try StoreTestSupport.fileStore()
        let document = NotebookDocument(
            title: "NaN", metadata: ["scale": .number(.nan), "limits": [.number(.infinity), 1.5]],
            cells: [
                Cell(
                    id: CellID("a")!, kind: .code, source: "1", executionCount: 1,
                    outputs: [
                        .executeResult(
                            executionCount: 1,
                            data: MimeBundle(text: "1", other: ["application/json": ["y": .number(-.infinity)]]),
                            metadata: ["v": .number(.nan)])
                    ],
                    metadata: ["ratio": .number(-.infinity)])
            ])
        let stored = try await store.importNotebook(document)
        let read = try await NotebookStore(path: path).notebook(id: stored.document.id).document
        #expect(read.metadata == ["scale": nil, "limits": [nil, 1.5]])
        #expect(read.cells[0].metadata == ["ratio": nil])
        #expect(
            read.cells[0].outputs == [
                .executeResult(
                    executionCount: 1, data: MimeBundle(text: "1", other: ["application/json": ["y": nil]]),
                    metadata: ["v": nil])
            ])
        // Outputs saved by a run, too.
        _ = try await store.saveOutputs(
            notebook: stored.document.id, cell: CellID("a")!,
            outputs: [.displayData(data: MimeBundle(text: "x"), metadata: ["w": .number(.infinity)])],
            executionCount: 2, timing: nil)
        let saved = try await NotebookStore(path: path).notebook(id: stored.document.id).document
        #expect(saved.cells[0].outputs == [.displayData(data: MimeBundle(text: "x"), metadata: ["w": nil])])
    }
}
