import Foundation

/// How a Convbook server is set up: where it listens, who may talk to it, where its files are.
public struct ServerConfiguration: Sendable {
    /// The address to bind (loopback by default).
    public var host: String = "127.0.0.1"
    /// The port to bind (0 picks a free one).
    public var port: Int = 8888
    /// The secret every API request and page must present; `nil` turns authentication off (`--no-token`).
    public var token: String?
    /// Accept any `Host` header (`--allow-remote`); otherwise only loopback names are served, which
    /// defends against DNS rebinding.
    public var allowRemote: Bool = false
    /// Origins (scheme://host:port) allowed besides the server's own loopback origins.
    public var extraAllowedOrigins: [String] = []
    /// The folder of the web page (`index.html`, `notebook.html`, `share.html`, css and js).
    public var webDirectory: String = "web"
    /// Vendored JavaScript served under `/vendor/<name>/`: name → folder.
    ///
    /// Symlinks out of a folder are refused, so a folder a package links in from elsewhere gets its own
    /// entry with a nested name: Debian's KaTeX links `katex/fonts` to the fonts-katex package.
    public var vendorDirectories: [String: String] = [
        "codemirror": "/usr/share/javascript/codemirror",
        "markdown-it": "/usr/share/javascript/markdown-it",
        "katex": "/usr/share/javascript/katex",
        "katex/fonts": "/usr/share/fonts/truetype/katex",
    ]
    /// The largest JSON request body accepted.
    public var maxJSONBodyBytes: Int = 2 * 1024 * 1024
    /// The largest notebook upload accepted (import).
    public var maxUploadBytes: Int = 50 * 1024 * 1024

    /// A configuration with the defaults above and the given token.
    public init(token: String?) {
        self.token = token
    }

    /// A fresh random token: 128 bits as 32 lowercase hex digits.
    public static func freshToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        return String((0..<32).map { _ in digits[Int.random(in: 0..<16, using: &generator)] })
    }

    /// The origins a page served by this server sends: its loopback names with the configured port.
    /// With `port` 0 the server uses `allowedOrigins(port:)` with the port it bound.
    public var allowedOrigins: Set<String> {
        allowedOrigins(port: port)
    }

    /// The origins a page served on `port` sends: its loopback names (and the host it binds, when that is
    /// a name) with that port, plus the extra origins.
    public func allowedOrigins(port: Int) -> Set<String> {
        var origins = Set(extraAllowedOrigins)
        for name in ["127.0.0.1", "localhost", "[::1]"] {
            origins.insert("http://\(name):\(port)")
        }
        if !["127.0.0.1", "localhost", "::1", "0.0.0.0", "::"].contains(host) {
            let shown = host.contains(":") ? "[\(host)]" : host
            origins.insert("http://\(shown):\(port)")
        }
        return origins
    }
}
