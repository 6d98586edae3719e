import Diagnostics
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Notebook
import Testing

@testable import Server

/// Issue 16: a NUL character in any text the API accepts is stored whole; what is acknowledged is what
/// is kept (reading back, listing and exporting give the same text).
@Suite struct NULCharacterRouteTests {
    /// `text` with NUL characters around and inside, as a Swift string and as JSON.
    static func nul(_ text: String) -> String { "\u{0}\(text)\u{0}end\u{0}" }
    static func nulJSON(_ text: String) -> String { JSONWriter.compact(.string(nul(text))) }

    static func notebook(_ client: any TestClientProtocol, _ id: String) async throws -> JSONValue {
        try await client.execute(uri: "/api/notebooks/\(id)", method: .get, headers: authorized()).json
    }

    static func listedTitle(_ client: any TestClientProtocol, _ id: String) async throws -> String? {
        let list = try await client.execute(uri: "/api/notebooks", method: .get, headers: authorized()).json
        return list.arrayValue?.first { $0["id"]?.stringValue == id }?["title"]?.stringValue
    }

    @Test func titlesKeepTheirNULs() async throws {
        try await TestServer().test { client in
            let created = try await client.execute(
                uri: "/api/notebooks", method: .post, headers: authorized(),
                body: json(#"{"title": \#(Self.nulJSON("created"))}"#))
            #expect(created.status == .created)
            #expect(try created.json["title"]?.stringValue == Self.nul("created"))
            let id = try #require(try created.json["id"]?.stringValue)
            #expect(try await Self.notebook(client, id)["title"]?.stringValue == Self.nul("created"))
            #expect(try await Self.listedTitle(client, id) == Self.nul("created"))

            let renamed = try await client.execute(
                uri: "/api/notebooks/\(id)", method: .patch, headers: authorized(),
                body: json(#"{"title": \#(Self.nulJSON("renamed")), "revision": 1}"#))
            #expect(renamed.status == .ok)
            #expect(try await Self.notebook(client, id)["title"]?.stringValue == Self.nul("renamed"))
            #expect(try await Self.listedTitle(client, id) == Self.nul("renamed"))

            let copy = try await client.execute(
                uri: "/api/notebooks/\(id)/duplicate", method: .post, headers: authorized(),
                body: json(#"{"title": \#(Self.nulJSON("copy"))}"#))
            #expect(copy.status == .created)
            let copyID = try #require(try copy.json["id"]?.stringValue)
            #expect(try await Self.listedTitle(client, copyID) == Self.nul("copy"))
        }
    }

    @Test func cellSourcesAndTagsKeepTheirNULs() async throws {
        try await TestServer().test { client in
            let (id, _) = try await createNotebook(client)
            let inserted = try await client.execute(
                uri: "/api/notebooks/\(id)/cells", method: .post, headers: authorized(),
                body: json(#"{"index": 0, "type": "markdown", "source": \#(Self.nulJSON("source")), "revision": 1}"#))
            #expect(inserted.status == .created)
            #expect(try inserted.json["cell"]?["source"]?.stringValue == Self.nul("source"))
            let cell = try #require(try inserted.json["cell"]?["id"]?.stringValue)
            #expect(try await Self.notebook(client, id)["cells"]?[0]?["source"]?.stringValue == Self.nul("source"))

            let updated = try await client.execute(
                uri: "/api/notebooks/\(id)/cells/\(cell)", method: .patch, headers: authorized(),
                body: json(
                    #"{"source": \#(Self.nulJSON("updated")), "tags": [\#(Self.nulJSON("tag"))], "revision": 2}"#))
            #expect(updated.status == .ok)
            let read = try #require(try await Self.notebook(client, id)["cells"]?[0])
            #expect(read["source"]?.stringValue == Self.nul("updated"))
            #expect(read["tags"] == [.string(Self.nul("tag"))])

            let exported = try await client.execute(
                uri: "/api/notebooks/\(id)/export?format=ipynb", method: .get, headers: authorized())
            let document = try IPYNBCodec.decode(Array(exported.body.readableBytesView), fileName: "x.ipynb")
            #expect(document.cells.map(\.source) == [Self.nul("updated")])
            #expect(document.cells.map(\.tags) == [[Self.nul("tag")]])
        }
    }

    @Test func importedFilesKeepTheirNULs() async throws {
        try await TestServer().test { client in
            let document = NotebookDocument(
                title: Self.nul("title"), metadata: ["note": .string(Self.nul("metadata"))],
                cells: [
                    Cell(
                        id: CellID("a")!, kind: .code, source: Self.nul("source"), tags: [Self.nul("tag")],
                        executionCount: 1,
                        outputs: [
                            .stream(.stdout, text: Self.nul("stream")),
                            .error(
                                name: ExceptionName("E"), value: Self.nul("value"), traceback: [Self.nul("traceback")]),
                        ],
                        metadata: ["m": .string(Self.nul("cell metadata"))])
                ])
            let imported = try await client.execute(
                uri: "/api/notebooks/import?filename=nul.ipynb", method: .post, headers: authorized(),
                body: json(IPYNBCodec.encode(document)))
            #expect(imported.status == .created)
            let id = try #require(try imported.json["id"]?.stringValue)
            let read = try await Self.notebook(client, id)
            #expect(read["title"]?.stringValue == Self.nul("title"))
            #expect(read["cells"]?[0]?["source"]?.stringValue == Self.nul("source"))
            #expect(read["cells"]?[0]?["outputs"]?[0]?["text"]?.stringValue == Self.nul("stream"))
            let exported = try await client.execute(
                uri: "/api/notebooks/\(id)/export?format=ipynb", method: .get, headers: authorized())
            let back = try IPYNBCodec.decode(Array(exported.body.readableBytesView), fileName: "x.ipynb")
            #expect(back.title == document.title)
            #expect(back.metadata == document.metadata)
            #expect(back.cells == document.cells)

            let script = "# %%\nx = 1\u{0}2\n\n# %% [markdown]\n# a\u{0}b\n"
            let fromScript = try await client.execute(
                uri: "/api/notebooks/import?filename=nul.py", method: .post, headers: authorized(),
                body: json(script))
            #expect(fromScript.status == .created)
            let scriptID = try #require(try fromScript.json["id"]?.stringValue)
            let cells = try await Self.notebook(client, scriptID)["cells"]?.arrayValue ?? []
            #expect(cells.compactMap { $0["source"]?.stringValue } == ["x = 1\u{0}2", "a\u{0}b"])
        }
    }
}
