import Diagnostics
import Foundation
import Notebook
import Testing

@testable import Store

/// Issue 16: text with U+0000 in it is kept whole in every field the store writes (SQLite binds Swift
/// strings as C strings, which ended at the first NUL), read back fresh and after reopening the file.
@Suite("Text holding NUL characters")
struct NULCharacterTests {
    /// Text with NUL characters at the start, inside and at the end.
    static func nul(_ name: String) -> String { "\u{0}\(name) before\u{0}after\u{0}" }

    /// A cell with NUL characters in its source, tags, metadata (keys and values) and every kind of output.
    static func cell(_ id: String) -> Cell {
        Cell(
            id: CellID(id)!, kind: .code, source: nul("source"), tags: [nul("tag")], executionCount: 1,
            outputs: outputs(), metadata: [nul("key"): .string(nul("metadata"))])
    }

    static func outputs() -> [CellOutput] {
        [
            .stream(.stdout, text: nul("stream")),
            .executeResult(
                executionCount: 1, data: MimeBundle(text: nul("result"), other: ["text/html": .string(nul("html"))]),
                metadata: ["note": .string(nul("output metadata"))]),
            .displayData(data: MimeBundle(text: nul("display")), metadata: JSONObject()),
            .error(name: ExceptionName(nul("Error")), value: nul("value"), traceback: [nul("traceback")]),
        ]
    }

    static func document() -> NotebookDocument {
        NotebookDocument(
            id: "nul-notebook", title: nul("title"), metadata: [nul("key"): .string(nul("notebook metadata"))],
            cells: [cell("first"), Cell(id: CellID("md")!, kind: .markdown, source: nul("markdown"))])
    }

    /// Checks the stored notebook `id` against `expected`, through every read, and again after reopening.
    static func expectStored(
        _ expected: NotebookDocument, id: String, store: NotebookStore, path: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        for reader in [store, try NotebookStore(path: path)] {
            let read = try await reader.notebook(id: id).document
            #expect(read.title == expected.title, sourceLocation: sourceLocation)
            #expect(read.metadata == expected.metadata, sourceLocation: sourceLocation)
            #expect(read.cells == expected.cells, sourceLocation: sourceLocation)
            let outline = try await reader.outline(id: id)
            #expect(outline.summary.title == expected.title, sourceLocation: sourceLocation)
            #expect(outline.cells.map(\.source) == expected.cells.map(\.source), sourceLocation: sourceLocation)
            #expect(outline.cells.map(\.tags) == expected.cells.map(\.tags), sourceLocation: sourceLocation)
            #expect(outline.cells.map(\.metadata) == expected.cells.map(\.metadata), sourceLocation: sourceLocation)
            let listed = try await reader.listNotebooks().first { $0.id == id }
            #expect(listed?.title == expected.title, sourceLocation: sourceLocation)
        }
    }

    @Test("an imported notebook keeps every NUL: title, metadata, sources, tags, cell metadata, outputs")
    func importKeepsEverything() async throws {
        let (store, path) = try StoreTestSupport.fileStore()
        var document = Self.document()
        // An id with a NUL is not a valid id: the notebook gets a fresh one rather than a cut one.
        document.id = "nul\u{0}id"
        let stored = try await store.importNotebook(document)
        #expect(stored.document.id != "nul" && !stored.document.id.contains("\u{0}"))
        var expected = document
        expected.id = stored.document.id
        #expect(stored.document.title == document.title)
        try await Self.expectStored(expected, id: stored.document.id, store: store, path: path)
    }

    @Test("createNotebook, rename and duplicate keep the whole title")
    func titles() async throws {
        let (store, path) = try StoreTestSupport.fileStore()
        let created = try await store.createNotebook(title: Self.nul("created"), cells: [Self.cell("c")])
        var expected = created.document
        try await Self.expectStored(expected, id: created.document.id, store: store, path: path)

        _ = try await store.rename(id: created.document.id, title: Self.nul("renamed"), expectedRevision: 1)
        expected.title = Self.nul("renamed")
        try await Self.expectStored(expected, id: created.document.id, store: store, path: path)

        let copy = try await store.duplicate(id: created.document.id, title: Self.nul("copy"))
        #expect(copy.document.title == Self.nul("copy"))
        expected.title = Self.nul("copy")
        try await Self.expectStored(expected, id: copy.document.id, store: store, path: path)

        let defaultCopy = try await store.duplicate(id: created.document.id)
        expected.title = Self.nul("renamed") + " (copy)"
        try await Self.expectStored(expected, id: defaultCopy.document.id, store: store, path: path)
    }

    @Test("insertCell and updateCell keep the whole source and tags")
    func cellEdits() async throws {
        let (store, path) = try StoreTestSupport.fileStore()
        let created = try await store.createNotebook(title: "Cells")
        let id = created.document.id
        var expected = created.document
        let inserted = Cell(
            id: CellID("ins")!, kind: .code, source: Self.nul("inserted"), tags: [Self.nul("t")],
            metadata: ["m": .string(Self.nul("cell metadata"))])
        _ = try await store.insertCell(notebook: id, at: 0, cell: inserted, expectedRevision: 1)
        expected.cells = [inserted]
        try await Self.expectStored(expected, id: id, store: store, path: path)

        _ = try await store.updateCell(
            notebook: id, cell: inserted.id, source: Self.nul("updated"), tags: [Self.nul("u"), "plain"],
            expectedRevision: 2)
        expected.cells[0].source = Self.nul("updated")
        expected.cells[0].tags = [Self.nul("u"), "plain"]
        try await Self.expectStored(expected, id: id, store: store, path: path)

        // Changing only the type keeps the source as it was, NULs included.
        _ = try await store.updateCell(notebook: id, cell: inserted.id, type: .markdown, expectedRevision: 3)
        expected.cells[0].kind = .markdown
        try await Self.expectStored(expected, id: id, store: store, path: path)
    }

    @Test("saveOutputs keeps NULs in every kind of output")
    func outputs() async throws {
        let (store, path) = try StoreTestSupport.fileStore()
        let created = try await store.createNotebook(
            title: "Outputs", cells: [Cell(id: CellID("run")!, kind: .code, source: "x")])
        _ = try await store.saveOutputs(
            notebook: created.document.id, cell: CellID("run")!, outputs: Self.outputs(), executionCount: 1,
            timing: nil)
        var expected = created.document
        expected.cells[0].outputs = Self.outputs()
        expected.cells[0].executionCount = 1
        try await Self.expectStored(expected, id: created.document.id, store: store, path: path)
    }

    @Test("replaceNotebook keeps the whole title, metadata and cells")
    func replace() async throws {
        let (store, path) = try StoreTestSupport.fileStore()
        let created = try await store.createNotebook(title: "Before")
        var document = Self.document()
        _ = try await store.replaceNotebook(id: created.document.id, with: document, expectedRevision: 1)
        document.id = created.document.id
        try await Self.expectStored(document, id: created.document.id, store: store, path: path)
    }

    @Test("a .ipynb with \\u0000 and a .py with NUL bytes import whole")
    func files() async throws {
        let (store, path) = try StoreTestSupport.fileStore()
        let folder = try StoreTestSupport.temporaryDirectory()
        let ipynb = folder.appendingPathComponent("nul.ipynb")
        try Data(IPYNBCodec.encode(Self.document()).utf8).write(to: ipynb)
        let imported = try await store.importFile(at: ipynb)
        let read = try await NotebookStore(path: path).notebook(id: imported.document.id).document
        #expect(read.title == Self.nul("title"))
        #expect(read.cells.map(\.source) == [Self.nul("source"), Self.nul("markdown")])
        #expect(read.cells[0].outputs == Self.outputs())

        let script = folder.appendingPathComponent("nul.py")
        try Data("# %%\nx = 1\u{0}2\n\n# %% [markdown]\n# a\u{0}b\n".utf8).write(to: script)
        let fromScript = try await store.importFile(at: script)
        let readScript = try await NotebookStore(path: path).notebook(id: fromScript.document.id).document
        #expect(readScript.cells.map(\.source) == ["x = 1\u{0}2", "a\u{0}b"])
    }
}
