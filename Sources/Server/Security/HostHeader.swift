/// A `Host` header value read strictly: `host[:port]`, where the host is a DNS name or an IPv4 address
/// (letters, digits, `-`, `_` and non-empty dot-separated labels) or a bracketed IPv6 address, and the
/// port is one to five digits up to 65535.
///
/// Anything else is not a host: user info (`127.0.0.1:8888@evil.com`), spaces or tabs, a path, a second
/// colon, an empty name. A check that compared only what came before the first colon let those through
/// to a foreign name behind a loopback one.
///
/// ```swift
/// HostHeader("localhost:8888")           // name "localhost", port 8888
/// HostHeader("[::1]")                    // name "[::1]", no port
/// HostHeader("127.0.0.1:8888@evil.com")  // nil
/// ```
struct HostHeader: Equatable {
    /// The host, lowercased; an IPv6 address keeps its brackets (`[::1]`).
    let name: String
    /// The port, when one is given.
    let port: Int?

    /// A parsed value.
    init(name: String, port: Int?) {
        self.name = name
        self.port = port
    }

    /// The host and port of `text`, or `nil` when `text` is not exactly `host[:port]`.
    init?(_ text: String) {
        let bytes = Array(text.utf8)
        var index: Int
        if bytes.first == UInt8(ascii: "[") {
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            let address = bytes[1..<close]
            guard address.contains(UInt8(ascii: ":")), address.allSatisfy(Self.isIPv6Character) else { return nil }
            name = "[" + String(decoding: address, as: UTF8.self).lowercased() + "]"
            index = close + 1
        } else {
            index = bytes.firstIndex(of: UInt8(ascii: ":")) ?? bytes.count
            let host = bytes[..<index]
            guard host.count <= 253, host.allSatisfy(Self.isNameCharacter) else { return nil }
            // Non-empty labels; a single trailing dot (a fully qualified name) is allowed.
            let labels = host.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            guard labels.dropLast(host.last == UInt8(ascii: ".") ? 1 : 0).allSatisfy({ !$0.isEmpty }), !host.isEmpty
            else { return nil }
            name = String(decoding: host, as: UTF8.self).lowercased()
        }
        guard index < bytes.count else {
            port = nil
            return
        }
        let digits = bytes[(index + 1)...]
        guard bytes[index] == UInt8(ascii: ":"), (1...5).contains(digits.count),
            digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let value = Int(String(decoding: digits, as: UTF8.self)), value <= 65535
        else { return nil }
        port = value
    }

    private static func isNameCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    private static func isIPv6Character(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: ":"), UInt8(ascii: "."):
            true
        default: false
        }
    }
}
