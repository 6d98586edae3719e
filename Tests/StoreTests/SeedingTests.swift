import Foundation
import Notebook
import Testing

@testable import Store

@Suite("Seeding the database on first start")
struct SeedingTests {
    /// A folder with two good notebooks, one broken file, one refused notebook and files to ignore.
    static func exampleFolder() throws -> URL {
        let folder = try StoreTestSupport.temporaryDirectory()
        var percent = StoreTestSupport.sampleDocument(title: "b-percent")
        percent.cells = [.markdown("# Pooling"), .code("X = torch.arange(16.0).reshape(4, 4)")]
        try NotebookFiles.write(percent, to: folder.appendingPathComponent("b-pooling.py"))
        try NotebookFiles.write(
            StoreTestSupport.sampleDocument(), to: folder.appendingPathComponent("a-channels.ipynb"))
        try Data("{\"cells\": [".utf8).write(to: folder.appendingPathComponent("c-broken.ipynb"))
        var refused = StoreTestSupport.sampleDocument()
        refused.cells[0].tags = ["bad,tag"]
        try NotebookFiles.write(refused, to: folder.appendingPathComponent("d-refused.ipynb"))
        try Data("not a notebook".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        try Data("{}".utf8).write(to: folder.appendingPathComponent(".hidden.ipynb"))
        return folder
    }

    @Test("an empty database imports every notebook file in name order and reports the bad ones")
    func firstStart() async throws {
        let store = try StoreTestSupport.fileStore().0
        let report = try await store.seedIfEmpty(from: try Self.exampleFolder())
        #expect(report.seeded)
        #expect(report.imported.map(\.title) == ["Multiple channels", "b-pooling"])
        #expect(report.imported.map(\.cellCount) == [4, 2])
        #expect(report.failures.map(\.file) == ["c-broken.ipynb", "d-refused.ipynb"])
        guard report.failures.count == 2 else { return }
        if case .file(let error) = report.failures[0].reason {
            #expect(error.kind == .malformedJSON)
        } else {
            Issue.record("expected a file error, got \(report.failures[0])")
        }
        #expect(report.failures[1].reason == .store(.invalid(.badTag("bad,tag"))))
        #expect(try await store.listNotebooks().map(\.title) == ["b-pooling", "Multiple channels"])
        // The notebook read from .ipynb keeps its outputs and picture.
        let channels = try await store.notebook(id: report.imported[0].id).document
        #expect(channels.pngImages == [StoreTestSupport.picture(1)])
    }

    @Test("a database that has notebooks is not seeded again")
    func laterStart() async throws {
        let store = try StoreTestSupport.fileStore().0
        let folder = try Self.exampleFolder()
        _ = try await store.seedIfEmpty(from: folder)
        let again = try await store.seedIfEmpty(from: folder)
        #expect(!again.seeded)
        #expect(again.imported.isEmpty && again.failures.isEmpty)
        #expect(try await store.listNotebooks().count == 2)
    }

    @Test("a missing folder seeds nothing and is not an error")
    func missingFolder() async throws {
        let store = try StoreTestSupport.fileStore().0
        let report = try await store.seedIfEmpty(from: URL(fileURLWithPath: "/nonexistent/convbook-notebooks"))
        #expect(report.imported.isEmpty && report.failures.isEmpty)
        #expect(try await store.listNotebooks().isEmpty)
    }
}
