import Foundation
import HTTPTypes
import Hummingbird
import Notebook

/// The server's front door: checks every request (Host, Origin, token, XSRF) before the router sees it,
/// turns every error into `{"error": "message"}`, and adds the security headers to every response. A
/// person who opens a page without the token (or with a wrong one) gets the login page instead, as Jupyter
/// shows; the API keeps answering JSON.
///
/// Error bodies never contain the request's URL, headers or a stack trace, so the token cannot leak
/// through them; nothing here logs requests.
public struct ConvbookResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    /// The policy of every HTML page (and, harmlessly, every other response).
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    /// Marks error responses answered on purpose (made here, or a page route's 404 page), so only the
    /// router's own (404 for unknown paths, …) are rewritten into JSON. Removed before sending.
    static let ownErrorMarker = HTTPField.Name("X-Convbook-Error")!

    let router: RouterResponder<BasicRequestContext>
    /// The methods each routed path takes, for 405 answers.
    let methods: AllowedMethods
    let policy: AccessPolicy
    /// The web page's files, for the login page (`login.html`).
    let pages: StaticFiles

    public func respond(to request: Request, context: Context) async throws -> Response {
        var response: Response
        do {
            response = try await guarded(request, context: context)
        } catch let error as APIError {
            response = Self.errorResponse(error)
        } catch {
            response = Self.errorResponse(APIError(.internalServerError, "the server failed to answer this request"))
        }
        if response.headers[Self.ownErrorMarker] != nil {
            response.headers[Self.ownErrorMarker] = nil
        } else if response.status == .notFound, request.method != .head,
            case let allowed = methods.methods(for: request.uri.path), !allowed.isEmpty,
            !allowed.contains(request.method)
        {
            // A known path with a method it does not take: 405 naming the ones it does.
            let names = allowed.map(\.rawValue).joined(separator: ", ")
            response = Self.errorResponse(APIError(.methodNotAllowed, "this path takes \(names)"))
            response.headers[Self.ownErrorMarker] = nil
            response.headers[.allow] = names
        } else if response.status.code >= 400 {
            response = Self.errorResponse(APIError(response.status, response.status.reasonPhrase.lowercased()))
            response.headers[Self.ownErrorMarker] = nil
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    private func guarded(_ request: Request, context: Context) async throws -> Response {
        if let refusal = policy.refusal(host: request) { throw refusal }
        if let refusal = policy.refusal(origin: request) { throw refusal }
        let path = request.uri.path
        if Self.isPublic(path: path, method: request.method) {
            return try await router.respond(to: request, context: context)
        }
        let cookies = CookieJar(request.headers)
        if request.method == .get, !path.hasPrefix("/api/"), let login = try login(request) {
            return login
        }
        switch policy.credential(of: request, cookies: cookies) {
        case .open, .bearer:
            break
        case .cookie:
            if AccessPolicy.changesState(request.method), !policy.xsrfSatisfied(request, cookies: cookies) {
                throw APIError(
                    .forbidden, "this request needs the X-XSRF-Token header (copy of the convbook_xsrf cookie)")
            }
        case .none:
            // A person opening a page gets a form for the token, as Jupyter shows; the API answers JSON.
            if Self.isPage(request), let page = loginPage() { return page }
            throw APIError(
                .unauthorized, "authentication required: open the URL with ?token= printed by `convbook serve`")
        }
        return try await router.respond(to: request, context: context)
    }

    /// `?token=` on a page: with the right token, sets the login cookies and redirects to the same URL
    /// without the token; with a wrong one, refuses. `nil` when there is no `?token=`.
    private func login(_ request: Request) throws -> Response? {
        guard let expected = policy.token else { return nil }
        let query = request.uri.queryParameters
        guard let given = query.get("token") else { return nil }
        guard ConstantTime.equals(given, expected) else {
            // The login page says the token was wrong (it sees `token` in its URL).
            if let page = loginPage() { return page }
            throw APIError(.unauthorized, "the token in the URL is not this server's token")
        }
        let rest = (request.uri.query ?? "").split(separator: "&").filter {
            !$0.hasPrefix("token=") && $0 != "token"
        }
        let location = request.uri.path + (rest.isEmpty ? "" : "?" + rest.joined(separator: "&"))
        var headers: HTTPFields = [.location: location, .cacheControl: "no-store"]
        headers.append(
            HTTPField(name: .setCookie, value: "\(CookieJar.tokenName)=\(expected); Path=/; HttpOnly; SameSite=Strict"))
        headers.append(
            HTTPField(
                name: .setCookie,
                value: "\(CookieJar.xsrfName)=\(ServerConfiguration.freshToken()); Path=/; SameSite=Strict"))
        return Response(status: .seeOther, headers: headers)
    }

    /// The login page (`login.html`: a form that sends `?token=`), with status 401; `nil` if the web folder
    /// has none.
    private func loginPage() -> Response? {
        guard var page = try? PageRoutes.page("login.html", pages) else { return nil }
        page.status = .unauthorized
        page.headers[Self.ownErrorMarker] = "page"
        return page
    }

    /// Whether a request is a person's browser asking for a page rather than a call to the API.
    static func isPage(_ request: Request) -> Bool {
        (request.method == .get || request.method == .head) && !request.uri.path.hasPrefix("/api/")
    }

    /// Paths anyone may read: the page's code and the share views (whose token is the credential).
    static func isPublic(path: String, method: HTTPRequest.Method) -> Bool {
        guard method == .get || method == .head else { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if path.hasPrefix("/static/") || path.hasPrefix("/vendor/") { return true }
        if parts.count == 3, parts[1] == "share" { return true }
        if parts.count == 4, parts[1] == "api", parts[2] == "shares" { return true }
        if parts.count == 6, parts[1] == "api", parts[2] == "shares", parts[4] == "outputs" { return true }
        return false
    }

    /// `{"error": message, …}` with the error's status.
    static func errorResponse(_ error: APIError) -> Response {
        var response = JSONIO.response(
            JSONIO.object([("error", .string(error.message))] + error.extra), status: error.status)
        response.headers[ownErrorMarker] = "1"
        return response
    }
}
