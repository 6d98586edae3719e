import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Notebook
import Testing

@testable import Server

/// Running cells through the API with in-process sessions: outputs saved, statuses, stale cells.
@Suite struct ExecutionRouteTests {
    @Test func runningACellSavesItsOutputs() async throws {
        try await TestServer().test { client in
            let (id, _) = try await createNotebook(client)
            let source = "import torch\nX = torch.tensor([[1.0, 2.0], [3.0, 4.0]])\nprint('sum', X.sum().item())\nX * 2"
            let cell = try await insertCell(client, notebook: id, index: 0, source: source, revision: 1)
            let run = try await client.execute(
                uri: "/api/notebooks/\(id)/run", method: .post, headers: authorized(),
                body: json(#"{"mode": "cell", "cellId": "\#(cell.id)"}"#))
            #expect(run.status == .accepted)
            #expect(try run.json["queued"] == [.string(cell.id)])

            let done = try await waitForCell(client, notebook: id, cell: cell.id)
            #expect(done["status"]?.stringValue == "done")
            #expect(done["executionCount"]?.intValue == 1)
            let outputs = try #require(done["outputs"]?.arrayValue)
            #expect(outputs.count == 2)
            #expect(outputs[0]["type"]?.stringValue == "stream")
            #expect(outputs[0]["text"]?.stringValue == "sum 10.0\n")
            #expect(outputs[1]["type"]?.stringValue == "result")
            #expect(outputs[1]["text"]?.stringValue == "tensor([[2., 4.],\n        [6., 8.]])")
        }
    }

    @Test func errorsCarryTheirLineAndColumn() async throws {
        try await TestServer().test { client in
            let (id, _) = try await createNotebook(client)
            let cell = try await insertCell(
                client, notebook: id, index: 0, source: "a = 1\n  \nb = a + missing", revision: 1)
            _ = try await client.execute(
                uri: "/api/notebooks/\(id)/run", method: .post, headers: authorized(),
                body: json(#"{"mode": "all"}"#))
            let done = try await waitForCell(client, notebook: id, cell: cell.id)
            #expect(done["status"]?.stringValue == "error")
            let error = try #require(done["outputs"]?[0])
            #expect(error["type"]?.stringValue == "error")
            #expect(error["name"]?.stringValue == "NameError")
            #expect(error["line"]?.intValue == 3)
            #expect(error["column"]?.intValue == 9)
            #expect(error["endLine"]?.intValue == 3)
            #expect(error["endColumn"]?.intValue == 16)
            // The stored outputs, as a page opened later reads them, carry the same location.
            let notebook = try await client.execute(
                uri: "/api/notebooks/\(id)", method: .get, headers: authorized())
            let stored = try #require(notebook.json["cells"]?[0]?["outputs"]?[0])
            #expect(stored["line"]?.intValue == 3 && stored["column"]?.intValue == 9)
            #expect(stored["endColumn"]?.intValue == 16)
        }
    }

    @Test func picturesAreServedByHash() async throws {
        try await TestServer().test { client in
            let (id, _) = try await createNotebook(client)
            let cell = try await insertCell(
                client, notebook: id, index: 0, source: "import torch\nshow(torch.arange(6.0).reshape(2, 3))",
                revision: 1)
            _ = try await client.execute(
                uri: "/api/notebooks/\(id)/run", method: .post, headers: authorized(),
                body: json(#"{"mode": "cell", "cellId": "\#(cell.id)"}"#))
            let done = try await waitForCell(client, notebook: id, cell: cell.id)
            let image = try #require(done["outputs"]?.arrayValue?.first { $0["type"]?.stringValue == "image" })
            let url = try #require(image["url"]?.stringValue)
            let hash = try #require(image["sha256"]?.stringValue)
            #expect(url == "/api/outputs/\(hash).png")
            let png = try await client.execute(uri: url, method: .get, headers: authorized())
            #expect(png.status == .ok)
            #expect(png.headers[.contentType] == "image/png")
            #expect(png.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(ContentHash.sha256Hex(of: Array(png.body.readableBytesView)) == hash)

            let missing = try await client.execute(
                uri: "/api/outputs/\(String(repeating: "0", count: 64)).png", method: .get, headers: authorized())
            #expect(missing.status == .notFound)
            let malformed = try await client.execute(uri: "/api/outputs/xyz.png", method: .get, headers: authorized())
            #expect(malformed.status == .notFound)
        }
    }

    @Test func editingAnUpstreamCellMarksDependentsStale() async throws {
        try await TestServer().test { client in
            let (id, _) = try await createNotebook(client)
            let a = try await insertCell(client, notebook: id, index: 0, source: "X = 2", revision: 1)
            let b = try await insertCell(client, notebook: id, index: 1, source: "Y = X * 3", revision: a.revision)
            let c = try await insertCell(client, notebook: id, index: 2, source: "Z = Y + 1", revision: b.revision)
            let d = try await insertCell(client, notebook: id, index: 3, source: "W = 5", revision: c.revision)
            _ = try await client.execute(
                uri: "/api/notebooks/\(id)/run", method: .post, headers: authorized(), body: json(#"{"mode": "all"}"#))
            _ = try await waitForCell(client, notebook: id, cell: d.id)

            // Re-running A (it defines X) makes B stale (B read X from it); C read Y, which has not changed.
            _ = try await client.execute(
                uri: "/api/notebooks/\(id)/run", method: .post, headers: authorized(),
                body: json(#"{"mode": "cell", "cellId": "\#(a.id)"}"#))
            try await Task.sleep(for: .milliseconds(50))
            _ = try await waitForCell(client, notebook: id, cell: a.id)
            var stale = try await staleIDs(client, id)
            #expect(stale == [b.id])

            // "run stale" runs B and C, which B's run makes stale, after which nothing is stale.
            let run = try await client.execute(
                uri: "/api/notebooks/\(id)/run", method: .post, headers: authorized(), body: json(#"{"mode": "stale"}"#)
            )
            #expect(try run.json["queued"] == [.string(b.id), .string(c.id)])
            try await Task.sleep(for: .milliseconds(50))
            _ = try await waitForCell(client, notebook: id, cell: c.id)
            stale = try await staleIDs(client, id)
            #expect(stale.isEmpty)

            // Editing a cell that ran makes it stale; the cells that read its names follow when it runs.
            _ = try await client.execute(
                uri: "/api/notebooks/\(id)/cells/\(b.id)", method: .patch, headers: authorized(),
                body: json(#"{"source": "Y = X * 4", "revision": \#(d.revision)}"#))
            stale = try await staleIDs(client, id)
            #expect(stale == [b.id])
        }
    }

    @Test func runFailures() async throws {
        try await TestServer().test { client in
            let (id, _) = try await createNotebook(client)
            let cases: [(String, String, HTTPResponse.Status)] = [
                ("/api/notebooks/\(id)/run", #"{"mode": "sideways"}"#, .badRequest),
                ("/api/notebooks/\(id)/run", #"{"mode": "cell"}"#, .badRequest),
                ("/api/notebooks/\(id)/run", #"{"mode": "cell", "cellId": "nothere"}"#, .notFound),
                ("/api/notebooks/\(id)/run", #"{"mode": "from", "cellId": "nothere"}"#, .notFound),
                ("/api/notebooks/nope/run", #"{"mode": "all"}"#, .notFound),
                ("/api/notebooks/nope/interrupt", "", .notFound),
                ("/api/notebooks/nope/restart", "", .notFound),
            ]
            for (uri, body, status) in cases {
                let response = try await client.execute(
                    uri: uri, method: .post, headers: authorized(), body: json(body))
                #expect(response.status == status, "\(uri) \(body)")
            }
            for uri in ["/api/notebooks/nope/events", "/api/notebooks/nope/variables"] {
                let response = try await client.execute(uri: uri, method: .get, headers: authorized())
                #expect(response.status == .notFound, "\(uri)")
            }
        }
    }

    @Test func interruptRestartAndVariables() async throws {
        try await TestServer().test { client in
            let (id, _) = try await createNotebook(client)
            let cell = try await insertCell(
                client, notebook: id, index: 0, source: "while True:\n    pass", revision: 1)
            _ = try await client.execute(
                uri: "/api/notebooks/\(id)/run", method: .post, headers: authorized(),
                body: json(#"{"mode": "cell", "cellId": "\#(cell.id)"}"#))
            try await Task.sleep(for: .milliseconds(100))
            let interrupt = try await client.execute(
                uri: "/api/notebooks/\(id)/interrupt", method: .post, headers: authorized())
            #expect(interrupt.status == .accepted)
            let done = try await waitForCell(client, notebook: id, cell: cell.id)
            #expect(done["status"]?.stringValue == "interrupted")
            #expect(done["outputs"]?[0]?["name"]?.stringValue == "KeyboardInterrupt")

            let restart = try await client.execute(
                uri: "/api/notebooks/\(id)/restart", method: .post, headers: authorized())
            #expect(restart.status == .accepted)
            let variables = try await client.execute(
                uri: "/api/notebooks/\(id)/variables", method: .get, headers: authorized())
            #expect(variables.status == .ok)
            #expect(try variables.json["variables"]?.arrayValue != nil)
            let heatmap = try await client.execute(
                uri: "/api/notebooks/\(id)/variables/X/heatmap.png", method: .get, headers: authorized())
            #expect(heatmap.status == .notFound)
        }
    }

    private func staleIDs(_ client: any TestClientProtocol, _ id: String) async throws -> [String] {
        let response = try await client.execute(uri: "/api/notebooks/\(id)", method: .get, headers: authorized())
        return (try response.json["cells"]?.arrayValue ?? []).filter { $0["stale"] == true }.compactMap {
            $0["id"]?.stringValue
        }
    }
}
