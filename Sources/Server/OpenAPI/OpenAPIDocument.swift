import Notebook

/// The OpenAPI 3.1 description of the API, served at `/api/openapi.json`.
///
/// Written by hand (one entry per route below); a test checks that every route the router
/// registers is described here.
enum OpenAPIDocument {
    /// One operation.
    struct Operation {
        var method: String
        var path: String
        var summary: String
        var status: Int
        var body: String? = nil
        var query: [String] = []
        var isPublic = false
        var produces = "application/json"
    }

    static let operations: [Operation] = [
        Operation(method: "get", path: "/api/health", summary: "Server health and version", status: 200),
        Operation(method: "get", path: "/api/openapi.json", summary: "This document", status: 200),
        Operation(
            method: "get", path: "/api/formats",
            summary: "The notebook file formats: [{name, title, extensions, mediaType, readable}]", status: 200),
        Operation(method: "get", path: "/api/notebooks", summary: "List notebooks", status: 200),
        Operation(method: "post", path: "/api/notebooks", summary: "Create a notebook", status: 201, body: "{title}"),
        Operation(method: "get", path: "/api/notebooks/{id}", summary: "A notebook with its cells", status: 200),
        Operation(
            method: "patch", path: "/api/notebooks/{id}", summary: "Rename", status: 200, body: "{title, revision}"),
        Operation(method: "delete", path: "/api/notebooks/{id}", summary: "Delete a notebook", status: 204),
        Operation(
            method: "post", path: "/api/notebooks/{id}/duplicate", summary: "Copy a notebook", status: 201,
            body: "{title?}"),
        Operation(
            method: "post", path: "/api/notebooks/import",
            summary: "Import an upload in a readable format of /api/formats (NaN and Infinity become null, in `notes`)",
            status: 201, body: "raw file bytes", query: ["filename"]),
        Operation(
            method: "get", path: "/api/notebooks/{id}/export",
            summary: "Download in a format of /api/formats (?format=name)", status: 200,
            query: ["format"], produces: "application/octet-stream"),
        Operation(
            method: "post", path: "/api/notebooks/{id}/cells", summary: "Insert a cell", status: 201,
            body: "{index, type, source, tags?, revision}"),
        Operation(
            method: "patch", path: "/api/notebooks/{id}/cells/{cellId}", summary: "Update a cell (409 if stale)",
            status: 200, body: "{source?, type?, tags?, revision}"),
        Operation(
            method: "post", path: "/api/notebooks/{id}/cells/{cellId}/move", summary: "Move a cell", status: 200,
            body: "{index, revision}"),
        Operation(
            method: "delete", path: "/api/notebooks/{id}/cells/{cellId}", summary: "Delete a cell", status: 200,
            query: ["revision"]),
        Operation(
            method: "post", path: "/api/notebooks/{id}/run",
            summary:
                "Run a cell, all, from a cell, the stale cells or listed cells; several cells stop at the first "
                + "error (event `stopped`) unless stopOnError is false. Mode stale queues nothing and answers 200 "
                + "with `unrepeatable: [{cellId, names}]` when cells that rebind names they read would run, "
                + "unless `unrepeatable` is run or skip",
            status: 202,
            body: "{mode: cell|all|from|stale|cells, cellId?, cellIds?, stopOnError?, unrepeatable?: ask|run|skip}"),
        Operation(method: "post", path: "/api/notebooks/{id}/interrupt", summary: "Interrupt the session", status: 202),
        Operation(method: "post", path: "/api/notebooks/{id}/restart", summary: "Restart the session", status: 202),
        Operation(
            method: "get", path: "/api/notebooks/{id}/events", summary: "Server-Sent Events of runs", status: 200,
            produces: "text/event-stream"),
        Operation(
            method: "get", path: "/api/notebooks/{id}/variables",
            summary:
                "Session variables: {variables, asOf, busy} (asOf: while a cell runs, the In [n] they date from; "
                + "busy: a cell runs and there is no earlier list yet)",
            status: 200),
        Operation(
            method: "get", path: "/api/notebooks/{id}/variables/{name}/heatmap.png", summary: "A tensor's heatmap",
            status: 200, produces: "image/png"),
        Operation(
            method: "get", path: "/api/outputs/{sha256}.png", summary: "An output picture (immutable)", status: 200,
            produces: "image/png"),
        Operation(method: "post", path: "/api/notebooks/{id}/shares", summary: "Make a share link", status: 201),
        Operation(method: "get", path: "/api/notebooks/{id}/shares", summary: "Active share links", status: 200),
        Operation(method: "delete", path: "/api/shares/{token}", summary: "Revoke a share link", status: 204),
        Operation(
            method: "get", path: "/api/shares/{token}", summary: "A shared notebook, read-only", status: 200,
            isPublic: true),
        Operation(
            method: "get", path: "/api/shares/{token}/outputs/{sha256}.png",
            summary: "A picture the shared notebook shows (the share token is the credential)", status: 200,
            isPublic: true, produces: "image/png"),
        Operation(
            method: "get", path: "/share/{token}", summary: "The read-only page", status: 200, isPublic: true,
            produces: "text/html"),
        Operation(method: "get", path: "/", summary: "The home page", status: 200, produces: "text/html"),
        Operation(method: "get", path: "/nb/{id}", summary: "The notebook page", status: 200, produces: "text/html"),
        Operation(
            method: "get", path: "/static/{path}", summary: "The page's files", status: 200, isPublic: true,
            produces: "application/octet-stream"),
        Operation(
            method: "get", path: "/vendor/codemirror/{path}", summary: "CodeMirror 5 (Debian)", status: 200,
            isPublic: true, produces: "text/javascript"),
        Operation(
            method: "get", path: "/vendor/markdown-it/{path}", summary: "markdown-it (Debian)", status: 200,
            isPublic: true, produces: "text/javascript"),
        Operation(
            method: "get", path: "/vendor/katex/{path}", summary: "KaTeX, math in markdown (Debian)", status: 200,
            isPublic: true, produces: "text/javascript"),
        Operation(
            method: "get", path: "/vendor/katex/fonts/{path}", summary: "KaTeX's fonts (Debian's fonts-katex)",
            status: 200, isPublic: true, produces: "font/woff2"),
    ]

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
        let error = JSONIO.object([
            ("type", "object"), ("required", ["error"]),
            ("properties", JSONIO.object([("error", JSONIO.object([("type", "string")]))])),
        ])
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
                    ("schemas", JSONIO.object([("Error", error)])),
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
            parameters.append(
                JSONIO.object([
                    ("name", .string(name)), ("in", "path"), ("required", true),
                    ("schema", JSONIO.object([("type", "string")])),
                ]))
            rest = rest[rest.index(after: close)...]
        }
        for name in operation.query {
            parameters.append(
                JSONIO.object([
                    ("name", .string(name)), ("in", "query"), ("schema", JSONIO.object([("type", "string")])),
                ]))
        }
        let errorContent = JSONIO.object([
            ("application/json", JSONIO.object([("schema", JSONIO.object([("$ref", "#/components/schemas/Error")]))]))
        ])
        var responses: [(String, JSONValue)] = [
            (
                String(operation.status),
                JSONIO.object(
                    [("description", "success")]
                        + (operation.status == 204
                            ? []
                            : [("content", JSONIO.object([(operation.produces, JSONIO.object([]))]))]))
            )
        ]
        responses.append(("default", JSONIO.object([("description", "error"), ("content", errorContent)])))
        var members: [(String, JSONValue)] = [
            ("summary", .string(operation.summary)), ("operationId", .string(operationID(operation))),
            ("parameters", .array(parameters)), ("responses", JSONIO.object(responses)),
        ]
        if let body = operation.body {
            let type = body == "raw file bytes" ? "application/octet-stream" : "application/json"
            members.append(
                (
                    "requestBody",
                    JSONIO.object([
                        ("description", .string(body)), ("content", JSONIO.object([(type, JSONIO.object([]))])),
                    ])
                ))
        }
        if operation.isPublic { members.append(("security", [])) }
        return JSONIO.object(members)
    }

    private static func operationID(_ operation: Operation) -> String {
        let words = operation.path.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        return operation.method + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
