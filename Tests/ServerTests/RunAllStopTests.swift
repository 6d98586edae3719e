import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LoopbackHTTP
import Notebook
import Store
import Testing

@testable import Server

/// Issue 16: "Run all" (and the other multi-cell runs) stops at the first cell that raises or whose kernel
/// dies, as Jupyter and `convbook run` do; the cells after it are not run and the page is told so. A cell
/// run on its own (Shift+Enter) never cancels others.
@Suite struct RunAllStopTests {
    /// A router-tested server whose cells run on a `ScriptedExecutor`, with a notebook of these cells.
    struct Fixture: Sendable {
        let executor = ScriptedExecutor()
        let services: ServerServices
        let app: Application<ConvbookResponder>
        let notebookID: String
        let cellIDs: [String]

        init(sources: [String]) async throws {
            let store = try NotebookStore.inMemory()
            var configuration = ServerConfiguration(token: TestServer.token)
            configuration.webDirectory = try TestServer.makeWebDirectory().path
            services = ServerServices(store: store, executor: executor, configuration: configuration)
            app = ConvbookServer.application(services: services)
            let created = try await store.createNotebook(
                title: "run all", cells: sources.map { Cell(kind: .code, source: $0) })
            notebookID = created.document.id
            cellIDs = created.document.cells.map(\.id.rawValue)
        }

        func run(_ client: any TestClientProtocol, _ body: String) async throws -> TestResponse {
            try await client.execute(
                uri: "/api/notebooks/\(notebookID)/run", method: .post, headers: authorized(), body: json(body))
        }

        /// Reads events until one of kind `kind`; returns its data.
        func next(_ kind: String, from iterator: inout AsyncStream<ByteBuffer>.Iterator) async throws -> JSONValue {
            while let frame = await iterator.next() {
                let text = frame.getString(at: frame.readerIndex, length: frame.readableBytes) ?? ""
                let lines = text.split(separator: "\n")
                guard lines.first == "event: \(kind)", let data = lines.first(where: { $0.hasPrefix("data: ") })
                else { continue }
                return try JSONParser.parse(Array(data.dropFirst(6).utf8))
            }
            throw LoopbackHTTPConnection.Failure(description: "the stream ended before a '\(kind)' event")
        }

        /// Waits until nothing is queued or running, then returns the cells as the API shows them.
        /// The wait ends well inside each test's one-minute limit but far from what the cells take
        /// on a quiet machine (milliseconds): a 10-second wait ran out once in a fresh-clone CI run
        /// on a loaded 2-core machine while the queue was still draining.
        func settledCells(_ client: any TestClientProtocol) async throws -> [JSONValue] {
            let deadline = ContinuousClock.now + .seconds(40)
            while ContinuousClock.now < deadline {
                if await services.coordinator.queue(notebookID: notebookID).isEmpty {
                    return try await client.execute(
                        uri: "/api/notebooks/\(notebookID)", method: .get, headers: authorized()
                    ).json["cells"]?.arrayValue ?? []
                }
                try await Task.sleep(for: .milliseconds(10))
            }
            Issue.record("the queue did not empty")
            return []
        }
    }

    @Test(.timeLimit(.minutes(1)), arguments: ["fail", "die"])
    func runAllStopsAtTheFirstFailure(failure: String) async throws {
        let fixture = try await Fixture(sources: ["a = 1", failure, "b = 2", "print(b)"])
        let ids = fixture.cellIDs
        let stream = await fixture.services.coordinator.subscribe(notebookID: fixture.notebookID)
        try await fixture.app.test(.router) { client in
            var events = stream.makeAsyncIterator()
            let run = try await fixture.run(client, #"{"mode": "all"}"#)
            #expect(run.status == .accepted)
            #expect(try run.json["queued"] == .array(ids.map { .string($0) }))
            let stopped = try await fixture.next("stopped", from: &events)
            #expect(stopped["cellId"]?.stringValue == ids[1])
            #expect(stopped["reason"]?.stringValue == (failure == "fail" ? "error" : "died"))
            #expect(stopped["cellIds"] == [.string(ids[2]), .string(ids[3])])

            let cells = try await fixture.settledCells(client)
            #expect(
                cells.map { $0["status"]?.stringValue } == [
                    "done", failure == "fail" ? "error" : "died", "idle", "idle",
                ])
            #expect(cells[2]["outputs"] == [])
            #expect(cells[3]["executionCount"] == .null)
        }
        #expect(await fixture.executor.ran == [ids[0], ids[1]])
    }

    @Test(.timeLimit(.minutes(1)), arguments: ["from", "cells"])
    func otherMultiCellRunsStopToo(mode: String) async throws {
        let fixture = try await Fixture(sources: ["x = 1", "fail", "y = x"])
        let ids = fixture.cellIDs
        try await fixture.app.test(.router) { client in
            let body =
                mode == "from"
                ? #"{"mode": "from", "cellId": "\#(ids[0])"}"#
                : JSONWriter.compact(.object(["mode": "cells", "cellIds": .array(ids.map { .string($0) })]))
            let run = try await fixture.run(client, body)
            #expect(run.status == .accepted)
            let cells = try await fixture.settledCells(client)
            #expect(cells.map { $0["status"]?.stringValue } == ["done", "error", "idle"])
        }
        #expect(await fixture.executor.ran == [ids[0], ids[1]])
    }

    @Test(.timeLimit(.minutes(1))) func singleCellRunsAreNotCancelledByAFailure() async throws {
        let fixture = try await Fixture(sources: ["slow", "fail", "b = 2", "print(b)"])
        let ids = fixture.cellIDs
        try await fixture.app.test(.router) { client in
            // Shift+Enter four times in a row: each cell is its own run.
            for id in ids {
                _ = try await fixture.run(client, #"{"mode": "cell", "cellId": "\#(id)"}"#)
            }
            let cells = try await fixture.settledCells(client)
            #expect(cells.map { $0["status"]?.stringValue } == ["done", "error", "done", "done"])
        }
        #expect(await fixture.executor.ran == ids)
    }

    @Test(.timeLimit(.minutes(1))) func theRestCanBeRunAnyway() async throws {
        let fixture = try await Fixture(sources: ["a = 1", "fail", "fail", "print(a)"])
        let ids = fixture.cellIDs
        let stream = await fixture.services.coordinator.subscribe(notebookID: fixture.notebookID)
        try await fixture.app.test(.router) { client in
            var events = stream.makeAsyncIterator()
            _ = try await fixture.run(client, #"{"mode": "all"}"#)
            let stopped = try await fixture.next("stopped", from: &events)
            let rest = stopped["cellIds"]?.arrayValue ?? []
            #expect(rest == [.string(ids[2]), .string(ids[3])])
            // "Run the rest anyway": these cells, not stopping at the next error.
            let body = JSONWriter.compact(
                .object(["mode": "cells", "cellIds": .array(rest), "stopOnError": false]))
            let again = try await fixture.run(client, body)
            #expect(again.status == .accepted)
            #expect(try again.json["queued"] == .array(rest))
            let cells = try await fixture.settledCells(client)
            #expect(cells.map { $0["status"]?.stringValue } == ["done", "error", "error", "done"])
        }
        #expect(await fixture.executor.ran == ids)
    }

    @Test(.timeLimit(.minutes(1))) func aPageThatConnectsAfterAStopIsStillOfferedTheRest() async throws {
        let fixture = try await Fixture(sources: ["a = 1", "fail", "print(a)"])
        let ids = fixture.cellIDs
        try await fixture.app.test(.router) { client in
            _ = try await fixture.run(client, #"{"mode": "all"}"#)
            _ = try await fixture.settledCells(client)
            // A page reloaded (or reconnected) after the stop gets it in its snapshot.
            var late = await fixture.services.coordinator.subscribe(notebookID: fixture.notebookID)
                .makeAsyncIterator()
            let snapshot = try await fixture.next("snapshot", from: &late)
            #expect(snapshot["stopped"]?["cellId"]?.stringValue == ids[1])
            #expect(snapshot["stopped"]?["cellIds"] == [.string(ids[2])])
            // Once the rest has run, there is nothing to offer.
            _ = try await fixture.run(
                client,
                JSONWriter.compact(.object(["mode": "cells", "cellIds": [.string(ids[2])], "stopOnError": false])))
            _ = try await fixture.settledCells(client)
            var later = await fixture.services.coordinator.subscribe(notebookID: fixture.notebookID)
                .makeAsyncIterator()
            #expect(try await fixture.next("snapshot", from: &later)["stopped"] == .null)
        }
    }

    @Test func listedCellsAreCheckedLikeOtherRuns() async throws {
        let fixture = try await Fixture(sources: ["x = 1"])
        try await fixture.app.test(.router) { client in
            let cases: [(String, HTTPResponse.Status)] = [
                (#"{"mode": "cells"}"#, .badRequest),
                (#"{"mode": "cells", "cellIds": "x"}"#, .badRequest),
                (#"{"mode": "cells", "cellIds": [1]}"#, .badRequest),
                (#"{"mode": "cells", "cellIds": ["nothere"]}"#, .notFound),
                (#"{"mode": "all", "stopOnError": "no"}"#, .badRequest),
                (#"{"mode": "cells", "cellIds": []}"#, .accepted),
            ]
            for (body, status) in cases {
                let response = try await fixture.run(client, body)
                #expect(response.status == status, "\(body)")
            }
        }
    }
}
