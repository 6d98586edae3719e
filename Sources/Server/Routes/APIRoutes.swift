import Hummingbird
import Notebook

/// `/api/health`, `/api/openapi.json` and `/api/formats`.
enum APIRoutes {
    static func register(on router: Router<BasicRequestContext>) {
        router.get("/api/health") { _, _ -> Response in
            JSONIO.response(JSONIO.object([("status", "ok"), ("version", .string(ConvbookServer.version))]))
        }
        router.get("/api/openapi.json") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        router.get("/api/formats") { _, _ -> Response in
            JSONIO.response(.array(NotebookFormat.all.map(formatJSON)))
        }
    }

    /// A format as the page's export menu and import button read it.
    static func formatJSON(_ format: NotebookFormat) -> JSONValue {
        JSONIO.object([
            ("name", .string(format.name)), ("title", .string(format.title)),
            ("extensions", .array(format.extensions.map { .string($0) })), ("mediaType", .string(format.mediaType)),
            ("readable", .bool(format.canRead)),
        ])
    }
}
