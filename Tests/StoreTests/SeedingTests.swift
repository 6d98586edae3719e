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
        // Titled by their first heading (the .py file has no title of its own).
        #expect(report.imported.map(\.title) == ["Multiple channels", "Pooling"])
        #expect(report.imported.map(\.cellCount) == [4, 2])
        #expect(report.failures.map(\.file) == ["c-broken.ipynb", "d-refused.ipynb"])
        guard report.failures.count == 2 else { return }
        if case .file(let error) = report.failures[0].reason {
            #expect(error.kind == .malformedJSON)
        } else {
            Issue.record("expected a file error, got \(report.failures[0])")
        }
        #expect(report.failures[1].reason == .store(.invalid(.badTag("bad,tag"))))
        #expect(try await store.listNotebooks().map(\.title) == ["Multiple channels", "Pooling"])
        // The notebook read from .ipynb keeps its outputs and picture.
        let channels = try await store.notebook(id: report.imported[0].id).document
        #expect(channels.pngImages == [StoreTestSupport.picture(1)])
    }

    @Test("an example's first cell gives its place and book section to the list; a copy of it is not an example")
    func examples() async throws {
        let store = try StoreTestSupport.fileStore().0
        var example = StoreTestSupport.sampleDocument(title: "Pooling")
        example.cells = [.markdown("# 10. Pooling"), .code("x = 1")]
        example.cells[0].metadata["example"] = [
            "number": 10, "section": "7.5", "sectionTitle": "Pooling",
            "url": "https://d2l.ai/chapter_convolutional-neural-networks/pooling.html",
        ]
        var unsafe = StoreTestSupport.sampleDocument(title: "Unsafe link")
        unsafe.cells = [.markdown("# x")]
        unsafe.cells[0].metadata["example"] = [
            "number": 1, "section": "7.2", "sectionTitle": "x", "url": "javascript:alert(1)",
        ]
        let stored = try await store.importNotebook(example)
        _ = try await store.importNotebook(unsafe)
        let list = try await store.listNotebooks()
        let expected = ExampleInfo(
            number: 10, section: "7.5", sectionTitle: "Pooling",
            url: "https://d2l.ai/chapter_convolutional-neural-networks/pooling.html")
        #expect(list.first { $0.title == "Pooling" }?.example == expected)
        #expect(list.first { $0.title == "Unsafe link" }?.example?.url == nil)
        let copy = try await store.duplicate(id: stored.document.id)
        #expect(try await store.summary(id: copy.document.id).example == nil)
        #expect(try await store.summary(id: stored.document.id).example == expected)
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
