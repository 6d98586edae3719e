import HTTPTypes

/// The cookies of a request, parsed from every `Cookie` header.
struct CookieJar {
    /// The session token cookie (HttpOnly).
    static let tokenName = "convbook_token"
    /// The XSRF cookie the page's JavaScript reads and echoes in `X-XSRF-Token`.
    static let xsrfName = "convbook_xsrf"

    private var values: [String: String] = [:]

    /// Parses `name=value; name2=value2` pairs; the first occurrence of a name wins.
    init(_ headers: HTTPFields) {
        for header in headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let name = pair[..<equals].trimmingCharacters(in: .whitespaces)
                let value = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                if values[name] == nil { values[name] = value }
            }
        }
    }

    /// The value of a cookie.
    subscript(name: String) -> String? { values[name] }
}
