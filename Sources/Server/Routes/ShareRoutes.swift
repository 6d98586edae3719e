import Foundation
import Hummingbird
import Notebook
import Store

/// Share links (read-only views behind their own token) and output pictures.
enum ShareRoutes {
    static func register(on router: Router<BasicRequestContext>, services: ServerServices) {
        let store = services.store

        router.post("/api/notebooks/{id}/shares") { _, context -> Response in
            let id = try context.parameters.require("id")
            let share = try await services.storeCall { () async throws(StoreError) in
                try await store.createShare(notebook: id)
            }
            let payload = JSONIO.object([("token", .string(share.token)), ("url", .string("/share/\(share.token)"))])
            return JSONIO.response(payload, status: .created)
        }

        router.get("/api/notebooks/{id}/shares") { _, context -> Response in
            let id = try context.parameters.require("id")
            let shares = try await services.storeCall { () async throws(StoreError) in
                try await store.shares(notebook: id)
            }
            return JSONIO.response(
                .array(
                    shares.map {
                        JSONIO.object([("token", .string($0.token)), ("created", NotebookJSON.timestamp($0.created))])
                    }))
        }

        router.delete("/api/shares/{token}") { _, context -> Response in
            let token = try context.parameters.require("token")
            let revoked = try await services.storeCall { () async throws(StoreError) in
                try await store.revokeShare(token: token)
            }
            guard revoked else { throw APIError.notFound("no active share link with that token") }
            return Response(status: .noContent)
        }

        // No login: the share token is the credential (checked by ConvbookResponder's public paths).
        router.get("/api/shares/{token}") { _, context -> Response in
            let id = try await sharedNotebook(context, store: store)
            return try await NotebookRoutes.notebookResponse(id, services: services)
        }

        router.get("/api/outputs/{sha256}.png") { _, context -> Response in
            let hash = try context.parameters.require("sha256")
            // A running cell's newest pictures may not be saved yet.
            var bytes = services.coordinator.livePictures.picture(sha256: hash)
            if bytes == nil {
                bytes = try await services.storeCall { () async throws(StoreError) in
                    try await store.image(sha256: hash)
                }
            }
            guard let bytes else { throw APIError.notFound("no picture with that hash") }
            return Response(
                status: .ok,
                headers: [.contentType: "image/png", .cacheControl: "public, max-age=31536000, immutable"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    /// The notebook id an active share token shows, or 404.
    static func sharedNotebook(_ context: BasicRequestContext, store: NotebookStore) async throws -> String {
        let token = try context.parameters.require("token")
        let id: String?
        do {
            id = try await store.sharedNotebookID(token: token)
        } catch {
            throw APIError(error)
        }
        guard let id else { throw APIError.notFound("this share link does not exist or was revoked") }
        return id
    }
}
