import Foundation
import Hummingbird
import HummingbirdTesting
import Notebook
import Testing

@testable import Server

/// Issue 23: a session that ends by itself (idle timeout, kernel exit) is said on the page and leaves every
/// cell that ran stale.
@Suite struct SessionEndTests {
    typealias Fixture = RunAllStopTests.Fixture

    /// Reads events of `kind` until one satisfies `accept`.
    func next(
        _ kind: String, from events: inout AsyncStream<ByteBuffer>.Iterator, fixture: Fixture,
        where accept: (JSONValue) -> Bool
    ) async throws -> JSONValue {
        while true {
            let event = try await fixture.next(kind, from: &events)
            if accept(event) { return event }
        }
    }

    func cells(_ ids: String...) -> String {
        JSONWriter.compact(.object(["mode": "cells", "cellIds": .array(ids.map { .string($0) })]))
    }

    @Test(.timeLimit(.minutes(1))) func anEndedSessionIsSaidAndLeavesEveryCellThatRanStale() async throws {
        let fixture = try await Fixture(sources: ["X = 1", "Y = X + 1", "never = 0"])
        let ids = fixture.cellIDs
        let stream = await fixture.services.coordinator.subscribe(notebookID: fixture.notebookID)
        try await fixture.app.test(.router) { client in
            var events = stream.makeAsyncIterator()
            _ = try await fixture.run(client, cells(ids[0], ids[1]))
            _ = try await fixture.settledCells(client)
            await fixture.executor.endSession(fixture.notebookID)

            let kernel = try await next("kernel", from: &events, fixture: fixture) { $0["state"] == "ended" }
            #expect(kernel["reason"] == "idle")
            #expect(kernel["idleSeconds"] == 1800)
            let stale = try await next("stale", from: &events, fixture: fixture) {
                $0["cellIds"]?.arrayValue?.count == 2
            }
            #expect(stale["cellIds"] == [.string(ids[0]), .string(ids[1])])
            #expect(stale["marks"]?[ids[0]] == ["state": "stale", "reason": "session-ended"])

            var shown = try await fixture.settledCells(client)
            #expect(shown.map { $0["stale"] } == [true, true, false])
            // A page opened now is told too.
            var late = await fixture.services.coordinator.subscribe(notebookID: fixture.notebookID)
                .makeAsyncIterator()
            #expect(try await fixture.next("snapshot", from: &late)["kernel"]?["state"] == "ended")

            // Running a cell starts the new session: the notice goes, that cell is up to date again.
            _ = try await fixture.run(client, cells(ids[0]))
            shown = try await fixture.settledCells(client)
            #expect(shown.map { $0["stale"] } == [false, true, false])
            var later = await fixture.services.coordinator.subscribe(notebookID: fixture.notebookID)
                .makeAsyncIterator()
            #expect(try await fixture.next("snapshot", from: &later)["kernel"] == .null)
        }
    }
}
