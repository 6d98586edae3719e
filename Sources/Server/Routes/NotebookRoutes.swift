import Foundation
import Hummingbird
import Notebook
import Store

/// `/api/notebooks`: list, create, get, rename, delete, duplicate, import and export.
enum NotebookRoutes {
    static func register(on router: Router<BasicRequestContext>, services: ServerServices) {
        let store = services.store
        let limit = services.configuration.maxJSONBodyBytes

        router.get("/api/notebooks") { _, _ -> Response in
            let list = try await services.storeCall { () async throws(StoreError) in try await store.listNotebooks() }
            return JSONIO.response(.array(list.map(NotebookJSON.summary)))
        }

        router.post("/api/notebooks") { request, _ -> Response in
            let body = try await JSONIO.bodyObject(request, limit: limit)
            let title = try body.optionalString("title") ?? "Untitled"
            let created = try await services.storeCall { () async throws(StoreError) in
                try await store.createNotebook(title: title)
            }
            return try await notebookResponse(created.document.id, services: services, status: .created)
        }

        router.get("/api/notebooks/{id}") { _, context -> Response in
            try await notebookResponse(try context.parameters.require("id"), services: services)
        }

        router.patch("/api/notebooks/{id}") { request, context -> Response in
            let id = try context.parameters.require("id")
            let body = try await JSONIO.bodyObject(request, limit: limit)
            let title = try body.requiredString("title")
            let revision = try body.requiredInt("revision")
            let new = try await services.storeCall { () async throws(StoreError) in
                try await store.rename(id: id, title: title, expectedRevision: revision)
            }
            return JSONIO.response(JSONIO.object([("revision", JSONIO.number(new))]))
        }

        router.delete("/api/notebooks/{id}") { _, context -> Response in
            let id = try context.parameters.require("id")
            try await services.storeCall { () async throws(StoreError) in try await store.delete(id: id) }
            await services.coordinator.forget(notebookID: id)
            return Response(status: .noContent)
        }

        router.post("/api/notebooks/{id}/duplicate") { request, context -> Response in
            let id = try context.parameters.require("id")
            let body = try await JSONIO.bodyObject(request, limit: limit)
            let title = try body.optionalString("title")
            let copy = try await services.storeCall { () async throws(StoreError) in
                try await store.duplicate(id: id, title: title)
            }
            return try await notebookResponse(copy.document.id, services: services, status: .created)
        }

        router.post("/api/notebooks/import") { request, _ -> Response in
            let fileName = request.uri.queryParameters.get("filename") ?? ""
            let bytes = try await JSONIO.bodyBytes(request, limit: services.configuration.maxUploadBytes)
            var document = try decode(bytes, fileName: fileName)
            let replaced = document.replaceNonFiniteNumbers()
            let imported = try await services.storeCall { [document] () async throws(StoreError) in
                try await store.importNotebook(document)
            }
            return try await notebookResponse(
                imported.document.id, services: services, status: .created,
                notes: NonFiniteNumber.note(replaced).map { [$0] } ?? [])
        }

        router.get("/api/notebooks/{id}/export") { request, context -> Response in
            let id = try context.parameters.require("id")
            let format = request.uri.queryParameters.get("format") ?? "ipynb"
            let stored = try await services.storeCall { () async throws(StoreError) in try await store.notebook(id: id)
            }
            return try export(stored.document, format: format)
        }
    }

    /// The notebook as NotebookJSON; `notes` (what an import changed) are added as a `notes` list.
    static func notebookResponse(
        _ id: String, services: ServerServices, status: HTTPResponse.Status = .ok, notes: [String] = []
    ) async throws -> Response {
        let cache = services.coordinator.responses
        let version = NotebookResponseCache.Version(
            store: services.store.changeCount(of: id), runState: cache.runStateCount(of: id))
        if status == .ok, let body = cache.body(of: id, at: version) { return JSONIO.response(text: body) }
        let outline = try await services.storeCall { () async throws(StoreError) in
            try await services.store.outline(id: id)
        }
        let notebook = await NotebookJSON.notebook(outline, coordinator: services.coordinator)
        guard !notes.isEmpty, case .object(var members) = notebook else {
            let body = JSONWriter.compact(notebook)
            cache.store(body, for: id, at: version)
            return JSONIO.response(text: body, status: status)
        }
        members["notes"] = .array(notes.map { .string($0) })
        return JSONIO.response(.object(members), status: status)
    }

    /// An uploaded `.ipynb` or percent-format `.py` file as a document.
    static func decode(_ bytes: [UInt8], fileName: String) throws -> NotebookDocument {
        let name = fileName.split(separator: "/").last.map(String.init) ?? ""
        do {
            guard let format = NotebookFormat(fileName: name), format.canRead else {
                let names = NotebookFormat.readable.map { "NAME." + $0.fileExtension }
                throw APIError.badRequest("import takes ?filename=" + names.joined(separator: " or "))
            }
            return try format.read(bytes, fileName: name)
        } catch let error as NotebookFileError {
            throw APIError.badRequest(error.description)
        }
    }

    /// The notebook as a downloadable file.
    static func export(_ document: NotebookDocument, format name: String) throws -> Response {
        guard let format = NotebookFormat.named(name) else {
            throw APIError.badRequest(
                "export format must be " + NotebookFormat.spoken(NotebookFormat.all.map(\.name)))
        }
        let text = format.write(document)
        let type = format.mediaType
        let safeTitle = String(
            document.title.unicodeScalars.map { scalar -> Character in
                CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII || "-_ ".unicodeScalars.contains(scalar)
                    ? Character(scalar) : "_"
            }
        ).trimmingCharacters(in: .whitespaces)
        let fileName = (safeTitle.isEmpty ? "notebook" : String(safeTitle.prefix(80))) + "." + format.fileExtension
        return Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(fileName)\""],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
