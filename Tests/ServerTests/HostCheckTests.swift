import ConvbookTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Notebook
import Testing

@testable import Server

/// Issue 16: the `Host` check parses the header strictly (`host[:port]`: a DNS name, an IPv4 address or
/// a bracketed IPv6 address, then digits only), so nothing after a loopback name slips a foreign host by.
@Suite struct HostCheckTests {
    /// Values that are not `host[:port]`: refused as malformed whatever the configuration.
    static let malformed = [
        "127.0.0.1:8888@evil.com", "127.0.0.1:8888\tevil.com", "localhost:8888 evil.com", "localhost\tevil.com",
        "localhost:8888/evil.com", "127.0.0.1:8888:1", "[::1]:8888@evil.com", "[::1]evil.com", "127.0.0.1:80a",
        "user@localhost:8888", "localhost:8888#evil.com", "localhost:8888?x", "[::1", "::1:8888", ":8888",
        "localhost:+80", "localhost:123456", "[evil.com]:8888", "local..host", "localhost:8888,evil.com",
    ]

    /// Well-formed names that are not loopback names: refused unless remote access is allowed.
    static let foreign = ["evil.com", "evil.com:8888", "127.0.0.2:8888", "[::2]:8888", "localhost.evil.com:8888"]

    /// What a browser on this machine sends.
    static let loopback = [
        "localhost:8888", "127.0.0.1:8888", "[::1]:8888", "LOCALHOST:8888", "localhost", "127.0.0.1", "[::1]",
    ]

    static func status(_ client: any TestClientProtocol, host: String) async throws -> HTTPResponse.Status {
        var headers = authorized()
        headers[HTTPField.Name("Host")!] = host
        return try await client.execute(uri: "/api/health", method: .get, headers: headers).status
    }

    @Test func malformedHostsAreRefused() async throws {
        for allowRemote in [false, true] {
            try await TestServer(configure: { $0.allowRemote = allowRemote }).test { client in
                for host in Self.malformed {
                    let status = try await Self.status(client, host: host)
                    #expect(status == .badRequest, "\(host) remote: \(allowRemote)")
                }
            }
        }
    }

    @Test func foreignHostsAreRefusedUnlessRemoteAccessIsAllowed() async throws {
        try await TestServer().test { client in
            for host in Self.foreign {
                let status = try await Self.status(client, host: host)
                #expect(status == .forbidden, "\(host)")
            }
            for host in Self.loopback {
                let status = try await Self.status(client, host: host)
                #expect(status == .ok, "\(host)")
            }
        }
        try await TestServer(configure: { $0.allowRemote = true }).test { client in
            for host in Self.foreign + Self.loopback + ["notebooks.example", "192.168.1.20:8888", "[fe80::1]:80"] {
                let status = try await Self.status(client, host: host)
                #expect(status == .ok, "\(host)")
            }
        }
    }

    @Test func theParserReadsHostAndPort() {
        #expect(HostHeader("localhost:8888") == HostHeader(name: "localhost", port: 8888))
        #expect(HostHeader("[::1]") == HostHeader(name: "[::1]", port: nil))
        #expect(HostHeader("Example.COM:80") == HostHeader(name: "example.com", port: 80))
        #expect(HostHeader("notebooks.example.") == HostHeader(name: "notebooks.example.", port: nil))
        #expect(HostHeader("[FE80::1]:65535") == HostHeader(name: "[fe80::1]", port: 65535))
        for text in ["", "127.0.0.1:8888@evil.com", "localhost:", ":80", "[]", "[::1]:", "a b", "localhost:65536"] {
            #expect(HostHeader(text) == nil, "\(text)")
        }
    }

    @Test func requestTargetsAreSplitIntoHostAndPath() {
        #expect(RequestTargetHandler.split(target: "http://evil.com/api/health?x=1") == ("evil.com", "/api/health?x=1"))
        #expect(RequestTargetHandler.split(target: "HTTPS://127.0.0.1:8888") == ("127.0.0.1:8888", "/"))
        #expect(RequestTargetHandler.split(target: "http://a:1?q#f") == ("a:1", "/?q"))
        #expect(RequestTargetHandler.split(target: "ftp://127.0.0.1/x") == ("", "/"))
        #expect(RequestTargetHandler.split(target: "127.0.0.1:8888") == ("", "/"))
    }
}

/// The same checks on a real server, over sockets: what an HTTP client can put on the wire.
@Suite(.serialized) struct LiveHostCheckTests {
    static func request(_ target: String, host: String, port: Int, origin: String? = nil) -> String {
        var text = "GET \(target) HTTP/1.1\r\nHost: \(host)\r\nAuthorization: Bearer \(LiveServer.token)\r\n"
        if let origin { text += "Origin: \(origin)\r\n" }
        return text + "Connection: close\r\n\r\n"
    }

    @Test func absoluteFormTargetsMustNameThisServer() async throws {
        let server = try LiveServer()
        defer { server.terminate() }
        let port = server.port
        let statuses = try await offPool {
            [
                "foreign": try RawHTTP.status(
                    port: port, Self.request("http://evil.com/api/health", host: "127.0.0.1:\(port)", port: port)),
                "foreign with port": try RawHTTP.status(
                    port: port,
                    Self.request("http://evil.com:\(port)/api/health", host: "127.0.0.1:\(port)", port: port)),
                "user info": try RawHTTP.status(
                    port: port,
                    Self.request("http://evil.com@127.0.0.1:\(port)/api/health", host: "127.0.0.1:\(port)", port: port)
                ),
                "other scheme": try RawHTTP.status(
                    port: port,
                    Self.request("ftp://127.0.0.1:\(port)/api/health", host: "127.0.0.1:\(port)", port: port)
                ),
                "this server": try RawHTTP.status(
                    port: port,
                    Self.request("http://127.0.0.1:\(port)/api/health", host: "127.0.0.1:\(port)", port: port)),
                "this server, other Host": try RawHTTP.status(
                    port: port, Self.request("http://localhost:\(port)/api/health", host: "evil.com", port: port)),
                "origin form": try RawHTTP.status(
                    port: port, Self.request("/api/health", host: "127.0.0.1:\(port)", port: port)),
            ]
        }
        #expect(statuses["foreign"] == 403)
        #expect(statuses["foreign with port"] == 403)
        #expect(statuses["user info"] == 400)
        #expect(statuses["other scheme"] == 400)
        #expect(statuses["this server"] == 200)
        #expect(statuses["this server, other Host"] == 200)
        #expect(statuses["origin form"] == 200)
    }

    @Test func hostLinesThatHideAForeignHostAreRefused() async throws {
        let server = try LiveServer()
        defer { server.terminate() }
        let port = server.port
        for host in ["127.0.0.1:\(port)@evil.com", "127.0.0.1:\(port)\tevil.com", "localhost:\(port) evil.com"] {
            let status = try await offPool {
                try RawHTTP.status(port: port, Self.request("/api/health", host: host, port: port))
            }
            #expect(status == 400, "\(host)")
        }
        for host in ["localhost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)"] {
            let status = try await offPool {
                try RawHTTP.status(port: port, Self.request("/api/health", host: host, port: port))
            }
            #expect(status == 200, "\(host)")
        }
    }
}
