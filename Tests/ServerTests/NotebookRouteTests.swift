import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Notebook
import Testing

@testable import Server

/// `/api/notebooks`: every route, success and failure.
@Suite struct NotebookRouteTests {
    @Test func createListGetRenameDuplicateDelete() async throws {
        try await TestServer().test { client in
            let (id, revision) = try await createNotebook(client, title: "Pooling")
            #expect(revision == 1)

            let list = try await client.execute(uri: "/api/notebooks", method: .get, headers: authorized())
            #expect(list.status == .ok)
            let first = try #require(try list.json[0])
            #expect(first["id"]?.stringValue == id)
            #expect(first["title"]?.stringValue == "Pooling")
            #expect(first["cellCount"]?.intValue == 0)
            #expect(first["revision"]?.intValue == 1)
            #expect(first["updated"]?.stringValue?.hasSuffix("Z") == true)

            let renamed = try await client.execute(
                uri: "/api/notebooks/\(id)", method: .patch, headers: authorized(),
                body: json(#"{"title": "Max pooling", "revision": 1}"#))
            #expect(renamed.status == .ok)
            #expect(try renamed.json["revision"]?.intValue == 2)

            let got = try await client.execute(uri: "/api/notebooks/\(id)", method: .get, headers: authorized())
            #expect(try got.json["title"]?.stringValue == "Max pooling")
            #expect(try got.json["cells"]?.arrayValue?.isEmpty == true)

            let copy = try await client.execute(
                uri: "/api/notebooks/\(id)/duplicate", method: .post, headers: authorized(), body: json("{}"))
            #expect(copy.status == .created)
            #expect(try copy.json["title"]?.stringValue == "Max pooling (copy)")
            #expect(try copy.json["id"]?.stringValue != id)

            let deleted = try await client.execute(uri: "/api/notebooks/\(id)", method: .delete, headers: authorized())
            #expect(deleted.status == .noContent)
            let gone = try await client.execute(uri: "/api/notebooks/\(id)", method: .get, headers: authorized())
            #expect(gone.status == .notFound)
            #expect(gone.errorMessage?.contains(id) == true)
        }
    }

    @Test func failures() async throws {
        try await TestServer().test { client in
            let (id, _) = try await createNotebook(client)
            // A stale revision is a conflict that reports the current revision.
            let stale = try await client.execute(
                uri: "/api/notebooks/\(id)", method: .patch, headers: authorized(),
                body: json(#"{"title": "X", "revision": 7}"#))
            #expect(stale.status == .conflict)
            #expect(try stale.json["revision"]?.intValue == 1)
            // Missing members, wrong types, malformed JSON, a non-object body, an empty title.
            for body in [
                #"{"title": "X"}"#, #"{"title": 3, "revision": 1}"#, "{not json", "[1, 2]",
                #"{"title": " ", "revision": 1}"#,
            ] {
                let response = try await client.execute(
                    uri: "/api/notebooks/\(id)", method: .patch, headers: authorized(), body: json(body))
                #expect(response.status == .badRequest, "\(body)")
                #expect(response.errorMessage != nil)
            }
            for (uri, method) in [
                ("/api/notebooks/missing", HTTPRequest.Method.get), ("/api/notebooks/missing", .delete),
                ("/api/notebooks/missing/duplicate", .post), ("/api/notebooks/missing/export?format=py", .get),
            ] {
                let response = try await client.execute(
                    uri: uri, method: method, headers: authorized(), body: json("{}"))
                #expect(response.status == .notFound, "\(method) \(uri)")
            }
        }
    }

    @Test func importAndExportRoundTrip() async throws {
        try await TestServer().test { client in
            let percent = "# %% [markdown]\n# Title\n\n# %%\nX = 1\nX + 1\n"
            let imported = try await client.execute(
                uri: "/api/notebooks/import?filename=lesson.py", method: .post, headers: authorized(),
                body: json(percent))
            #expect(imported.status == .created)
            let id = try #require(try imported.json["id"]?.stringValue)
            #expect(try imported.json["title"]?.stringValue == "lesson")
            #expect(try imported.json["cells"]?.arrayValue?.count == 2)

            for (format, type) in [
                ("ipynb", "application/x-ipynb+json"), ("py", "text/x-python"), ("html", "text/html"),
            ] {
                let exported = try await client.execute(
                    uri: "/api/notebooks/\(id)/export?format=\(format)", method: .get, headers: authorized())
                #expect(exported.status == .ok)
                #expect(exported.headers[.contentType]?.hasPrefix(type) == true)
                #expect(exported.headers[.contentDisposition] == "attachment; filename=\"lesson.\(format)\"")
            }
            let ipynb = try await client.execute(
                uri: "/api/notebooks/\(id)/export?format=ipynb", method: .get, headers: authorized())
            // Importing the export gives the same cells back.
            let again = try await client.execute(
                uri: "/api/notebooks/import?filename=again.ipynb", method: .post, headers: authorized(),
                body: ipynb.body)
            #expect(again.status == .created)
            #expect(try again.json["cells"]?[1]?["source"]?.stringValue == "X = 1\nX + 1")
        }
    }

    @Test func importAndExportFailures() async throws {
        try await TestServer().test { client in
            let (id, _) = try await createNotebook(client)
            let badFormat = try await client.execute(
                uri: "/api/notebooks/\(id)/export?format=pdf", method: .get, headers: authorized())
            #expect(badFormat.status == .badRequest)
            let noName = try await client.execute(
                uri: "/api/notebooks/import", method: .post, headers: authorized(), body: json("x"))
            #expect(noName.status == .badRequest)
            let broken = try await client.execute(
                uri: "/api/notebooks/import?filename=a.ipynb", method: .post, headers: authorized(), body: json("{"))
            #expect(broken.status == .badRequest)
            #expect(broken.errorMessage?.contains("JSON") == true)
        }
    }
}
