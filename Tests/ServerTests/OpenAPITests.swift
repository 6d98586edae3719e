import Foundation
import Hummingbird
import HummingbirdTesting
import Notebook
import Store
import Testing

@testable import Server

/// The OpenAPI document describes every route the router registers.
@Suite struct OpenAPITests {
    @Test func everyRegisteredRouteIsDescribed() async throws {
        let server = try TestServer()
        let document = try await server.test { client in
            let response = try await client.execute(uri: "/api/openapi.json", method: .get, headers: authorized())
            #expect(response.status == .ok)
            return try response.json
        }
        #expect(document["openapi"]?.stringValue == "3.1.0")
        let paths = try #require(document["paths"]?.objectValue)
        let routes = ConvbookServer.router(services: server.services).routes
        #expect(routes.count >= 30)
        for route in routes {
            let path = route.path.description.replacingOccurrences(of: "**", with: "{path}")
            let methods = paths[path]?.objectValue
            #expect(methods?[route.method.rawValue.lowercased()] != nil, "\(route.method) \(path) is not documented")
        }
        // And nothing documented is missing from the router.
        let registered = Set(
            routes.map {
                "\($0.method.rawValue.lowercased()) \($0.path.description.replacingOccurrences(of: "**", with: "{path}"))"
            })
        for member in paths.members {
            for method in member.value.objectValue?.keys ?? [] {
                #expect(
                    registered.contains("\(method) \(member.key)"),
                    "\(method) \(member.key) is documented but not routed")
            }
        }
    }
}
