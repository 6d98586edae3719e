import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Notebook
import Testing

@testable import Server

/// `/api/notebooks/{id}/cells`: insert, update, move, delete, with revisions.
@Suite struct CellRouteTests {
    @Test func insertUpdateMoveDelete() async throws {
        try await TestServer().test { client in
            let (id, _) = try await createNotebook(client)
            let a = try await insertCell(client, notebook: id, index: 0, source: "Y = X + 1", revision: 1)
            let b = try await insertCell(client, notebook: id, index: 0, source: "X = 1", revision: a.revision)
            #expect(b.revision == 3)

            let updated = try await client.execute(
                uri: "/api/notebooks/\(id)/cells/\(a.id)", method: .patch, headers: authorized(),
                body: json(#"{"source": "Z = X * 2", "tags": ["t1"], "revision": 3}"#))
            #expect(updated.status == .ok)
            #expect(try updated.json["revision"]?.intValue == 4)

            let moved = try await client.execute(
                uri: "/api/notebooks/\(id)/cells/\(a.id)/move", method: .post, headers: authorized(),
                body: json(#"{"index": 0, "revision": 4}"#))
            #expect(moved.status == .ok)

            let got = try await client.execute(uri: "/api/notebooks/\(id)", method: .get, headers: authorized())
            let cells = try #require(try got.json["cells"]?.arrayValue)
            #expect(cells.map { $0["id"]?.stringValue } == [a.id, b.id])
            #expect(cells[0]["source"]?.stringValue == "Z = X * 2")
            #expect(cells[0]["tags"] == ["t1"])
            #expect(cells[0]["defines"] == ["Z"])
            #expect(cells[0]["uses"] == ["X"])
            #expect(cells[0]["status"]?.stringValue == "idle")
            #expect(cells[0]["stale"] == false)

            let deleted = try await client.execute(
                uri: "/api/notebooks/\(id)/cells/\(b.id)?revision=5", method: .delete, headers: authorized())
            #expect(deleted.status == .ok)
            #expect(try deleted.json["revision"]?.intValue == 6)
        }
    }

    /// The page brings a deleted cell back (Z) or pastes one (V) with its tags.
    @Test func anInsertedCellCanCarryTags() async throws {
        try await TestServer().test { client in
            let (id, _) = try await createNotebook(client)
            let inserted = try await client.execute(
                uri: "/api/notebooks/\(id)/cells", method: .post, headers: authorized(),
                body: json(
                    #"{"index": 0, "type": "code", "source": "size = 3", "tags": ["parameters"], "revision": 1}"#))
            #expect(inserted.status == .created)
            #expect(try inserted.json["cell"]?["tags"] == ["parameters"])
            let got = try await client.execute(uri: "/api/notebooks/\(id)", method: .get, headers: authorized())
            #expect(try got.json["cells"]?[0]?["tags"] == ["parameters"])
            let refused = try await client.execute(
                uri: "/api/notebooks/\(id)/cells", method: .post, headers: authorized(),
                body: json(#"{"index": 0, "tags": "parameters", "revision": 2}"#))
            #expect(refused.status == .badRequest)
        }
    }

    /// The notebook body is cached between requests; every edit must show in the next GET.
    @Test func everyEditShowsInTheNextRead() async throws {
        try await TestServer().test { client in
            let (id, _) = try await createNotebook(client)
            func read() async throws -> (revision: Int?, sources: [String?]) {
                let got = try await client.execute(uri: "/api/notebooks/\(id)", method: .get, headers: authorized())
                let cells = try got.json["cells"]?.arrayValue ?? []
                return (try got.json["revision"]?.intValue, cells.map { $0["source"]?.stringValue })
            }
            _ = try await read()  // fills the cache
            let a = try await insertCell(client, notebook: id, index: 0, source: "a = 1", revision: 1)
            #expect(try await read() == (a.revision, ["a = 1"]))
            let b = try await insertCell(client, notebook: id, index: 1, source: "b = a", revision: a.revision)
            #expect(try await read() == (b.revision, ["a = 1", "b = a"]))
            let updated = try await client.execute(
                uri: "/api/notebooks/\(id)/cells/\(a.id)", method: .patch, headers: authorized(),
                body: json(#"{"source": "a = 2", "revision": \#(b.revision)}"#))
            #expect(try await read() == (try updated.json["revision"]?.intValue, ["a = 2", "b = a"]))
            let moved = try await client.execute(
                uri: "/api/notebooks/\(id)/cells/\(b.id)/move", method: .post, headers: authorized(),
                body: json(#"{"index": 0, "revision": \#(b.revision + 1)}"#))
            #expect(try await read() == (try moved.json["revision"]?.intValue, ["b = a", "a = 2"]))
            let renamed = try await client.execute(
                uri: "/api/notebooks/\(id)", method: .patch, headers: authorized(),
                body: json(#"{"title": "T2", "revision": \#(b.revision + 2)}"#))
            #expect(try await read().revision == (try renamed.json["revision"]?.intValue))
            let deleted = try await client.execute(
                uri: "/api/notebooks/\(id)/cells/\(a.id)?revision=\(b.revision + 3)", method: .delete,
                headers: authorized())
            #expect(try await read() == (try deleted.json["revision"]?.intValue, ["b = a"]))
        }
    }

    @Test func failures() async throws {
        try await TestServer().test { client in
            let (id, _) = try await createNotebook(client)
            let cell = try await insertCell(client, notebook: id, index: 0, source: "x = 1", revision: 1)
            let cases: [(String, HTTPRequest.Method, String, HTTPResponse.Status)] = [
                ("/api/notebooks/\(id)/cells", .post, #"{"index": 0, "revision": 1}"#, .conflict),
                ("/api/notebooks/\(id)/cells", .post, #"{"index": 9, "revision": 2}"#, .badRequest),
                ("/api/notebooks/\(id)/cells", .post, #"{"index": 0, "type": "video", "revision": 2}"#, .badRequest),
                ("/api/notebooks/\(id)/cells", .post, #"{"revision": 2}"#, .badRequest),
                ("/api/notebooks/nope/cells", .post, #"{"index": 0, "revision": 1}"#, .notFound),
                ("/api/notebooks/\(id)/cells/\(cell.id)", .patch, #"{"source": "y", "revision": 1}"#, .conflict),
                ("/api/notebooks/\(id)/cells/\(cell.id)", .patch, #"{"tags": "a", "revision": 2}"#, .badRequest),
                ("/api/notebooks/\(id)/cells/\(cell.id)", .patch, #"{"tags": ["a,b"], "revision": 2}"#, .badRequest),
                ("/api/notebooks/\(id)/cells/zzz", .patch, #"{"source": "y", "revision": 2}"#, .notFound),
                ("/api/notebooks/\(id)/cells/bad%20id", .patch, #"{"source": "y", "revision": 2}"#, .notFound),
                ("/api/notebooks/\(id)/cells/\(cell.id)/move", .post, #"{"index": 5, "revision": 2}"#, .badRequest),
                ("/api/notebooks/\(id)/cells/\(cell.id)/move", .post, #"{"index": 0}"#, .badRequest),
                ("/api/notebooks/\(id)/cells/\(cell.id)", .delete, "", .badRequest),
                ("/api/notebooks/\(id)/cells/\(cell.id)?revision=1", .delete, "", .conflict),
            ]
            for (uri, method, body, status) in cases {
                let response = try await client.execute(
                    uri: uri, method: method, headers: authorized(), body: json(body))
                #expect(response.status == status, "\(method) \(uri) \(body)")
                #expect(response.errorMessage != nil)
            }
        }
    }
}
