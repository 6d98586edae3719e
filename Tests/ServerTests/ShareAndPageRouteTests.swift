import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Notebook
import Testing

@testable import Server

/// Share links, pages and static files.
@Suite struct ShareAndPageRouteTests {
    @Test func shareLinksGiveReadOnlyAccessUntilRevoked() async throws {
        try await TestServer().test { client in
            let (id, _) = try await createNotebook(client, title: "Shared")
            let made = try await client.execute(
                uri: "/api/notebooks/\(id)/shares", method: .post, headers: authorized())
            #expect(made.status == .created)
            let token = try #require(try made.json["token"]?.stringValue)
            #expect(try made.json["url"]?.stringValue == "/share/\(token)")

            let listed = try await client.execute(
                uri: "/api/notebooks/\(id)/shares", method: .get, headers: authorized())
            #expect(try listed.json[0]?["token"]?.stringValue == token)

            // No credentials needed: the share token is the credential.
            let view = try await client.execute(uri: "/api/shares/\(token)", method: .get)
            #expect(view.status == .ok)
            #expect(try view.json["title"]?.stringValue == "Shared")
            let page = try await client.execute(uri: "/share/\(token)", method: .get)
            #expect(page.status == .ok)
            #expect(page.text.contains("<title>share</title>"))

            // The share token grants nothing else.
            var shareBearer = HTTPFields()
            shareBearer[.authorization] = "Bearer \(token)"
            let elsewhere = try await client.execute(uri: "/api/notebooks/\(id)", method: .get, headers: shareBearer)
            #expect(elsewhere.status == .unauthorized)
            let revokeWithoutLogin = try await client.execute(uri: "/api/shares/\(token)", method: .delete)
            #expect(revokeWithoutLogin.status == .unauthorized)

            let revoked = try await client.execute(uri: "/api/shares/\(token)", method: .delete, headers: authorized())
            #expect(revoked.status == .noContent)
            #expect(try await client.execute(uri: "/api/shares/\(token)", method: .get).status == .notFound)
            let revokedPage = try await client.execute(uri: "/share/\(token)", method: .get)
            #expect(revokedPage.status == .notFound)
            #expect(revokedPage.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(revokedPage.headers[.contentSecurityPolicy] != nil)
            #expect(revokedPage.headers[ConvbookResponder.ownErrorMarker] == nil)
            let again = try await client.execute(uri: "/api/shares/\(token)", method: .delete, headers: authorized())
            #expect(again.status == .notFound)
        }
    }

    @Test func shareFailures() async throws {
        try await TestServer().test { client in
            let fake = String(repeating: "a", count: 32)
            #expect(try await client.execute(uri: "/api/shares/\(fake)", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/share/\(fake)", method: .get).status == .notFound)
            let none = try await client.execute(uri: "/api/notebooks/nope/shares", method: .post, headers: authorized())
            #expect(none.status == .notFound)
            let list = try await client.execute(uri: "/api/notebooks/nope/shares", method: .get, headers: authorized())
            #expect(list.status == .notFound)
        }
    }

    @Test func pagesAndStaticFiles() async throws {
        try await TestServer().test { client in
            for (uri, title) in [("/", "index"), ("/nb/abc", "notebook")] {
                let page = try await client.execute(uri: uri, method: .get, headers: authorized())
                #expect(page.status == .ok)
                #expect(page.text.contains("<title>\(title)</title>"))
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                #expect(page.headers[.contentSecurityPolicy]?.contains("unsafe-inline") == false)
                #expect(page.headers[.contentSecurityPolicy]?.contains("object-src 'none'") == true)
                #expect(page.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                #expect(page.headers[.xContentTypeOptions] == "nosniff")
            }
            let script = try await client.execute(uri: "/static/js/app.js", method: .get)
            #expect(script.status == .ok)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.text == "export const answer = 42;\n")
            // A symlink inside the vendor folder that stays inside it is fine.
            let vendor = try await client.execute(uri: "/vendor/codemirror/codemirror.js", method: .get)
            #expect(vendor.status == .ok)
            #expect(vendor.text == "/* cm */")
            // KaTeX's fonts folder links out of its package folder: served through its own entry.
            let katex = try await client.execute(uri: "/vendor/katex/katex.min.js", method: .get)
            #expect(katex.text == "/* katex */")
            let font = try await client.execute(uri: "/vendor/katex/fonts/KaTeX_Main-Regular.woff2", method: .get)
            #expect(font.status == .ok)
            #expect(font.headers[.contentType] == "font/woff2")
            #expect(font.text == "font")
            for uri in [
                "/static/js", "/static/", "/static/nothere.js", "/vendor/other/x.js", "/nowhere",
                "/vendor/katex/fonts/../katex.min.js", "/vendor/katex/fonts/nothere.woff2",
            ] {
                let response = try await client.execute(uri: uri, method: .get, headers: authorized())
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.errorMessage != nil, "\(uri)")
            }
        }
    }
}
