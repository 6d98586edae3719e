import Hummingbird

/// `/api/health` and `/api/openapi.json`.
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
    }
}
