import Foundation
import Testing

@testable import Notebook

@Suite("notebook model")
struct NotebookDocumentTests {
    @Test(
        "cell ids follow nbformat's pattern",
        arguments: [
            ("a", true), ("A-z_09", true), (String(repeating: "x", count: 64), true), ("", false),
            (String(repeating: "x", count: 65), false), ("a b", false), ("é", false), ("a.b", false), ("a\n", false),
        ])
    func cellIDPattern(text: String, valid: Bool) {
        #expect(CellID.isValid(text) == valid)
        #expect((CellID(text) != nil) == valid)
    }

    @Test("fresh ids are valid, 8 to 12 characters, and differ")
    func freshIDs() {
        let ids = (0..<1_000).map { _ in CellID.random() }
        #expect(ids.allSatisfy { CellID.isValid($0.rawValue) && (8...12).contains($0.rawValue.count) })
        #expect(Set(ids).count == ids.count)
    }

    @Test("parameters are injected after the parameters cell, replacing an earlier injection")
    func injectParameters() {
        var notebook = NotebookDocument(
            title: "p", cells: [.markdown("# P"), .code("k = 2", tags: [Cell.parametersTag]), .code("print(k)")])
        #expect(notebook.injectParameters(source: "k = 3") == 2)
        #expect(notebook.injectParameters(source: "k = 4") == 2)
        #expect(notebook.cells.map(\.source) == ["# P", "k = 2", "k = 4", "print(k)"])
        #expect(notebook.cells[2].tags == [Cell.injectedParametersTag])

        var plain = NotebookDocument(title: "q", cells: [.code("print(k)")])
        #expect(plain.injectParameters(source: "k = 1") == 0)
        #expect(plain.cells.map(\.source) == ["k = 1", "print(k)"])
    }

    @Test("pictures are listed once per content hash")
    func images() throws {
        let notebook = try SampleNotebooks.allOutputKinds()
        let png = try SampleNotebooks.fixturePNG()
        #expect(notebook.pngImages == [png])
        #expect(notebook.clearingOutputs().pngImages.isEmpty)
        #expect(notebook.clearingOutputs().cells.allSatisfy { $0.outputs.isEmpty && $0.executionCount == nil })
    }

    @Test("the model is Codable (for the store) and survives a JSON round trip")
    func codable() throws {
        let notebook = try SampleNotebooks.allOutputKinds()
        let data = try JSONEncoder().encode(notebook)
        #expect(try JSONDecoder().decode(NotebookDocument.self, from: data) == notebook)
    }

    @Test("nonsense dates never trap when written")
    func extremeDates() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: .infinity)) == "9999-12-31T23:59:59.999Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -.infinity)) == "0001-01-01T00:00:00.000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -0.25)) == "1969-12-31T23:59:59.750Z")
        #expect(HTMLExporter.formatDuration(.nan) == "?")
    }

    @Test(
        "a file's title: its first level-1 heading without a section number, else the file name",
        arguments: [
            ("# 3. Multiple input channels\n\nText.", "Multiple input channels"),
            ("  # 7.4 Multiple Input and Multiple Output Channels", "Multiple Input and Multiple Output Channels"),
            ("# Cross-correlation", "Cross-correlation"), ("# 2024 results", "2024 results"), ("# 3.", "3."),
            ("## A section", "lesson"), ("Text first.\n\n# Later", "lesson"), ("#", "lesson"),
        ])
    func titleFromHeading(markdown: String, title: String) {
        #expect(NotebookDocument.title(cells: [.markdown(markdown)], fileName: "lesson.ipynb") == title)
        #expect(NotebookDocument.title(cells: [.code("# 3. Not a heading")], fileName: "lesson.py") == "lesson")
        #expect(NotebookDocument.title(cells: [], fileName: "lesson.py") == "lesson")
    }
}
