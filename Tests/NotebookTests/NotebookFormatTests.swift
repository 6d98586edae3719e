import Foundation
import Testing

@testable import Notebook

/// The one list of notebook file formats that the CLI, the API and the page read.
@Suite("notebook formats")
struct NotebookFormatTests {
    static let document = NotebookDocument(
        title: "Formats", cells: [Cell(kind: .markdown, source: "# Formats"), Cell(kind: .code, source: "x = 1\nx")])

    @Test("each format is found by its name and by every one of its extensions, in any case")
    func lookup() {
        #expect(NotebookFormat.all.map(\.name) == ["ipynb", "py", "html"])
        for format in NotebookFormat.all {
            #expect(NotebookFormat.named(format.name) == format)
            for fileExtension in format.extensions {
                #expect(NotebookFormat(fileName: "dir/A.Notebook." + fileExtension.uppercased()) == format)
            }
        }
        #expect(NotebookFormat(fileName: "notes.txt") == nil)
        #expect(NotebookFormat(fileName: "ipynb") == nil)
        #expect(NotebookFormat.named("percent") == nil)
    }

    @Test("what a readable format writes, it reads back with the same cells")
    func roundTrip() throws {
        for format in NotebookFormat.readable {
            let text = format.write(Self.document)
            let read = try format.read(Array(text.utf8), fileName: "f." + format.fileExtension)
            #expect(read.cells.map(\.source) == Self.document.cells.map(\.source), "\(format)")
            #expect(read.cells.map(\.kind) == Self.document.cells.map(\.kind), "\(format)")
        }
    }

    @Test("HTML is written only; reading it says which formats can be read")
    func htmlIsWriteOnly() {
        #expect(NotebookFormat.readable.map(\.name) == ["ipynb", "py"])
        #expect(NotebookFormat.html.write(Self.document).contains("<html"))
        #expect(throws: NotebookFileError.self) { try NotebookFormat.html.read([], fileName: "page.html") }
        do {
            _ = try NotebookFormat.html.read([], fileName: "page.html")
        } catch {
            #expect(error.description.contains("page.html") && error.description.contains(".ipynb or .py"))
        }
    }

    @Test("writing a file: the extension chooses the format unless one is given")
    func files() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = directory.appendingPathComponent("a.py")
        try NotebookFiles.write(Self.document, to: script)
        #expect(try String(contentsOf: script, encoding: .utf8) == NotebookFormat.percent.write(Self.document))
        let other = directory.appendingPathComponent("a.out")
        #expect(throws: NotebookFileError.self) { try NotebookFiles.write(Self.document, to: other) }
        try NotebookFiles.write(Self.document, to: other, as: .ipynb)
        #expect(try String(contentsOf: other, encoding: .utf8) == NotebookFormat.ipynb.write(Self.document))
    }
}
