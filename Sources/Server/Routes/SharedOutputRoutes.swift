import Hummingbird
import Store

/// The pictures of a shared notebook, readable with its share token: the read-only view has no login,
/// so it cannot use `/api/outputs/{sha256}.png`.
///
/// `GET /api/shares/{token}/outputs/{sha256}.png` answers only for a picture one of the shared notebook's
/// outputs shows, so a share token never opens another notebook's pictures.
enum SharedOutputRoutes {
    static func register(on router: Router<BasicRequestContext>, services: ServerServices) {
        let store = services.store
        router.get("/api/shares/{token}/outputs/{sha256}.png") { _, context -> Response in
            let id = try await ShareRoutes.sharedNotebook(context, store: store)
            let hash = try context.parameters.require("sha256")
            guard hash.count == 64, hash.allSatisfy(\.isHexDigit) else {
                throw APIError.notFound("no picture with that hash")
            }
            let outline = try await services.storeCall { () async throws(StoreError) in try await store.outline(id: id)
            }
            guard outline.cells.contains(where: { $0.outputsJSON.contains(hash) }) else {
                throw APIError.notFound("the shared notebook shows no picture with that hash")
            }
            let bytes = try await services.storeCall { () async throws(StoreError) in
                try await store.image(sha256: hash)
            }
            guard let bytes else { throw APIError.notFound("no picture with that hash") }
            // Not immutable-public like /api/outputs: a revoked link should stop showing them on reload.
            return Response(
                status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, no-cache"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }
}
