import Foundation
import Hummingbird
import HummingbirdTesting
import Notebook
import Store
import Testing

@testable import Server

/// The OpenAPI document describes every route the router registers.
@Suite struct OpenAPITests {
    @Test func everyRegisteredRouteIsDescribed() async throws {
        let server = try TestServer()
        let document = try await server.test { client in
            let response = try await client.execute(uri: "/api/openapi.json", method: .get, headers: authorized())
            #expect(response.status == .ok)
            return try response.json
        }
        #expect(document["openapi"]?.stringValue == "3.1.0")
        let paths = try #require(document["paths"]?.objectValue)
        let routes = ConvbookServer.router(services: server.services).routes
        #expect(routes.count >= 30)
        for route in routes {
            let path = route.path.description.replacingOccurrences(of: "**", with: "{path}")
            let methods = paths[path]?.objectValue
            #expect(methods?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(path) is not documented")
        }
        // And nothing documented is missing from the router.
        let registered = Set(
            routes.map {
                "\($0.method.rawValue.lowercased()) \($0.path.description.replacingOccurrences(of: "**", with: "{path}"))"
            })
        for member in paths.members {
            for method in member.value.objectValue?.keys ?? [] {
                #expect(
                    registered.contains("\(method) \(member.key)"),
                    "\(method) \(member.key) is documented but not routed")
            }
        }
    }
}

/// The schemas describe the responses as the server writes them: every kind of output, and nothing more.
@Suite struct ResponseSchemaTests {
    @Test func aNotebookWithEveryKindOfOutputMatchesItsSchema() async throws {
        let schemas = try ResponseSchemas()
        let notebook = try await TestServer().test { client in
            let (id, _) = try await createNotebook(client)
            let sources = [
                "import torch\nprint('hello')\nshow(torch.arange(6.0).reshape(2, 3))\n6 * 7", "undefined_name + 1",
            ]
            var revision = 1
            var cells: [String] = []
            for (index, source) in sources.enumerated() {
                let cell = try await insertCell(client, notebook: id, index: index, source: source, revision: revision)
                revision = cell.revision
                cells.append(cell.id)
            }
            _ = try await client.execute(
                uri: "/api/notebooks/\(id)/run", method: .post, headers: authorized(),
                body: json(#"{"mode": "all", "stopOnError": false}"#))
            for cell in cells { _ = try await waitForCell(client, notebook: id, cell: cell) }
            return try await client.execute(uri: "/api/notebooks/\(id)", method: .get, headers: authorized()).json
        }
        let outputs = (notebook["cells"]?.arrayValue ?? []).flatMap { $0["outputs"]?.arrayValue ?? [] }
        #expect(Set(outputs.compactMap { $0["type"]?.stringValue }) == ["stream", "image", "result", "error"])
        #expect(schemas.problems(method: "GET", path: "/api/notebooks/x", status: 200, body: notebook) == [])

        // A member the schema does not name, a missing one, a wrong type and an unknown output each fail.
        func changed(_ change: (inout JSONObject) -> Void) -> JSONValue {
            guard case .object(var object) = notebook else { return notebook }
            change(&object)
            return .object(object)
        }
        let broken: [(JSONValue, String)] = [
            (changed { $0["extra"] = true }, "'extra' is not described"),
            (changed { $0["title"] = nil }, "'title' is missing"),
            (changed { $0["revision"] = .number(1.5) }, "$.revision: a number where the schema wants integer"),
            (
                changed { object in
                    guard case .array(var cells) = object["cells"], case .object(var cell) = cells[0] else { return }
                    cell["outputs"] = .array([JSONIO.object([("type", "video"), ("text", "")])])
                    cells[0] = .object(cell)
                    object["cells"] = .array(cells)
                }, "$.cells[0].outputs[0]: matches none of oneOf"
            ),
        ]
        for (value, expected) in broken {
            let problems = schemas.problems(method: "GET", path: "/api/notebooks/x", status: 200, body: value) ?? []
            #expect(problems.contains { $0.contains(expected) }, "\(expected) not among \(problems)")
        }
    }

    /// What schemathesis found first: exports and the share page's 404 answered media types the document
    /// did not name. Every response the router tests receive is now checked for this too.
    @Test func mediaTypesAreDocumentedPerStatus() throws {
        let schemas = try ResponseSchemas()
        let cases: [(String, String, Int, String, Bool)] = [
            ("GET", "/api/notebooks/x/export", 200, "text/x-python; charset=utf-8", true),
            ("GET", "/api/notebooks/x/export", 200, "application/x-ipynb+json", true),
            ("GET", "/api/notebooks/x/export", 200, "text/html; charset=utf-8", true),
            ("GET", "/api/notebooks/x/export", 200, "text/csv", false),
            ("GET", "/api/notebooks/x/export", 404, "application/json", true),
            ("GET", "/share/t", 404, "text/html; charset=utf-8", true),
            ("GET", "/share/t", 200, "application/json", false),
            ("GET", "/nb/x", 401, "text/html; charset=utf-8", true),
            ("GET", "/static/js/api.js", 200, "text/javascript; charset=utf-8", true),
            ("GET", "/api/notebooks", 200, "text/html", false),
        ]
        for (method, path, status, type, expected) in cases {
            #expect(
                schemas.documents(method: method, path: path, status: status, contentType: type) == expected,
                "\(method) \(path) \(status) \(type)")
        }
    }

    @Test func everyJSONResponseHasASchemaThatResolves() throws {
        let schemas = try ResponseSchemas()
        let paths = try #require(schemas.document["paths"]?.objectValue)
        for path in paths.members {
            for operation in path.value.objectValue?.members ?? [] {
                for response in operation.value["responses"]?.objectValue?.members ?? [] {
                    // Files served as they are (a `.json` under /static/ among them) have no schema.
                    let content = response.value["content"]
                    guard let json = content?["application/json"], content?["application/octet-stream"] == nil
                    else { continue }
                    let schema = try #require(
                        json["schema"], "\(operation.key) \(path.key) \(response.key) has no schema")
                    // Every reference resolves and only known keywords are used.
                    #expect(
                        !schemas.validator.problems(.null, schema).contains {
                            $0.contains("no schema named") || $0.contains("does not know")
                        }, "\(operation.key) \(path.key) \(response.key)")
                }
                if let body = operation.value["requestBody"]?["content"]?["application/json"] {
                    #expect(body["schema"]?["$ref"] != nil, "\(operation.key) \(path.key): request body without schema")
                }
            }
        }
    }
}
