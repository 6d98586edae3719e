import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Server

/// schemathesis found that a known path asked with a method it does not take answered 404: it answers 405,
/// with an `Allow` header naming the methods it takes.
@Suite struct MethodNotAllowedTests {
    @Test func aKnownPathWithAnotherMethodIs405WithAllow() async throws {
        try await TestServer().test { client in
            let cases: [(String, String, String)] = [
                ("TRACE", "/api/health", "GET"), ("DELETE", "/api/formats", "GET"),
                ("PUT", "/api/notebooks/abc", "DELETE, GET, PATCH"), ("TRACE", "/", "GET"),
                ("PUT", "/api/notebooks", "GET, POST"), ("POST", "/static/js/app.js", "GET"),
                // The literal route wins over /api/notebooks/{id}, as in the router.
                ("OPTIONS", "/api/notebooks/import", "POST"),
            ]
            for (method, path, allowed) in cases {
                let response = try await client.execute(
                    uri: path, method: try #require(HTTPRequest.Method(method)), headers: authorized())
                #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                #expect(response.headers[.allow] == allowed, "\(method) \(path)")
                #expect(response.errorMessage == "this path takes \(allowed)")
            }
            // A path nothing routes stays 404, and a routed method still works.
            let unknown = try await client.execute(uri: "/api/nothing", method: .get, headers: authorized())
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.allow] == nil)
            let health = try await client.execute(uri: "/api/health", method: .get, headers: authorized())
            #expect(health.status == .ok)
        }
    }
}
