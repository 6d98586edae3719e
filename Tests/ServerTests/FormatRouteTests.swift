import Foundation
import Hummingbird
import HummingbirdTesting
import Notebook
import Testing

@testable import Server

/// `/api/formats` lists `NotebookFormat.all`, and export and import answer for exactly those formats.
@Suite("format routes")
struct FormatRouteTests {
    @Test("the formats the page reads are the registry's, and each one exports with its media type")
    func formatsAndExports() async throws {
        try await TestServer().test { client in
            let listed = try await client.execute(uri: "/api/formats", method: .get, headers: authorized())
            #expect(listed.status == .ok)
            let formats = try #require(try listed.json.arrayValue)
            #expect(formats.compactMap { $0["name"]?.stringValue } == NotebookFormat.all.map(\.name))
            #expect(formats.map { $0["readable"] } == NotebookFormat.all.map { JSONValue.bool($0.canRead) })
            #expect(formats.map { $0["mediaType"]?.stringValue } == NotebookFormat.all.map(\.mediaType))
            let (id, _) = try await createNotebook(client, title: "Formats")
            for format in NotebookFormat.all {
                let export = try await client.execute(
                    uri: "/api/notebooks/\(id)/export?format=\(format.name)", method: .get, headers: authorized())
                #expect(export.status == .ok, "\(format)")
                #expect(export.headers[.contentType] == format.mediaType)
                #expect(export.headers[.contentDisposition]?.hasSuffix(".\(format.fileExtension)\"") == true)
            }
            let unknown = try await client.execute(
                uri: "/api/notebooks/\(id)/export?format=pdf", method: .get, headers: authorized())
            #expect(unknown.status == .badRequest)
            #expect(unknown.text.contains("ipynb, py or html"))
            let html = try await client.execute(
                uri: "/api/notebooks/import?filename=page.html", method: .post, headers: authorized(),
                body: ByteBuffer(string: "<p>hi</p>"))
            #expect(html.status == .badRequest)
            #expect(html.text.contains("NAME.ipynb or NAME.py"))
        }
    }
}
