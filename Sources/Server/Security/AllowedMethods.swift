import HTTPTypes
import Hummingbird

/// The methods the router takes on each path, so a request with another method on a known path is answered
/// 405 with an `Allow` header (as HTTP asks) rather than the router's 404.
struct AllowedMethods: Sendable {
    /// Route templates split into segments (`{name}` one segment, `**` the rest), with their methods.
    private let routes: [(segments: [String], method: HTTPRequest.Method)]

    init(_ router: Router<BasicRequestContext>) {
        routes = router.routes.map { route in
            (route.path.description.split(separator: "/").map(String.init), route.method)
        }
    }

    /// The methods routed for `path`, in a stable order; empty when no route has that path. Where templates
    /// overlap, the router takes the one with the most literal segments (`/api/notebooks/import` over
    /// `/api/notebooks/{id}`), so only those count.
    func methods(for path: String) -> [HTTPRequest.Method] {
        let parts = path.split(separator: "/").map(String.init)
        let matching = routes.filter { Self.matches($0.segments, parts) }
        let literal = { (segments: [String]) in segments.filter { !$0.contains("{") && $0 != "**" }.count }
        let most = matching.map { literal($0.segments) }.max() ?? 0
        var found: [HTTPRequest.Method] = []
        for route in matching where literal(route.segments) == most && !found.contains(route.method) {
            found.append(route.method)
        }
        return found.sorted { $0.rawValue < $1.rawValue }
    }

    static func matches(_ template: [String], _ parts: [String]) -> Bool {
        if template.last == "**" {
            return parts.count >= template.count
                && matches(Array(template.dropLast()), Array(parts.prefix(template.count - 1)))
        }
        guard template.count == parts.count else { return false }
        return zip(template, parts).allSatisfy { pattern, part in
            guard let open = pattern.firstIndex(of: "{"), let close = pattern.firstIndex(of: "}") else {
                return pattern == part
            }
            let prefix = pattern[..<open]
            let suffix = pattern[pattern.index(after: close)...]
            return part.count > prefix.count + suffix.count && part.hasPrefix(prefix) && part.hasSuffix(suffix)
        }
    }
}
