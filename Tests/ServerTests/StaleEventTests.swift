import Foundation
import Hummingbird
import Kernel
import LoopbackHTTP
import Notebook
import Store
import Testing

@testable import Server

/// `stale` events on the coordinator's event streams: sent when the list changes, not after every run.
@Suite struct StaleEventTests {
    /// Reads frames until one of kind `kind` arrives; returns its data line's JSON.
    func next(_ kind: String, from iterator: inout AsyncStream<ByteBuffer>.Iterator) async throws -> JSONValue {
        while let frame = await iterator.next() {
            let text = frame.getString(at: frame.readerIndex, length: frame.readableBytes) ?? ""
            let lines = text.split(separator: "\n")
            guard lines.first == "event: \(kind)", let data = lines.first(where: { $0.hasPrefix("data: ") }) else {
                continue
            }
            return try JSONParser.parse(Array(data.dropFirst(6).utf8))
        }
        throw LoopbackHTTPConnection.Failure(description: "the stream ended before a '\(kind)' event")
    }

    /// Reads frames until the cell's run ends; returns the kinds of every frame read.
    func kinds(untilDone cellID: String, from iterator: inout AsyncStream<ByteBuffer>.Iterator) async -> [String] {
        var kinds: [String] = []
        while let frame = await iterator.next() {
            let text = frame.getString(at: frame.readerIndex, length: frame.readableBytes) ?? ""
            kinds.append(String(text.split(separator: "\n").first?.dropFirst(7) ?? ""))
            if text.contains(#""cellId": "\#(cellID)""#), text.contains(#""status": "done""#) { return kinds }
        }
        return kinds
    }

    @Test(.timeLimit(.minutes(1))) func aStaleListIsSentWhenItChangesAndToEveryNewPage() async throws {
        let store = try NotebookStore.inMemory()
        let notebook = try await store.createNotebook(
            title: "stale", cells: [Cell(kind: .code, source: "X = 1"), Cell(kind: .code, source: "Y = X + 1")])
        let id = notebook.document.id
        let (a, b) = (notebook.document.cells[0].id.rawValue, notebook.document.cells[1].id.rawValue)
        let coordinator = ExecutionCoordinator(store: store, executor: InProcessExecutor())
        var page = await coordinator.subscribe(notebookID: id).makeAsyncIterator()
        _ = try await next("snapshot", from: &page)

        let cells = [
            NotebookRunState.QueuedCell(cell: CellRun(cellID: a, code: "X = 1")),
            .init(cell: CellRun(cellID: b, code: "Y = X + 1")),
        ]
        _ = await coordinator.enqueue(notebookID: id, cells: cells)
        // The first list (nothing stale) goes out after A; B's run leaves it unchanged, so none follows B.
        #expect(await kinds(untilDone: a, from: &page).contains("stale") == false)
        #expect(try await next("stale", from: &page)["cellIds"] == [])
        #expect(await kinds(untilDone: b, from: &page).contains("stale") == false)

        // Running A again makes B stale (B read the X of A's earlier run): the changed list is sent.
        _ = await coordinator.enqueue(notebookID: id, cells: [cells[0]])
        #expect(try await next("stale", from: &page)["cellIds"] == [.string(b)])

        // The same list again goes only because a page connected since, and it reaches that page too.
        var later = await coordinator.subscribe(notebookID: id).makeAsyncIterator()
        _ = try await next("snapshot", from: &later)
        await coordinator.publishStale(id)
        #expect(try await next("stale", from: &later)["cellIds"] == [.string(b)])
        #expect(try await next("stale", from: &page)["cellIds"] == [.string(b)])
        await coordinator.shutdown()
    }

    /// Running an import cell again rebinds the same module: the cells that use it stay fresh.
    @Test(.timeLimit(.minutes(1))) func reRunningAnImportLeavesItsReadersFresh() async throws {
        let store = try NotebookStore.inMemory()
        let sources = ["import math", "Y = math.sqrt(4)"]
        let notebook = try await store.createNotebook(
            title: "imports", cells: sources.map { Cell(kind: .code, source: $0) })
        let id = notebook.document.id
        let ids = notebook.document.cells.map(\.id.rawValue)
        let coordinator = ExecutionCoordinator(store: store, executor: InProcessExecutor())
        var page = await coordinator.subscribe(notebookID: id).makeAsyncIterator()
        _ = try await next("snapshot", from: &page)
        let cells = zip(ids, sources).map { NotebookRunState.QueuedCell(cell: CellRun(cellID: $0, code: $1)) }
        _ = await coordinator.enqueue(notebookID: id, cells: cells)
        _ = await kinds(untilDone: ids[1], from: &page)
        _ = await coordinator.enqueue(notebookID: id, cells: [cells[0]])
        #expect(await kinds(untilDone: ids[0], from: &page).contains("stale") == false)
        var later = await coordinator.subscribe(notebookID: id).makeAsyncIterator()
        _ = try await next("snapshot", from: &later)
        await coordinator.publishStale(id)
        #expect(try await next("stale", from: &later)["cellIds"] == [])
    }
}
