import NIOCore
import NIOHTTP1

/// Makes an HTTP/1 request's target answer for its host before the request becomes HTTP types (which
/// keep only the path): an absolute-form target (`GET http://evil.com/api/… HTTP/1.1`, as proxies send)
/// names the host the request is for, and RFC 9112 §3.2.2 says a server uses it in place of `Host`.
///
/// So the target's authority replaces every `Host` field and the target becomes its origin-form path;
/// `AccessPolicy` then checks that host like any other. A target that is neither origin-form (`/…`, `*`)
/// nor an `http`/`https` URL gets an empty `Host`, which the check refuses as malformed.
final class RequestTargetHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data), !head.uri.hasPrefix("/"), head.uri != "*" else {
            context.fireChannelRead(data)
            return
        }
        let (host, path) = Self.split(target: head.uri)
        head.headers.remove(name: "Host")
        head.headers.add(name: "Host", value: host)
        head.uri = path
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }

    /// The authority and origin-form path of an `http` or `https` URL (`http://a:1/p?q` → `a:1`, `/p?q`);
    /// an empty host and `/` for any other target.
    static func split(target: String) -> (host: String, path: String) {
        for scheme in ["http://", "https://"] where target.lowercased().hasPrefix(scheme) {
            let rest = target.dropFirst(scheme.count)
            let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
            let path = rest[end...].prefix { $0 != "#" }
            return (String(rest[..<end]), path.hasPrefix("/") ? String(path) : "/" + path)
        }
        return ("", "/")
    }
}
