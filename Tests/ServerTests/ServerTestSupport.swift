import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Notebook
import Store
import Testing

@testable import Server

/// A server over an in-memory store and in-process sessions, with a small web folder, for router tests.
struct TestServer {
    static let token = "0123456789abcdef0123456789abcdef"

    let services: ServerServices
    let webDirectory: URL
    let app: Application<ConvbookResponder>

    init(token: String? = TestServer.token, configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        let store = try NotebookStore.inMemory()
        webDirectory = try Self.makeWebDirectory()
        var configuration = ServerConfiguration(token: token)
        configuration.port = 8888
        configuration.webDirectory = webDirectory.path
        configuration.vendorDirectories = [
            "codemirror": webDirectory.appendingPathComponent("vendor-cm").path,
            "markdown-it": webDirectory.appendingPathComponent("vendor-md").path,
            "katex": webDirectory.appendingPathComponent("vendor-katex").path,
            "katex/fonts": webDirectory.appendingPathComponent("vendor-katex-fonts").path,
        ]
        configure(&configuration)
        services = ServerServices(store: store, executor: InProcessExecutor(), configuration: configuration)
        app = ConvbookServer.application(services: services)
    }

    /// A temporary web folder with the three pages, a script, a vendor folder, and a symlink pointing out.
    static func makeWebDirectory() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("convbook-web-\(UUID())")
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: root.appendingPathComponent("js"), withIntermediateDirectories: true)
        try fileManager.createDirectory(
            at: root.appendingPathComponent("vendor-cm/lib"), withIntermediateDirectories: true)
        for page in ["index", "notebook", "share", "login"] {
            try "<!doctype html><title>\(page)</title>".write(
                to: root.appendingPathComponent("\(page).html"), atomically: true, encoding: .utf8)
        }
        try "export const answer = 42;\n".write(
            to: root.appendingPathComponent("js/app.js"), atomically: true, encoding: .utf8)
        try "/* cm */".write(
            to: root.appendingPathComponent("vendor-cm/lib/codemirror.js"), atomically: true, encoding: .utf8)
        // As Debian lays out KaTeX: `fonts` is a symlink out of the package folder.
        for folder in ["vendor-katex", "vendor-katex-fonts"] {
            try fileManager.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try "/* katex */".write(
            to: root.appendingPathComponent("vendor-katex/katex.min.js"), atomically: true, encoding: .utf8)
        try "font".write(
            to: root.appendingPathComponent("vendor-katex-fonts/KaTeX_Main-Regular.woff2"), atomically: true,
            encoding: .utf8)
        try fileManager.createSymbolicLink(
            atPath: root.appendingPathComponent("vendor-katex/fonts").path,
            withDestinationPath: root.appendingPathComponent("vendor-katex-fonts").path)
        try "secret".write(to: root.appendingPathComponent(".hidden"), atomically: true, encoding: .utf8)
        let outside = root.deletingLastPathComponent().appendingPathComponent("convbook-outside-\(UUID()).txt")
        try "outside".write(to: outside, atomically: true, encoding: .utf8)
        try fileManager.createSymbolicLink(
            at: root.appendingPathComponent("js/escape.js"), withDestinationURL: outside)
        try fileManager.createSymbolicLink(
            atPath: root.appendingPathComponent("vendor-cm/codemirror.js").path,
            withDestinationPath: "lib/codemirror.js")
        return root
    }

    /// Runs `body` with a client of the router (no sockets) that checks every JSON response against the
    /// OpenAPI document's schema for it (`SchemaCheckingClient`).
    func test<Value: Sendable>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Value) async throws
        -> Value
    {
        let schemas = try ResponseSchemas()
        return try await app.test(.router) { client in
            try await body(SchemaCheckingClient(inner: client, schemas: schemas))
        }
    }
}

/// Headers with the bearer token (and JSON content type).
func authorized(_ extra: HTTPFields = [:], token: String = TestServer.token) -> HTTPFields {
    var headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
    headers.append(contentsOf: extra)
    return headers
}

/// A JSON body.
func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

extension TestResponse {
    /// The body parsed as JSON.
    var json: JSONValue {
        get throws { try JSONParser.parse(Array(body.readableBytesView)) }
    }

    /// The body as text.
    var text: String { String(buffer: body) }

    /// The `error` message of a JSON error body, or `nil`.
    var errorMessage: String? { (try? json)?.objectValue?["error"]?.stringValue }
}

extension JSONValue {
    /// A member of an object.
    subscript(_ key: String) -> JSONValue? { objectValue?[key] }
    /// An element of an array.
    subscript(_ index: Int) -> JSONValue? {
        guard let array = arrayValue, array.indices.contains(index) else { return nil }
        return array[index]
    }
}

/// Creates a notebook over the API and returns its id and revision.
func createNotebook(_ client: any TestClientProtocol, title: String = "Test") async throws -> (
    id: String, revision: Int
) {
    let response = try await client.execute(
        uri: "/api/notebooks", method: .post, headers: authorized(), body: json(#"{"title": "\#(title)"}"#))
    #expect(response.status == .created)
    let body = try response.json
    return (try #require(body["id"]?.stringValue), try #require(body["revision"]?.intValue))
}

/// Inserts a code cell and returns its id and the new revision.
func insertCell(
    _ client: any TestClientProtocol, notebook: String, index: Int, source: String, revision: Int
) async throws -> (id: String, revision: Int) {
    let body = JSONWriter.compact(
        .object(
            JSONObject([
                .init(key: "index", value: .number(Double(index))), .init(key: "type", value: "code"),
                .init(key: "source", value: .string(source)), .init(key: "revision", value: .number(Double(revision))),
            ])))
    let response = try await client.execute(
        uri: "/api/notebooks/\(notebook)/cells", method: .post, headers: authorized(), body: json(body))
    #expect(response.status == .created)
    let payload = try response.json
    return (try #require(payload["cell"]?["id"]?.stringValue), try #require(payload["revision"]?.intValue))
}

/// Polls the notebook until `cell` has a final status (not queued or running), returning the cell's JSON.
func waitForCell(
    _ client: any TestClientProtocol, notebook: String, cell: String, timeout: Duration = .seconds(20)
) async throws -> JSONValue {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        let response = try await client.execute(uri: "/api/notebooks/\(notebook)", method: .get, headers: authorized())
        let cells = try response.json["cells"]?.arrayValue ?? []
        if let found = cells.first(where: { $0["id"]?.stringValue == cell }),
            let status = found["status"]?.stringValue, !["queued", "running", "idle"].contains(status)
        {
            return found
        }
        try await Task.sleep(for: .milliseconds(20))
    }
    Issue.record("cell \(cell) did not finish in time")
    return .null
}
