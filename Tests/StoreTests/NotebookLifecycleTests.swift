import Foundation
import Notebook
import Testing

@testable import Store

@Suite("Notebooks: create, read, rename, replace, duplicate, delete")
struct NotebookLifecycleTests {
    @Test("an imported notebook reads back equal, outputs and pictures included")
    func importRoundTrip() async throws {
        let store = try NotebookStore.inMemory(clock: { StoreTestSupport.now })
        let document = StoreTestSupport.sampleDocument()
        let imported = try await store.importNotebook(document)
        #expect(imported.revision == 1)
        #expect(imported.document == document)
        let read = try await store.notebook(id: document.id)
        #expect(read.document == document)
        #expect(read.revision == 1)
    }

    @Test("a created notebook gets a fresh id, the clock's dates and revision 1, and is listed")
    func create() async throws {
        let store = try NotebookStore.inMemory(clock: { StoreTestSupport.now })
        let created = try await store.createNotebook(title: "Pooling", cells: [.code("pool2d(X, (2, 2))")])
        #expect(CellID.isValid(created.document.id))
        #expect(created.document.created == StoreTestSupport.now)
        #expect(created.document.updated == StoreTestSupport.now)
        #expect(created.revision == 1)
        #expect(try await store.notebook(id: created.document.id) == created)
        let list = try await store.listNotebooks()
        #expect(
            list == [
                NotebookSummary(
                    id: created.document.id, title: "Pooling", created: StoreTestSupport.now,
                    updated: StoreTestSupport.now, cellCount: 1, revision: 1)
            ])
    }

    @Test("the list is ordered by title ignoring case and counts cells")
    func listOrder() async throws {
        let store = try NotebookStore.inMemory()
        for (title, cells) in [("padding", 2), ("Edge detection", 0), ("cross-correlation", 3)] {
            _ = try await store.createNotebook(title: title, cells: (0..<cells).map { _ in .code("x") })
        }
        let list = try await store.listNotebooks()
        #expect(list.map(\.title) == ["cross-correlation", "Edge detection", "padding"])
        #expect(list.map(\.cellCount) == [3, 0, 2])
    }

    @Test("importing keeps a free valid id, and replaces a taken or invalid one")
    func importIDs() async throws {
        let store = try NotebookStore.inMemory()
        let first = try await store.importNotebook(StoreTestSupport.sampleDocument())
        #expect(first.document.id == "sample-notebook")
        let second = try await store.importNotebook(StoreTestSupport.sampleDocument())
        #expect(second.document.id != "sample-notebook")
        var odd = StoreTestSupport.sampleDocument()
        odd.id = "../etc/passwd"
        let third = try await store.importNotebook(odd)
        #expect(CellID.isValid(third.document.id))
        #expect(try await store.listNotebooks().count == 3)
        #expect(try await store.notebook(id: second.document.id).document.cells == first.document.cells)
    }

    @Test("rename bumps the revision; a stale rename is a conflict and changes nothing")
    func rename() async throws {
        let store = try NotebookStore.inMemory()
        let created = try await store.createNotebook(title: "Draft")
        let id = created.document.id
        let revision = try await store.rename(id: id, title: "Stride", expectedRevision: 1)
        #expect(revision == 2)
        #expect(
            await storeError { try await store.rename(id: id, title: "Lost", expectedRevision: 1) }
                == .conflict(expected: 1, actual: 2))
        let read = try await store.notebook(id: id)
        #expect(read.document.title == "Stride")
        #expect(read.revision == 2)
    }

    @Test(
        "titles that are blank or too long are refused",
        arguments: ["", "   ", "\n", String(repeating: "x", count: 501)])
    func badTitles(title: String) async throws {
        let store = try NotebookStore.inMemory()
        let created = try await store.createNotebook(title: "Fine")
        let error = await storeError {
            try await store.rename(id: created.document.id, title: title, expectedRevision: 1)
        }
        guard case .invalid = error else {
            Issue.record("expected .invalid, got \(String(describing: error))")
            return
        }
        #expect(await storeError { try await store.createNotebook(title: title) } == error)
    }

    @Test("unknown notebooks are .notFound for every operation")
    func notFound() async throws {
        let store = try NotebookStore.inMemory()
        let missing = StoreError.notFound(notebook: "nope")
        #expect(await storeError { try await store.notebook(id: "nope") } == missing)
        #expect(await storeError { try await store.summary(id: "nope") } == missing)
        #expect(await storeError { try await store.rename(id: "nope", title: "x", expectedRevision: 1) } == missing)
        #expect(await storeError { try await store.delete(id: "nope") } == missing)
        #expect(await storeError { try await store.duplicate(id: "nope") } == missing)
        #expect(
            await storeError {
                try await store.insertCell(notebook: "nope", at: 0, cell: .code(""), expectedRevision: 1)
            } == missing)
        #expect(
            await storeError {
                try await store.saveOutputs(
                    notebook: "nope", cell: CellID("a")!, outputs: [], executionCount: nil, timing: nil)
            } == missing)
    }

    @Test("replace swaps title, metadata and cells, keeps id and creation date")
    func replace() async throws {
        let store = try NotebookStore.inMemory(clock: { StoreTestSupport.now })
        let original = try await store.importNotebook(StoreTestSupport.sampleDocument())
        var edited = original.document
        edited.title = "Renamed"
        edited.metadata = ["note": "changed"]
        edited.cells.reverse()
        edited.cells[0].source = "changed"
        let revision = try await store.replaceNotebook(id: edited.id, with: edited, expectedRevision: 1)
        #expect(revision == 2)
        let read = try await store.notebook(id: edited.id)
        edited.updated = StoreTestSupport.now
        #expect(read.document == edited)
        #expect(
            await storeError { try await store.replaceNotebook(id: edited.id, with: edited, expectedRevision: 1) }
                == .conflict(expected: 1, actual: 2))
    }

    @Test("a document with two cells of the same id is refused, and nothing is stored")
    func duplicateCellIDs() async throws {
        let store = try NotebookStore.inMemory()
        var document = StoreTestSupport.sampleDocument()
        document.cells.append(Cell(id: CellID("intro")!, kind: .code, source: "again"))
        #expect(
            await storeError { try await store.importNotebook(document) }
                == .invalid(.duplicateCellID(CellID("intro")!)))
        #expect(try await store.listNotebooks().isEmpty)
    }

    @Test("duplicate copies cells and outputs under a new id, sharing pictures")
    func duplicate() async throws {
        let later = Date(timeIntervalSince1970: 1_800_000_000)
        let store = try NotebookStore.inMemory(clock: { later })
        let original = try await store.importNotebook(StoreTestSupport.sampleDocument())
        let copy = try await store.duplicate(id: original.document.id)
        #expect(copy.document.id != original.document.id)
        #expect(copy.document.title == "Multiple channels (copy)")
        #expect(copy.document.created == later)
        #expect(copy.document.cells == original.document.cells)
        #expect(copy.revision == 1)
        #expect(try await store.notebook(id: copy.document.id) == copy)
        #expect(try await StoreInspection.count(store, "images") == 1)
        let named = try await store.duplicate(id: original.document.id, title: "Mine")
        #expect(named.document.title == "Mine")
        let long = String(repeating: "t", count: 500)
        _ = try await store.rename(id: original.document.id, title: long, expectedRevision: 1)
        let longCopy = try await store.duplicate(id: original.document.id)
        #expect(longCopy.document.title.count == 500)
        #expect(longCopy.document.title.hasSuffix(" (copy)"))
    }

    @Test("delete removes the notebook and, by cascade, its cells and picture references")
    func cascadeDelete() async throws {
        let store = try NotebookStore.inMemory()
        let kept = try await store.importNotebook(StoreTestSupport.sampleDocument(picture: StoreTestSupport.picture(7)))
        let doomed = try await store.importNotebook(
            StoreTestSupport.sampleDocument(picture: StoreTestSupport.picture(8)))
        #expect(
            await storeError { try await store.delete(id: doomed.document.id, expectedRevision: 5) }
                == .conflict(expected: 5, actual: 1))
        try await store.delete(id: doomed.document.id, expectedRevision: 1)
        #expect(
            await storeError { try await store.notebook(id: doomed.document.id) }
                == .notFound(notebook: doomed.document.id))
        #expect(try await StoreInspection.count(store, "cells") == kept.document.cells.count)
        #expect(try await StoreInspection.count(store, "cell_images") == 1)
        // The deleted notebook's picture stays until garbage collection, then goes; the kept one stays.
        #expect(try await StoreInspection.count(store, "images") == 2)
        let report = try await store.collectGarbage()
        #expect(report == GarbageReport(images: 1, bytes: StoreTestSupport.picture(8).bytes.count))
        #expect(try await store.image(sha256: StoreTestSupport.picture(8).sha256) == nil)
        #expect(try await store.image(sha256: StoreTestSupport.picture(7).sha256) == StoreTestSupport.picture(7).bytes)
        #expect(try await store.notebook(id: kept.document.id).document == kept.document)
    }
}
