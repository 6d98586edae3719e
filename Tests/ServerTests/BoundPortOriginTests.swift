import ConvbookTestSupport
import Foundation
import Testing

@testable import Server

/// Issue 16: `convbook serve --port 0` allows the origins of the port it bound, not of port 0, so the
/// page's own module scripts, saves and runs (all sent with an `Origin` header) are not refused.
@Suite(.serialized) struct BoundPortOriginTests {
    static func request(_ target: String, port: Int, origin: String) -> String {
        "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAuthorization: Bearer \(LiveServer.token)\r\n"
            + "Origin: \(origin)\r\nConnection: close\r\n\r\n"
    }

    @Test func originsFollowThePortTheSystemChose() async throws {
        let server = try LiveServer()  // `--port 0`
        defer { server.terminate() }
        let port = server.port
        for origin in ["http://127.0.0.1:\(port)", "http://localhost:\(port)", "http://[::1]:\(port)"] {
            let status = try await offPool {
                try RawHTTP.status(port: port, Self.request("/api/notebooks", port: port, origin: origin))
            }
            #expect(status == 200, "\(origin)")
        }
        for origin in ["http://127.0.0.1:0", "http://127.0.0.1:\(port + 1)", "http://evil.com"] {
            let status = try await offPool {
                try RawHTTP.status(port: port, Self.request("/api/notebooks", port: port, origin: origin))
            }
            #expect(status == 403, "\(origin)")
        }
    }

    @Test func theConfiguredPortIsUsedUntilTheServerIsBound() {
        var configuration = ServerConfiguration(token: nil)
        configuration.port = 0
        let origins = AllowedOrigins(configuration: configuration)
        #expect(origins.contains("http://127.0.0.1:0"))
        origins.listening(on: 41234)
        #expect(origins.contains("http://127.0.0.1:41234"))
        #expect(origins.contains("http://[::1]:41234"))
        #expect(!origins.contains("http://127.0.0.1:0"))
    }
}
