import Foundation
import Notebook
import Testing

@testable import Store

@Suite("Cells: insert, update, move, delete")
struct CellEditTests {
    /// A notebook with cells c0…c(n-1) holding sources "0"…"n-1"; returns its id.
    static func numbered(_ store: NotebookStore, count: Int) async throws -> String {
        let cells = (0..<count).map { Cell(id: CellID("c\($0)")!, kind: .code, source: "\($0)") }
        return try await store.createNotebook(title: "Numbered", cells: cells).document.id
    }

    static func sources(_ store: NotebookStore, _ id: String) async throws -> [String] {
        try await store.notebook(id: id).document.cells.map(\.source)
    }

    @Test("insert at every position puts the cell there and keeps positions dense", arguments: 0...4)
    func insert(at position: Int) async throws {
        let store = try NotebookStore.inMemory()
        let id = try await Self.numbered(store, count: 4)
        let cell = Cell(id: CellID("new")!, kind: .markdown, source: "new", tags: ["note"])
        let revision = try await store.insertCell(notebook: id, at: position, cell: cell, expectedRevision: 1)
        #expect(revision == 2)
        var expected = ["0", "1", "2", "3"]
        expected.insert("new", at: position)
        #expect(try await Self.sources(store, id) == expected)
        #expect(try await store.notebook(id: id).document.cells[position] == cell)
        #expect(try await StoreInspection.positions(store, notebook: id) == Array(0..<5))
    }

    @Test("insert refuses positions outside 0…count and ids already used, writing nothing")
    func insertRefusals() async throws {
        let store = try NotebookStore.inMemory()
        let id = try await Self.numbered(store, count: 2)
        for position in [-1, 3] {
            #expect(
                await storeError {
                    try await store.insertCell(notebook: id, at: position, cell: .code("x"), expectedRevision: 1)
                } == .invalid(.position(position, valid: 0...2)))
        }
        let taken = Cell(id: CellID("c1")!, kind: .code, source: "x")
        #expect(
            await storeError { try await store.insertCell(notebook: id, at: 0, cell: taken, expectedRevision: 1) }
                == .invalid(.duplicateCellID(CellID("c1")!)))
        let tagged = Cell.code("x", tags: ["a,b"])
        #expect(
            await storeError { try await store.insertCell(notebook: id, at: 0, cell: tagged, expectedRevision: 1) }
                == .invalid(.badTag("a,b")))
        #expect(
            await storeError { try await store.insertCell(notebook: id, at: 0, cell: .code("x"), expectedRevision: 0) }
                == .conflict(expected: 0, actual: 1))
        #expect(try await Self.sources(store, id) == ["0", "1"])
        #expect(try await store.notebook(id: id).revision == 1)
    }

    @Test(
        "move from every position to every position matches Array's remove+insert",
        arguments: Array(0..<5), Array(0..<5))
    func move(from: Int, to: Int) async throws {
        let store = try NotebookStore.inMemory()
        let id = try await Self.numbered(store, count: 5)
        let revision = try await store.moveCell(notebook: id, cell: CellID("c\(from)")!, to: to, expectedRevision: 1)
        #expect(revision == 2)
        var expected = ["0", "1", "2", "3", "4"]
        expected.insert(expected.remove(at: from), at: to)
        #expect(try await Self.sources(store, id) == expected)
        #expect(try await StoreInspection.positions(store, notebook: id) == Array(0..<5))
    }

    @Test("move refuses a target outside 0…count-1 and unknown cells")
    func moveRefusals() async throws {
        let store = try NotebookStore.inMemory()
        let id = try await Self.numbered(store, count: 3)
        #expect(
            await storeError { try await store.moveCell(notebook: id, cell: CellID("c0")!, to: 3, expectedRevision: 1) }
                == .invalid(.position(3, valid: 0...2)))
        #expect(
            await storeError { try await store.moveCell(notebook: id, cell: CellID("zz")!, to: 0, expectedRevision: 1) }
                == .cellNotFound(notebook: id, cell: CellID("zz")!))
        #expect(try await Self.sources(store, id) == ["0", "1", "2"])
    }

    @Test("delete at every position closes the gap", arguments: 0..<4)
    func delete(at position: Int) async throws {
        let store = try NotebookStore.inMemory()
        let id = try await Self.numbered(store, count: 4)
        let revision = try await store.deleteCell(notebook: id, cell: CellID("c\(position)")!, expectedRevision: 1)
        #expect(revision == 2)
        var expected = ["0", "1", "2", "3"]
        expected.remove(at: position)
        #expect(try await Self.sources(store, id) == expected)
        #expect(try await StoreInspection.positions(store, notebook: id) == Array(0..<3))
        #expect(
            await storeError {
                try await store.deleteCell(notebook: id, cell: CellID("c\(position)")!, expectedRevision: 2)
            } == .cellNotFound(notebook: id, cell: CellID("c\(position)")!))
    }

    @Test("update changes only the parts given")
    func update() async throws {
        let store = try NotebookStore.inMemory()
        let id = try await store.importNotebook(StoreTestSupport.sampleDocument()).document.id
        let before = try await store.notebook(id: id).document.cells[2]
        var revision = try await store.updateCell(
            notebook: id, cell: before.id, source: "d2l.corr2d(X, K) + 1", expectedRevision: 1)
        revision = try await store.updateCell(
            notebook: id, cell: before.id, tags: ["edited"], expectedRevision: revision)
        #expect(revision == 3)
        var expected = before
        expected.source = "d2l.corr2d(X, K) + 1"
        expected.tags = ["edited"]
        #expect(try await store.notebook(id: id).document.cells[2] == expected)
        #expect(
            await storeError {
                try await store.updateCell(notebook: id, cell: before.id, tags: ["x", "x"], expectedRevision: 3)
            } == .invalid(.duplicateTag("x")))
    }

    @Test("a code cell turned into markdown loses its outputs, count and timing")
    func changeType() async throws {
        let store = try NotebookStore.inMemory()
        let id = try await store.importNotebook(StoreTestSupport.sampleDocument()).document.id
        let before = try await store.notebook(id: id).document.cells[2]
        _ = try await store.updateCell(notebook: id, cell: before.id, type: .markdown, expectedRevision: 1)
        let after = try await store.notebook(id: id).document.cells[2]
        #expect(after.kind == .markdown)
        #expect(after.outputs.isEmpty && after.executionCount == nil && after.timing == nil)
        #expect(after.source == before.source && after.tags == before.tags)
        #expect(try await StoreInspection.count(store, "cell_images") == 0)
    }
}
