import Foundation
import Hummingbird
import HummingbirdTesting
import Notebook
import Testing

@testable import Server

/// Issue 23: "Run stale" never re-runs a cell that rebinds a name it reads (`x += 1`, `K = f(K)`) silently.
@Suite struct RunStaleTests {
    typealias Fixture = RunAllStopTests.Fixture

    @Test(.timeLimit(.minutes(1))) func runStaleAsksBeforeRerunningACellThatRebindsWhatItReads() async throws {
        let fixture = try await Fixture(sources: ["x = 0", "x += 1"])
        let ids = fixture.cellIDs
        try await fixture.app.test(.router) { client in
            _ = try await fixture.run(client, #"{"mode": "all"}"#)
            _ = try await fixture.settledCells(client)
            let revision =
                try await client.execute(
                    uri: "/api/notebooks/\(fixture.notebookID)", method: .get, headers: authorized()
                ).json["revision"]?.intValue ?? 0
            let edit = try await client.execute(
                uri: "/api/notebooks/\(fixture.notebookID)/cells/\(ids[1])", method: .patch, headers: authorized(),
                body: json(#"{"source": "x += 1\nx", "revision": \#(revision)}"#))
            #expect(edit.status == .ok)

            let asked = try await fixture.run(client, #"{"mode": "stale"}"#)
            #expect(asked.status == .ok)
            #expect(try asked.json["queued"] == [])
            #expect(try asked.json["unrepeatable"] == [["cellId": .string(ids[1]), "names": ["x"]]])
            #expect(try await fixture.run(client, #"{"mode": "stale", "unrepeatable": "skip"}"#).json["queued"] == [])
            let ran = try await fixture.run(client, #"{"mode": "stale", "unrepeatable": "run"}"#)
            #expect(ran.status == .accepted)
            #expect(try ran.json["queued"] == [.string(ids[1])])
            _ = try await fixture.settledCells(client)
            let refused = try await fixture.run(client, #"{"mode": "stale", "unrepeatable": "maybe"}"#)
            #expect(refused.status == .badRequest)
        }
        #expect(await fixture.executor.ran == [fixture.cellIDs[0], fixture.cellIDs[1], fixture.cellIDs[1]])
    }
}
