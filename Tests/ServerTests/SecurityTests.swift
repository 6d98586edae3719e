import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Notebook
import Testing

@testable import Server

/// Issue 6's security list, each refusal checked.
@Suite struct SecurityTests {
    static let protectedRoutes: [(String, HTTPRequest.Method)] = [
        ("/api/health", .get), ("/api/openapi.json", .get), ("/api/notebooks", .get), ("/api/notebooks", .post),
        ("/api/notebooks/x", .get), ("/api/notebooks/x", .patch), ("/api/notebooks/x", .delete),
        ("/api/notebooks/x/duplicate", .post), ("/api/notebooks/import?filename=a.py", .post),
        ("/api/notebooks/x/export?format=py", .get), ("/api/notebooks/x/cells", .post),
        ("/api/notebooks/x/cells/c", .patch), ("/api/notebooks/x/cells/c/move", .post),
        ("/api/notebooks/x/cells/c?revision=1", .delete), ("/api/notebooks/x/run", .post),
        ("/api/notebooks/x/interrupt", .post), ("/api/notebooks/x/restart", .post),
        ("/api/notebooks/x/events", .get), ("/api/notebooks/x/variables", .get),
        ("/api/notebooks/x/variables/X/heatmap.png", .get),
        ("/api/outputs/\(String(repeating: "a", count: 64)).png", .get),
        ("/api/notebooks/x/shares", .post), ("/api/notebooks/x/shares", .get),
        ("/api/shares/\(String(repeating: "a", count: 32))", .delete), ("/", .get), ("/nb/x", .get),
    ]

    @Test func everyProtectedRouteRefusesUnauthenticatedRequests() async throws {
        try await TestServer().test { client in
            for (uri, method) in Self.protectedRoutes {
                let bare = try await client.execute(uri: uri, method: method)
                #expect(bare.status == .unauthorized, "\(method) \(uri)")
                // Pages get the login page; the API answers JSON.
                if uri.hasPrefix("/api/") {
                    #expect(bare.errorMessage != nil, "\(method) \(uri)")
                } else {
                    #expect(bare.text == "<!doctype html><title>login</title>", "\(method) \(uri)")
                }
                let wrong = try await client.execute(
                    uri: uri, method: method, headers: authorized(token: "0123456789abcdef0123456789abcdee"))
                #expect(wrong.status == .unauthorized, "\(method) \(uri)")
                let short = try await client.execute(uri: uri, method: method, headers: authorized(token: "0123"))
                #expect(short.status == .unauthorized, "\(method) \(uri)")
            }
        }
    }

    @Test func aPageOpenedWithoutTheTokenIsTheLoginPageAndTheAPIStaysJSON() async throws {
        try await TestServer().test { client in
            for uri in ["/", "/nb/abc", "/?token=wrong"] {
                let page = try await client.execute(uri: uri, method: .get)
                #expect(page.status == .unauthorized, "\(uri)")
                #expect(page.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                #expect(page.text.contains("login"), "\(uri)")
                #expect(page.headers[.setCookie] == nil, "\(uri)")
            }
            let api = try await client.execute(uri: "/api/notebooks", method: .get)
            #expect(api.status == .unauthorized)
            #expect(api.headers[.contentType] == "application/json; charset=utf-8")
            #expect(api.errorMessage?.contains("authentication required") == true)
            // The login form sends the token to the page it is on, which sets the cookies and redirects.
            let login = try await client.execute(uri: "/nb/abc?token=\(TestServer.token)", method: .get)
            #expect(login.status == .seeOther)
            #expect(login.headers[.location] == "/nb/abc")
        }
    }

    @Test func theTokenNeverAppearsInErrorBodies() async throws {
        try await TestServer().test { client in
            let wrongURLToken = try await client.execute(uri: "/?token=\(TestServer.token)x", method: .get)
            #expect(wrongURLToken.status == .unauthorized)
            #expect(!wrongURLToken.text.contains(TestServer.token))
            let missing = try await client.execute(
                uri: "/api/notebooks/\(TestServer.token)", method: .get, headers: authorized())
            #expect(missing.status == .notFound)
            #expect(!missing.text.contains(TestServer.token) || missing.text.contains("no notebook"))
        }
    }

    @Test func wrongHostIsRefused() async throws {
        try await TestServer().test { client in
            for host in ["evil.example", "127.0.0.1.nip.io", "localhost.evil.example:8888", "10.0.0.1"] {
                var headers = authorized()
                headers[HTTPField.Name("Host")!] = host
                let response = try await client.execute(uri: "/api/health", method: .get, headers: headers)
                #expect(response.status == .forbidden, "\(host)")
                #expect(response.errorMessage?.contains("loopback") == true)
            }
            for host in ["localhost:8888", "127.0.0.1:8888", "[::1]:8888"] {
                var headers = authorized()
                headers[HTTPField.Name("Host")!] = host
                let response = try await client.execute(uri: "/api/health", method: .get, headers: headers)
                #expect(response.status == .ok, "\(host)")
            }
        }
        // --allow-remote serves any Host.
        try await TestServer(configure: { $0.allowRemote = true }).test { client in
            var headers = authorized()
            headers[HTTPField.Name("Host")!] = "notebooks.example"
            let response = try await client.execute(uri: "/api/health", method: .get, headers: headers)
            #expect(response.status == .ok)
        }
    }

    @Test func crossOriginRequestsAreRefused() async throws {
        try await TestServer().test { client in
            for origin in ["http://evil.example", "http://127.0.0.1:8889", "http://localhost:8888.evil", "null"] {
                let response = try await client.execute(
                    uri: "/api/notebooks", method: .post, headers: authorized([.origin: origin]), body: json("{}"))
                #expect(response.status == .forbidden, "\(origin)")
            }
            let same = try await client.execute(
                uri: "/api/notebooks", method: .get, headers: authorized([.origin: "http://127.0.0.1:8888"]))
            #expect(same.status == .ok)
        }
    }

    @Test func loginWithTheURLTokenSetsCookiesAndRedirects() async throws {
        try await TestServer().test { client in
            let login = try await client.execute(uri: "/nb/abc?token=\(TestServer.token)&x=1", method: .get)
            #expect(login.status == .seeOther)
            #expect(login.headers[.location] == "/nb/abc?x=1")
            let cookies = login.headers[values: .setCookie]
            let tokenCookie = try #require(cookies.first { $0.hasPrefix("convbook_token=") })
            #expect(tokenCookie.contains("HttpOnly"))
            #expect(tokenCookie.contains("SameSite=Strict"))
            let xsrfCookie = try #require(cookies.first { $0.hasPrefix("convbook_xsrf=") })
            #expect(!xsrfCookie.contains("HttpOnly"))
            let xsrf = String(xsrfCookie.dropFirst("convbook_xsrf=".count).prefix { $0 != ";" })

            let cookieHeader = "convbook_token=\(TestServer.token); convbook_xsrf=\(xsrf)"
            // Reads with the cookie work.
            let read = try await client.execute(uri: "/api/notebooks", method: .get, headers: [.cookie: cookieHeader])
            #expect(read.status == .ok)
            // State changes with the cookie need the XSRF header, equal to the cookie.
            let noXSRF = try await client.execute(
                uri: "/api/notebooks", method: .post, headers: [.cookie: cookieHeader], body: json("{}"))
            #expect(noXSRF.status == .forbidden)
            let wrongXSRF = try await client.execute(
                uri: "/api/notebooks", method: .post,
                headers: [.cookie: cookieHeader, AccessPolicy.xsrfHeader: "nope"], body: json("{}"))
            #expect(wrongXSRF.status == .forbidden)
            let withXSRF = try await client.execute(
                uri: "/api/notebooks", method: .post,
                headers: [.cookie: cookieHeader, AccessPolicy.xsrfHeader: xsrf], body: json("{}"))
            #expect(withXSRF.status == .created)
        }
    }

    @Test func traversalIsImpossible() async throws {
        try await TestServer().test { client in
            for uri in [
                "/static/../index.html", "/static/%2e%2e/index.html", "/static/js/../../etc/passwd",
                "/static/..%2f..%2fetc/passwd", "/static/.hidden", "/static/js/escape.js",
                "/vendor/codemirror/../../../../etc/passwd", "/static/js%00.js", "/static//etc/passwd",
                "/static/%2fetc%2fpasswd", "/vendor/codemirror/..", "/static/js/..\\..\\x",
            ] {
                let response = try await client.execute(uri: uri, method: .get, headers: authorized())
                #expect(response.status == .notFound || response.status == .badRequest, "\(uri)")
                #expect(!response.text.contains("outside") && !response.text.contains("root:"), "\(uri)")
            }
        }
        // The resolver on its own, including a symlink pointing out of the folder.
        let web = try TestServer.makeWebDirectory()
        let files = StaticFiles(directory: web.path)
        #expect(files.resolve(["js", "app.js"]) != nil)
        #expect(files.resolve(["js", "escape.js"]) == nil)
        #expect(files.resolve(["..", "etc"]) == nil)
        #expect(files.resolve(["js"]) == nil)
        #expect(files.resolve([]) == nil)
    }

    @Test func oversizedBodiesAreRefused() async throws {
        try await TestServer(configure: {
            $0.maxJSONBodyBytes = 1000; $0.maxUploadBytes = 2000
        }).test { client in
            let big = "{\"title\": \"\(String(repeating: "a", count: 1200))\"}"
            let response = try await client.execute(
                uri: "/api/notebooks", method: .post, headers: authorized(), body: json(big))
            #expect(response.status == .contentTooLarge)
            #expect(response.errorMessage != nil)
            let upload = try await client.execute(
                uri: "/api/notebooks/import?filename=a.py", method: .post, headers: authorized(),
                body: json(String(repeating: "x = 1\n", count: 500)))
            #expect(upload.status == .contentTooLarge)
        }
    }

    @Test func errorsAreJSONEverywhere() async throws {
        try await TestServer().test { client in
            let unknown = try await client.execute(uri: "/api/nothing", method: .get, headers: authorized())
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == "application/json; charset=utf-8")
            #expect(unknown.errorMessage != nil)
            let wrongMethod = try await client.execute(uri: "/api/health", method: .put, headers: authorized())
            #expect(wrongMethod.status.code >= 400)
            #expect(wrongMethod.errorMessage != nil)
        }
    }

    @Test func noTokenModeServesWithoutAuthentication() async throws {
        try await TestServer(token: nil).test { client in
            let health = try await client.execute(uri: "/api/health", method: .get)
            #expect(health.status == .ok)
            let created = try await client.execute(uri: "/api/notebooks", method: .post, body: json("{}"))
            #expect(created.status == .created)
        }
    }

    @Test func constantTimeComparison() {
        #expect(ConstantTime.equals("abc", "abc"))
        #expect(!ConstantTime.equals("abd", "abc"))
        #expect(!ConstantTime.equals("ab", "abc"))
        #expect(!ConstantTime.equals("abcd", "abc"))
        #expect(!ConstantTime.equals("", "abc"))
    }
}
