import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Notebook
import Testing

@testable import Server

/// A test client that checks every response's media type and every JSON body against what `/api/openapi.json`
/// says of it, so each response the server's tests receive also tests the document (`TestServer.test` hands
/// this out).
struct SchemaCheckingClient: TestClientProtocol {
    let inner: any TestClientProtocol
    let schemas: ResponseSchemas

    var port: Int? { inner.port }

    func executeRequest(uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?)
        async throws -> TestResponse
    {
        let response = try await inner.executeRequest(uri: uri, method: method, headers: headers, body: body)
        let path = String(uri.prefix(while: { $0 != "?" }))
        if let type = response.headers[.contentType],
            schemas.documents(method: method.rawValue, path: path, status: response.status.code, contentType: type)
                == false
        {
            Issue.record(
                "\(method) \(path) answered \(response.status.code) as \(type), which the document does not name")
        }
        guard response.headers[.contentType]?.hasPrefix("application/json") == true else { return response }
        guard let value = try? JSONParser.parse(Array(response.body.readableBytesView)) else {
            Issue.record("\(method) \(path) answered \(response.status.code) with JSON that does not parse")
            return response
        }
        let problems = schemas.problems(
            method: method.rawValue, path: path, status: response.status.code, body: value)
        for problem in problems ?? [] {
            Issue.record("\(method) \(path) \(response.status.code) does not match its schema: \(problem)")
        }
        return response
    }
}
