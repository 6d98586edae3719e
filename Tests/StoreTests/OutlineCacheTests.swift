import Foundation
import Notebook
import Synchronization
import Testing

@testable import Store

@Suite("Cached outlines always equal a fresh read of the database")
struct OutlineCacheTests {
    /// The outline read straight from the database, past the cache.
    static func fresh(_ store: NotebookStore, _ id: String) async throws -> NotebookOutline {
        try await store.read { db in try NotebookRows.outline(id, db) }
    }

    /// A clock that ticks by 1.2345 ms, so stored dates really are rounded to milliseconds.
    static func tickingClock() -> @Sendable () -> Date {
        let ticks = Mutex(0)
        return {
            let tick = ticks.withLock { ticks in
                ticks += 1
                return ticks
            }
            return Date(timeIntervalSince1970: 1_795_000_000 + Double(tick) * 0.001_234_5)
        }
    }

    @Test("after every kind of write, the outline served equals a fresh read")
    func everyWrite() async throws {
        let store = try NotebookStore.inMemory(clock: Self.tickingClock())
        let id = try await store.importNotebook(StoreTestSupport.sampleDocument()).document.id
        let corr2d = CellID("corr2d")!
        var revision = 1
        func check(_ step: String) async throws {
            let served = try await store.outline(id: id)
            #expect(served == (try await Self.fresh(store, id)), "after \(step)")
        }
        try await check("import")
        let start = Date(timeIntervalSince1970: 1_795_000_000.123_456_7)
        try await store.saveOutputs(
            notebook: id, cell: corr2d, outputs: StoreTestSupport.outputs(showing: StoreTestSupport.picture(7)),
            executionCount: 3, timing: CellTiming(start: start, end: nil))
        // The save patched the cached outline rather than dropping it.
        #expect(store.changes.outline(of: id) != nil)
        try await check("an interim output save")
        try await store.saveOutputs(
            notebook: id, cell: corr2d, outputs: [.stream(.stdout, text: "done\n")], executionCount: 3,
            timing: CellTiming(start: start, end: start.addingTimeInterval(0.000_777_7)))
        try await check("a final output save")
        revision = try await store.updateCell(notebook: id, cell: corr2d, source: "X + 1", expectedRevision: revision)
        try await check("a source edit")
        revision = try await store.insertCell(
            notebook: id, at: 1, cell: Cell(kind: .code, source: "Y = 2"), expectedRevision: revision)
        try await check("an insert")
        revision = try await store.moveCell(notebook: id, cell: corr2d, to: 0, expectedRevision: revision)
        try await check("a move")
        revision = try await store.updateCell(notebook: id, cell: corr2d, type: .markdown, expectedRevision: revision)
        try await check("a change to markdown (outputs cleared)")
        revision = try await store.deleteCell(notebook: id, cell: CellID("params")!, expectedRevision: revision)
        try await check("a delete")
        revision = try await store.rename(id: id, title: "Renamed", expectedRevision: revision)
        try await check("a rename")
        _ = await storeError {
            try await store.saveOutputs(
                notebook: id, cell: CellID("params")!, outputs: [], executionCount: 1, timing: nil)
        }
        try await check("a refused output save")
        _ = try await store.replaceNotebook(
            id: id, with: StoreTestSupport.sampleDocument(title: "Replaced"), expectedRevision: revision)
        try await check("a replace")
    }

    @Test("a notebook deleted and imported again under its id is read anew")
    func deletedAndImported() async throws {
        let store = try NotebookStore.inMemory()
        let id = try await store.importNotebook(StoreTestSupport.sampleDocument()).document.id
        _ = try await store.outline(id: id)
        try await store.delete(id: id)
        #expect(await storeError { try await store.outline(id: id) } == .notFound(notebook: id))
        let again = try await store.importNotebook(StoreTestSupport.sampleDocument(title: "Second life"))
        #expect(again.document.id == id)
        #expect(try await store.outline(id: id).summary.title == "Second life")
    }

    @Test("stores opened on the same file see each other's writes")
    func sameFile() async throws {
        let (first, path) = try StoreTestSupport.fileStore()
        let id = try await first.importNotebook(StoreTestSupport.sampleDocument()).document.id
        _ = try await first.outline(id: id)
        let second = try NotebookStore(path: path)
        _ = try await second.updateCell(
            notebook: id, cell: CellID("params")!, source: "scale = 2.0", expectedRevision: 1)
        #expect(try await first.outline(id: id).cells[1].source == "scale = 2.0")
    }

    @Test("output saves racing with reads leave the cache equal to the database")
    func racingSavesAndReads() async throws {
        let (store, _) = try StoreTestSupport.fileStore(clock: Self.tickingClock())
        let id = try await store.importNotebook(StoreTestSupport.sampleDocument()).document.id
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    try await store.saveOutputs(
                        notebook: id, cell: CellID("corr2d")!, outputs: [.stream(.stdout, text: "\(index)\n")],
                        executionCount: index, timing: nil)
                }
                group.addTask { _ = try await store.outline(id: id) }
            }
            try await group.waitForAll()
        }
        #expect(try await store.outline(id: id) == (try await Self.fresh(store, id)))
    }
}
