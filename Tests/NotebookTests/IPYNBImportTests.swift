import Diagnostics
import Foundation
import Testing

@testable import Notebook

@Suite(".ipynb import")
struct IPYNBImportTests {
    let notebook: NotebookDocument
    let expected: JSONObject

    init() throws {
        notebook = try IPYNBCodec.decode(
            TestSupport.fixtureBytes("jupyter_written.ipynb"), fileName: "jupyter_written.ipynb", now: TestSupport.now)
        expected = try #require(JSONParser.parse(TestSupport.fixtureBytes("expected.json")).objectValue)
    }

    @Test("keeps every cell's id, type, source and tags as Python read them")
    func cells() throws {
        let cells = try #require(expected["cells"]?.arrayValue)
        #expect(notebook.cells.count == cells.count)
        for (cell, facts) in zip(notebook.cells, cells) {
            #expect(.string(cell.id.rawValue) == facts.objectValue?["id"])
            #expect(.string(cell.kind.rawValue) == facts.objectValue?["cell_type"])
            #expect(.string(cell.source) == facts.objectValue?["source"])
            #expect(.array(cell.tags.map(JSONValue.string)) == facts.objectValue?["tags"])
        }
    }

    @Test("keeps outputs: streams, results, pictures by hash, errors")
    func outputs() throws {
        let streams = notebook.cells[2].outputs
        #expect(
            streams == [
                .stream(.stdout, text: expected["stdout"]?.stringValue ?? "?"), .stream(.stderr, text: "warn\n"),
            ])
        #expect(notebook.cells[2].executionCount == 1)

        guard case .executeResult(let count, let data, _) = notebook.cells[3].outputs.first else {
            Issue.record("expected an execute_result")
            return
        }
        #expect(count == 2)
        #expect(data.text == expected["result_text"]?.stringValue)
        #expect(data.other == ["text/html": ["<b>not</b> shown"]], "unknown MIME types are kept verbatim")

        guard case .displayData(let picture, let metadata, _) = notebook.cells[4].outputs.first else {
            Issue.record("expected display_data")
            return
        }
        #expect(picture.png?.sha256 == expected["png_sha256"]?.stringValue)
        let size = try #require(picture.png?.size)
        #expect(size.width == 3)
        #expect(size.height == 2)
        #expect(picture.text == "<Figure size 3x2>")
        #expect(metadata == ["image/png": ["width": 3]])

        let traceback = try #require(expected["traceback"]?.arrayValue).compactMap(\.stringValue)
        #expect(
            notebook.cells[5].outputs == [
                .error(name: ExceptionName("ZeroDivisionError"), value: "division by zero", traceback: traceback)
            ])
    }

    @Test("reads JupyterLab's execution timing and keeps other cell metadata")
    func timingAndMetadata() throws {
        let timing = try #require(notebook.cells[2].timing)
        #expect(timing.start == Date(timeIntervalSince1970: 1_795_687_200.125))
        #expect(timing.duration.map { ($0 * 1000).rounded() } == 250)
        #expect(notebook.cells[2].metadata == ["collapsed": false])
    }

    @Test("notebook metadata: title from the first heading, Jupyter's kernel dropped, the rest kept")
    func notebookMetadata() {
        #expect(notebook.title == "Cross-correlation")
        #expect(notebook.metadata == ["authors": [["name": "Ada"]]])
        #expect(notebook.created == TestSupport.now)
    }

    @Test("nbformat 4.4 cells without ids get fresh, valid, distinct ids; string sources are read")
    func oldNotebook() throws {
        let old = try IPYNBCodec.decode(
            TestSupport.fixtureBytes("jupyter_v44_no_ids.ipynb"), fileName: "old.ipynb", now: TestSupport.now)
        #expect(old.cells.map(\.source) == ["Old *notebook*", "x = 1", "x"])
        #expect(Set(old.cells.map(\.id)).count == 3)
        #expect(old.cells.allSatisfy { CellID.isValid($0.id.rawValue) && (8...12).contains($0.id.rawValue.count) })
    }

    @Test("round trip: Jupyter's file → import → export → import gives the same notebook")
    func roundTrip() throws {
        let exported = IPYNBCodec.encode(notebook)
        let again = try IPYNBCodec.decode(Array(exported.utf8), fileName: "again.ipynb", now: TestSupport.now)
        #expect(again == notebook)
        #expect(IPYNBCodec.encode(again) == exported, "export is deterministic")
    }

    @Test("a model built in Swift survives export and import")
    func modelRoundTrip() throws {
        for original in [try SampleNotebooks.allOutputKinds(), SampleNotebooks.empty(), SampleNotebooks.unicode()] {
            let text = IPYNBCodec.encode(original)
            let back = try IPYNBCodec.decode(Array(text.utf8), fileName: "x.ipynb", now: Date())
            var expected = original
            // A picture without text gains the plain-text stand-in that nbformat readers expect.
            for (c, cell) in expected.cells.enumerated() {
                for (o, output) in cell.outputs.enumerated() {
                    if case .displayData(var data, let metadata, _) = output, data.text == nil, let png = data.png {
                        data.text = IPYNBCodec.placeholderText(for: png)
                        expected.cells[c].outputs[o] = .displayData(data: data, metadata: metadata)
                    }
                }
            }
            #expect(back == expected)
        }
    }
}
