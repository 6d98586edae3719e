import ConvbookTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Server

/// Issue 16: the server parses every code cell it shows (the names each defines and reads), so a cell that
/// crashed the parser killed the server on every load of its notebook and of its share page. Every committed
/// fuzz crash case is saved, loaded, shared and exported here; a cell that does not parse gets no names.
@Suite struct HostileSourceTests {
    static func crashCases() throws -> [String] {
        let folder = PackagePaths.root.appendingPathComponent("Fuzz/Regressions/lang")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            String(decoding: try Data(contentsOf: folder.appendingPathComponent($0)), as: UTF8.self)
        }
    }

    @Test(.timeLimit(.minutes(1))) func everyFuzzCrashCaseIsSavedShownSharedAndExported() async throws {
        let sources = try Self.crashCases()
        #expect(sources.count >= 3)
        try await TestServer().test { client in
            let (id, first) = try await createNotebook(client, title: "hostile")
            var revision = first
            for (index, source) in sources.enumerated() {
                revision = try await insertCell(client, notebook: id, index: index, source: source, revision: revision)
                    .revision
            }
            _ = try await insertCell(
                client, notebook: id, index: sources.count, source: "Y = X + 1", revision: revision)

            let got = try await client.execute(uri: "/api/notebooks/\(id)", method: .get, headers: authorized())
            #expect(got.status == .ok)
            let cells = try #require(try got.json["cells"]?.arrayValue)
            #expect(cells.count == sources.count + 1)
            for cell in cells.dropLast() {
                #expect(cell["defines"] == [] && cell["uses"] == [] && cell["stale"] == false)
            }
            #expect(cells.last?["uses"] == ["X"])

            let share = try await client.execute(
                uri: "/api/notebooks/\(id)/shares", method: .post, headers: authorized())
            let token = try #require(try share.json["token"]?.stringValue)
            #expect(try await client.execute(uri: "/api/shares/\(token)", method: .get).status == .ok)
            for format in ["ipynb", "py", "html"] {
                let export = try await client.execute(
                    uri: "/api/notebooks/\(id)/export?format=\(format)", method: .get, headers: authorized())
                #expect(export.status == .ok, "\(format)")
            }
        }
    }
}
