import Notebook

/// The OpenAPI 3.1 description of the API, served at `/api/openapi.json`.
///
/// One entry per route below, naming the schemas (`APISchemas`) of its request and response bodies; tests
/// check that every route the router registers is described here and that every response the tests
/// receive matches its schema.
enum OpenAPIDocument {
    /// A query parameter.
    struct Query {
        var name: String
        var schema: JSONValue
        var required = false

        static func string(_ name: String) -> Query { Query(name: name, schema: APISchemas.string) }
        /// `?format=`: a format's name from the registry.
        static let formatName = Query(name: "format", schema: APISchemas.oneOf(NotebookFormat.all.map(\.name)))
        /// `?filename=`: the uploaded file's name, which says its format.
        static var fileName: Query {
            let extensions = NotebookFormat.readable.map(\.fileExtension).joined(separator: "|")
            return Query(
                name: "filename",
                schema: JSONIO.object([("type", "string"), ("pattern", .string("\\.(\(extensions))$"))]),
                required: true)
        }
        /// `?revision=`: the revision the change is made against.
        static let revision = Query(name: "revision", schema: APISchemas.count, required: true)
    }

    /// One operation.
    struct Operation {
        var method: String
        var path: String
        var summary: String
        var status: Int
        /// The schema (`APISchemas`) of the JSON body answered with `status`.
        var response: String? = nil
        /// The schema of the JSON request body.
        var request: String? = nil
        /// The body is a file's raw bytes (import).
        var rawBody = false
        var query: [Query] = []
        var isPublic = false
        var produces = ["application/json"]
        /// Error statuses a page answers with a page for people, not JSON: the login page (401) for a page
        /// opened without the token, the share page saying the link is gone (404).
        var pages: [(Int, String)] = []
        /// Other success statuses and their JSON body's schema.
        var also: [(Int, String)] = []
        /// A `{path}` that exists, so a client or fuzzer can reach a real file.
        var example: String? = nil
    }

    static let operations: [Operation] = [
        Operation(
            method: "get", path: "/api/health", summary: "Server health and version", status: 200, response: "Health"),
        Operation(method: "get", path: "/api/openapi.json", summary: "This document", status: 200, response: "OpenAPI"),
        Operation(
            method: "get", path: "/api/formats",
            summary: "The notebook file formats", status: 200, response: "Formats"),
        Operation(
            method: "get", path: "/api/notebooks", summary: "List notebooks", status: 200, response: "NotebookList"),
        Operation(
            method: "post", path: "/api/notebooks", summary: "Create a notebook", status: 201, response: "Notebook",
            request: "NewNotebook"),
        Operation(
            method: "get", path: "/api/notebooks/{id}", summary: "A notebook with its cells", status: 200,
            response: "Notebook"),
        Operation(
            method: "patch", path: "/api/notebooks/{id}", summary: "Rename", status: 200, response: "Revision",
            request: "Rename"),
        Operation(method: "delete", path: "/api/notebooks/{id}", summary: "Delete a notebook", status: 204),
        Operation(
            method: "post", path: "/api/notebooks/{id}/duplicate", summary: "Copy a notebook", status: 201,
            response: "Notebook", request: "NewNotebook"),
        Operation(
            method: "post", path: "/api/notebooks/import",
            summary: "Import an upload in a readable format of /api/formats (NaN and Infinity become null, in `notes`)",
            status: 201, response: "Notebook", rawBody: true, query: [.fileName]),
        Operation(
            method: "get", path: "/api/notebooks/{id}/export",
            summary: "Download in a format of /api/formats (?format=name)", status: 200,
            query: [.formatName], produces: exportTypes),
        Operation(
            method: "post", path: "/api/notebooks/{id}/cells", summary: "Insert a cell", status: 201,
            response: "InsertedCell", request: "NewCell"),
        Operation(
            method: "patch", path: "/api/notebooks/{id}/cells/{cellId}", summary: "Update a cell (409 if stale)",
            status: 200, response: "Revision", request: "CellChange"),
        Operation(
            method: "post", path: "/api/notebooks/{id}/cells/{cellId}/move", summary: "Move a cell", status: 200,
            response: "Revision", request: "Move"),
        Operation(
            method: "delete", path: "/api/notebooks/{id}/cells/{cellId}", summary: "Delete a cell", status: 200,
            response: "Revision", query: [.revision]),
        Operation(
            method: "post", path: "/api/notebooks/{id}/run",
            summary:
                "Run a cell, all, from a cell, the stale cells or listed cells; several cells stop at the first "
                + "error (event `stopped`) unless stopOnError is false. Mode stale queues nothing and answers 200 "
                + "with `unrepeatable: [{cellId, names}]` when cells that rebind names they read would run, "
                + "unless `unrepeatable` is run or skip",
            status: 202, response: "Queued", request: "Run", also: [(200, "Unrepeatable")]),
        Operation(
            method: "post", path: "/api/notebooks/{id}/interrupt", summary: "Interrupt the session", status: 202,
            response: "Empty"),
        Operation(
            method: "post", path: "/api/notebooks/{id}/restart", summary: "Restart the session", status: 202,
            response: "Empty"),
        Operation(
            method: "get", path: "/api/notebooks/{id}/events", summary: "Server-Sent Events of runs", status: 200,
            produces: ["text/event-stream"]),
        Operation(
            method: "get", path: "/api/notebooks/{id}/variables",
            summary:
                "Session variables: {variables, asOf, busy} (asOf: while a cell runs, the In [n] they date from; "
                + "busy: a cell runs and there is no earlier list yet)",
            status: 200, response: "Variables"),
        Operation(
            method: "get", path: "/api/notebooks/{id}/variables/{name}/heatmap.png", summary: "A tensor's heatmap",
            status: 200, produces: ["image/png"]),
        Operation(
            method: "get", path: "/api/outputs/{sha256}.png", summary: "An output picture (immutable)", status: 200,
            produces: ["image/png"]),
        Operation(
            method: "post", path: "/api/notebooks/{id}/shares", summary: "Make a share link", status: 201,
            response: "ShareLink"),
        Operation(
            method: "get", path: "/api/notebooks/{id}/shares", summary: "Active share links", status: 200,
            response: "Shares"),
        Operation(method: "delete", path: "/api/shares/{token}", summary: "Revoke a share link", status: 204),
        Operation(
            method: "get", path: "/api/shares/{token}", summary: "A shared notebook, read-only", status: 200,
            response: "Notebook", isPublic: true),
        Operation(
            method: "get", path: "/api/shares/{token}/outputs/{sha256}.png",
            summary: "A picture the shared notebook shows (the share token is the credential)", status: 200,
            isPublic: true, produces: ["image/png"]),
        Operation(
            method: "get", path: "/share/{token}", summary: "The read-only page", status: 200, isPublic: true,
            produces: ["text/html"], pages: [(404, "the page, saying the link does not exist or was revoked")]),
        Operation(
            method: "get", path: "/", summary: "The home page", status: 200, produces: ["text/html"],
            pages: [loginPage]),
        Operation(
            method: "get", path: "/nb/{id}", summary: "The notebook page", status: 200, produces: ["text/html"],
            pages: [loginPage]),
        Operation(
            method: "get", path: "/static/{path}", summary: "The page's files", status: 200, isPublic: true,
            produces: fileTypes, example: "icon.svg"),
        Operation(
            method: "get", path: "/vendor/codemirror/{path}", summary: "CodeMirror 5 (Debian)", status: 200,
            isPublic: true, produces: fileTypes, example: "codemirror.js"),
        Operation(
            method: "get", path: "/vendor/markdown-it/{path}", summary: "markdown-it (Debian)", status: 200,
            isPublic: true, produces: fileTypes, example: "markdown-it.js"),
        Operation(
            method: "get", path: "/vendor/katex/{path}", summary: "KaTeX, math in markdown (Debian)", status: 200,
            isPublic: true, produces: fileTypes, example: "katex.min.css"),
        Operation(
            method: "get", path: "/vendor/katex/fonts/{path}", summary: "KaTeX's fonts (Debian's fonts-katex)",
            status: 200, isPublic: true, produces: fileTypes, example: "KaTeX_Main-Regular.woff2"),
    ]

    /// A page opened without the token answers 401 with the login page.
    static let loginPage = (401, "the login page")

    /// What an export answers with: each format's media type.
    static var exportTypes: [String] { NotebookFormat.all.map(\.mediaType) }
    /// What the page's and vendored files are served as.
    static var fileTypes: [String] { StaticFiles.contentTypes.map(\.type) + ["application/octet-stream"] }

    /// The document as JSON text.
    static let json: String = JSONWriter.compact(document)

    static var document: JSONValue {
        var paths: [(String, [(String, JSONValue)])] = []
        for operation in operations {
            if let index = paths.firstIndex(where: { $0.0 == operation.path }) {
                paths[index].1.append((operation.method, value(of: operation)))
            } else {
                paths.append((operation.path, [(operation.method, value(of: operation))]))
            }
        }
        return JSONIO.object([
            ("openapi", "3.1.0"),
            (
                "info",
                JSONIO.object([
                    ("title", "Convbook"), ("version", .string(ConvbookServer.version)),
                    ("description", "Notebook server for learning convolutions. Errors are {\"error\": message}."),
                ])
            ),
            ("paths", JSONIO.object(paths.map { ($0.0, JSONIO.object($0.1)) })),
            (
                "components",
                JSONIO.object([
                    ("schemas", JSONIO.object(APISchemas.all)),
                    (
                        "securitySchemes",
                        JSONIO.object([
                            ("bearer", JSONIO.object([("type", "http"), ("scheme", "bearer")])),
                            (
                                "cookie",
                                JSONIO.object([("type", "apiKey"), ("in", "cookie"), ("name", "convbook_token")])
                            ),
                        ])
                    ),
                ])
            ),
            ("security", [JSONIO.object([("bearer", [])]), JSONIO.object([("cookie", [])])]),
        ])
    }

    private static func value(of operation: Operation) -> JSONValue {
        var parameters: [JSONValue] = []
        var rest = operation.path[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            let example: [(String, JSONValue)] =
                name == "path" ? operation.example.map { [("example", .string($0))] } ?? [] : []
            parameters.append(
                JSONIO.object(
                    [("name", .string(name)), ("in", "path"), ("required", true), ("schema", APISchemas.string)]
                        + example))
            rest = rest[rest.index(after: close)...]
        }
        for query in operation.query {
            parameters.append(
                JSONIO.object([
                    ("name", .string(query.name)), ("in", "query"), ("required", .bool(query.required)),
                    ("schema", query.schema),
                ]))
        }
        func content(_ types: [String], _ schema: String?) -> JSONValue {
            var seen = Set<String>()
            let names = types.map { String($0.prefix(while: { $0 != ";" })) }.filter { seen.insert($0).inserted }
            return JSONIO.object(
                names.map { ($0, JSONIO.object(schema.map { [("schema", APISchemas.ref($0))] } ?? [])) })
        }
        var responses: [(String, JSONValue)] = [
            (
                String(operation.status),
                JSONIO.object(
                    [("description", "success")]
                        + (operation.status == 204
                            ? [] : [("content", content(operation.produces, operation.response))]))
            )
        ]
        for (status, description) in operation.pages {
            responses.append(
                (
                    String(status),
                    JSONIO.object([("description", .string(description)), ("content", content(["text/html"], nil))])
                ))
        }
        for (status, schema) in operation.also {
            responses.append(
                (
                    String(status),
                    JSONIO.object([("description", "success"), ("content", content(["application/json"], schema))])
                ))
        }
        responses.append(
            ("default", JSONIO.object([("description", "error"), ("content", content(["application/json"], "Error"))])))
        var members: [(String, JSONValue)] = [
            ("summary", .string(operation.summary)), ("operationId", .string(operationID(operation))),
            ("parameters", .array(parameters)), ("responses", JSONIO.object(responses)),
        ]
        if operation.rawBody {
            members.append(
                (
                    "requestBody",
                    JSONIO.object([
                        ("description", "the file's bytes"), ("required", true),
                        (
                            "content",
                            JSONIO.object([
                                (
                                    "application/octet-stream",
                                    JSONIO.object([
                                        ("schema", JSONIO.object([("type", "string"), ("format", "binary")]))
                                    ])
                                )
                            ])
                        ),
                    ])
                ))
        } else if let request = operation.request {
            members.append(("requestBody", JSONIO.object([("content", content(["application/json"], request))])))
        }
        if operation.isPublic { members.append(("security", [])) }
        return JSONIO.object(members)
    }

    private static func operationID(_ operation: Operation) -> String {
        let words = operation.path.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        return operation.method + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
