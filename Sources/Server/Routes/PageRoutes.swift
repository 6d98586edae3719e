import Foundation
import Hummingbird
import Store

/// The pages (`/`, `/nb/{id}`, `/share/{token}`), the page's own files under `/static/`, and vendored
/// JavaScript under `/vendor/<name>/`.
enum PageRoutes {
    static func register(on router: Router<BasicRequestContext>, services: ServerServices) {
        let web = StaticFiles(directory: services.configuration.webDirectory)
        let vendors = services.configuration.vendorDirectories.mapValues(StaticFiles.init(directory:))

        router.get("/") { _, _ -> Response in try page("index.html", web) }
        router.get("/nb/{id}") { _, _ -> Response in try page("notebook.html", web) }
        router.get("/share/{token}") { _, context -> Response in
            // A person followed this link: an unknown or revoked one still gets the page (with 404),
            // which says in words what happened instead of showing a JSON error.
            var response = try page("share.html", web)
            do {
                _ = try await ShareRoutes.sharedNotebook(context, store: services.store)
            } catch let error as APIError where error.status == .notFound {
                response.status = .notFound
                response.headers[ConvbookResponder.ownErrorMarker] = "page"
            }
            return response
        }
        router.get("/static/**") { _, context -> Response in
            try file(context.parameters.getCatchAll(), in: web)
        }
        for (name, files) in vendors.sorted(by: { $0.key < $1.key }) {
            router.get(RouterPath("/vendor/\(name)/**")) { _, context -> Response in
                try file(context.parameters.getCatchAll(), in: files)
            }
        }
    }

    static func page(_ name: String, _ web: StaticFiles) throws -> Response {
        try file([name[...]], in: web, cache: "no-store")
    }

    static func file(_ components: [Substring], in files: StaticFiles, cache: String = "no-cache") throws -> Response {
        guard let path = files.resolve(components), let bytes = files.contents(of: path) else {
            throw APIError.notFound("no such file")
        }
        return Response(
            status: .ok, headers: [.contentType: StaticFiles.contentType(of: path), .cacheControl: cache],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
