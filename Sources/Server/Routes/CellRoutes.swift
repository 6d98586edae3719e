import Foundation
import Hummingbird
import Notebook
import Store

/// `/api/notebooks/{id}/cells`: insert, update, move and delete cells, each against a revision.
enum CellRoutes {
    static func register(on router: Router<BasicRequestContext>, services: ServerServices) {
        let store = services.store
        let limit = services.configuration.maxJSONBodyBytes
        let names = services.coordinator.names

        router.post("/api/notebooks/{id}/cells") { request, context -> Response in
            let id = try context.parameters.require("id")
            let body = try await JSONIO.bodyObject(request, limit: limit)
            let index = try body.requiredInt("index")
            let kind = try kind(body.optionalString("type") ?? "code")
            let source = try body.optionalString("source") ?? ""
            // Tags come along when the page pastes a cell or brings a deleted one back.
            let tags = try self.tags(body) ?? []
            let revision = try body.requiredInt("revision")
            let cell = Cell(kind: kind, source: source, tags: tags)
            let new = try await services.storeCall { () async throws(StoreError) in
                try await store.insertCell(notebook: id, at: index, cell: cell, expectedRevision: revision)
            }
            let payload = JSONIO.object([
                ("cell", NotebookJSON.newCell(cell, names: names)), ("revision", JSONIO.number(new)),
            ])
            return JSONIO.response(payload, status: .created)
        }

        router.patch("/api/notebooks/{id}/cells/{cellId}") { request, context -> Response in
            let id = try context.parameters.require("id")
            let cellID = try self.cellID(context)
            let body = try await JSONIO.bodyObject(request, limit: limit)
            let source = try body.optionalString("source")
            let type = try body.optionalString("type").map(kind)
            let tags = try self.tags(body)
            let revision = try body.requiredInt("revision")
            let new = try await services.storeCall { () async throws(StoreError) in
                try await store.updateCell(
                    notebook: id, cell: cellID, source: source, type: type, tags: tags, expectedRevision: revision)
            }
            await services.coordinator.publishStale(id)
            return JSONIO.response(JSONIO.object([("revision", JSONIO.number(new))]))
        }

        router.post("/api/notebooks/{id}/cells/{cellId}/move") { request, context -> Response in
            let id = try context.parameters.require("id")
            let cellID = try self.cellID(context)
            let body = try await JSONIO.bodyObject(request, limit: limit)
            let index = try body.requiredInt("index")
            let revision = try body.requiredInt("revision")
            let new = try await services.storeCall { () async throws(StoreError) in
                try await store.moveCell(notebook: id, cell: cellID, to: index, expectedRevision: revision)
            }
            return JSONIO.response(JSONIO.object([("revision", JSONIO.number(new))]))
        }

        router.delete("/api/notebooks/{id}/cells/{cellId}") { request, context -> Response in
            let id = try context.parameters.require("id")
            let cellID = try self.cellID(context)
            guard let revision = request.uri.queryParameters.get("revision").flatMap(Int.init) else {
                throw APIError.badRequest("'revision' is missing: DELETE …/cells/{cellId}?revision=N")
            }
            let new = try await services.storeCall { () async throws(StoreError) in
                try await store.deleteCell(notebook: id, cell: cellID, expectedRevision: revision)
            }
            await services.coordinator.publishStale(id)
            return JSONIO.response(JSONIO.object([("revision", JSONIO.number(new))]))
        }
    }

    static func cellID(_ context: BasicRequestContext) throws -> CellID {
        let text = try context.parameters.require("cellId")
        guard let id = CellID(text) else { throw APIError.notFound("there is no cell with that id") }
        return id
    }

    static func kind(_ text: String) throws -> Cell.Kind {
        guard let kind = Cell.Kind(rawValue: text) else {
            throw APIError.badRequest("'type' must be code, markdown or raw")
        }
        return kind
    }

    static func tags(_ body: JSONObject) throws -> [String]? {
        guard let value = body["tags"], value != .null else { return nil }
        guard let list = value.arrayValue else { throw APIError.badRequest("'tags' must be a list of strings") }
        return try list.map { tag in
            guard let text = tag.stringValue else { throw APIError.badRequest("'tags' must be a list of strings") }
            return text
        }
    }
}
