import HTTPTypes
import Hummingbird

/// The checks every request passes before a handler sees it (issue 6, "Security").
///
/// - `Host` must be exactly `host[:port]` (`HostHeader`), and a loopback name unless remote access is
///   allowed (DNS-rebinding defence); an absolute-form request target stands in for `Host`
///   (`RequestTargetHandler`);
/// - an `Origin` header, when sent, must be one of the allowed origins exactly;
/// - protected paths need the token: `Authorization: Bearer`, or the `convbook_token` cookie, in which
///   case state-changing methods also need `X-XSRF-Token` equal to the `convbook_xsrf` cookie.
struct AccessPolicy: Sendable {
    /// The header the page echoes the XSRF cookie in.
    static let xsrfHeader = HTTPField.Name("X-XSRF-Token")!
    /// A literal `Host` field (HTTP/1 servers move it to `authority`; a second one must not slip by).
    static let hostHeader = HTTPField.Name("Host")!

    let token: String?
    let allowRemote: Bool
    let allowedOrigins: AllowedOrigins
    /// The names a browser on this machine uses for it, as `HostHeader` reads them.
    static let loopbackNames: Set<String> = ["localhost", "127.0.0.1", "[::1]"]

    /// How a request proved who it is.
    enum Credential: Equatable {
        /// No authentication is configured.
        case open
        /// `Authorization: Bearer` with the right token.
        case bearer
        /// The login cookie.
        case cookie
        /// Nothing valid.
        case none
    }

    /// Why a request is refused, as the API error it becomes.
    func refusal(host request: Request) -> APIError? {
        var hosts = request.head.authority.map { [$0] } ?? []
        hosts += request.headers[values: Self.hostHeader]
        if hosts.isEmpty { return allowRemote ? nil : APIError(.badRequest, "the request has no Host header") }
        for text in hosts {
            guard let host = HostHeader(text) else {
                return APIError(
                    .badRequest,
                    "the request's host must be host[:port]: a name, an IPv4 address or a bracketed IPv6 address, "
                        + "then digits")
            }
            if !allowRemote, !Self.loopbackNames.contains(host.name) {
                return APIError(
                    .forbidden, "this server answers only to loopback host names (start it with --allow-remote)")
            }
        }
        return nil
    }

    /// 403 for an `Origin` that is not exactly one of the allowed ones.
    func refusal(origin request: Request) -> APIError? {
        for origin in request.headers[values: .origin] where !allowedOrigins.contains(origin) {
            return APIError(.forbidden, "cross-origin requests are refused")
        }
        return nil
    }

    /// How the request authenticated.
    func credential(of request: Request, cookies: CookieJar) -> Credential {
        guard let token else { return .open }
        for authorization in request.headers[values: .authorization] {
            let prefix = "Bearer "
            if authorization.hasPrefix(prefix), ConstantTime.equals(authorization.dropFirst(prefix.count), token) {
                return .bearer
            }
        }
        if let cookie = cookies[CookieJar.tokenName], ConstantTime.equals(cookie, token) { return .cookie }
        return .none
    }

    /// Whether a cookie-authenticated state change carries the matching XSRF header.
    func xsrfSatisfied(_ request: Request, cookies: CookieJar) -> Bool {
        guard let cookie = cookies[CookieJar.xsrfName], !cookie.isEmpty,
            let header = request.headers[Self.xsrfHeader]
        else { return false }
        return ConstantTime.equals(header, cookie)
    }

    /// Whether the method changes state (and so needs XSRF proof under cookie authentication).
    static func changesState(_ method: HTTPRequest.Method) -> Bool {
        ![.get, .head, .options].contains(method)
    }
}
