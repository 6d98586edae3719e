import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Notebook
import Testing

@testable import Server

/// The share view's pictures: readable with the share token, only the shared notebook's, until revoked.
@Suite struct SharedOutputRouteTests {
    @Test func sharedPicturesNeedOnlyTheShareTokenAndStopWithIt() async throws {
        try await TestServer().test { client in
            let (shared, revision) = try await createNotebook(client, title: "Shared")
            let hash = try await pictureHash(
                client, notebook: shared, revision: revision, source: "import torch\nshow(torch.ones(2, 2))")
            let (other, otherRevision) = try await createNotebook(client, title: "Private")
            let otherHash = try await pictureHash(
                client, notebook: other, revision: otherRevision,
                source: "import torch\nshow(torch.arange(4.0).reshape(2, 2))")
            #expect(hash != otherHash)

            let made = try await client.execute(
                uri: "/api/notebooks/\(shared)/shares", method: .post, headers: authorized())
            let token = try #require(try made.json["token"]?.stringValue)

            let png = try await client.execute(uri: "/api/shares/\(token)/outputs/\(hash).png", method: .get)
            #expect(png.status == .ok)
            #expect(png.headers[.contentType] == "image/png")
            #expect(ContentHash.sha256Hex(of: Array(png.body.readableBytesView)) == hash)

            // Another notebook's picture, a made-up hash and a malformed one are all refused.
            for name in [otherHash, String(repeating: "0", count: 64), "xyz"] {
                let refused = try await client.execute(uri: "/api/shares/\(token)/outputs/\(name).png", method: .get)
                #expect(refused.status == .notFound, "\(name)")
            }
            // The plain picture route still needs a login.
            let plain = try await client.execute(uri: "/api/outputs/\(hash).png", method: .get)
            #expect(plain.status == .unauthorized)

            _ = try await client.execute(uri: "/api/shares/\(token)", method: .delete, headers: authorized())
            let revoked = try await client.execute(uri: "/api/shares/\(token)/outputs/\(hash).png", method: .get)
            #expect(revoked.status == .notFound)
        }
    }

    /// Runs a one-cell notebook whose cell shows a picture; returns the picture's hash.
    private func pictureHash(
        _ client: any TestClientProtocol, notebook: String, revision: Int, source: String
    ) async throws -> String {
        let cell = try await insertCell(client, notebook: notebook, index: 0, source: source, revision: revision)
        _ = try await client.execute(
            uri: "/api/notebooks/\(notebook)/run", method: .post, headers: authorized(),
            body: json(#"{"mode": "cell", "cellId": "\#(cell.id)"}"#))
        let done = try await waitForCell(client, notebook: notebook, cell: cell.id)
        let image = try #require(done["outputs"]?.arrayValue?.first { $0["type"]?.stringValue == "image" })
        return try #require(image["sha256"]?.stringValue)
    }
}
