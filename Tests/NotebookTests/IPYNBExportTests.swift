import Foundation
import Testing

@testable import Notebook

@Suite(".ipynb export")
struct IPYNBExportTests {
    @Test("nbformat 4.5 with Convbook's kernelspec and Python highlighting")
    func header() throws {
        let value = IPYNBCodec.jsonValue(of: SampleNotebooks.empty())
        let top = try #require(value.objectValue)
        #expect(top["nbformat"] == 4)
        #expect(top["nbformat_minor"] == 5)
        #expect(top["cells"] == [])
        let metadata = try #require(top["metadata"]?.objectValue)
        #expect(metadata["kernelspec"] == ["name": "convbook", "display_name": "Convbook", "language": "python"])
        #expect(
            metadata["language_info"] == [
                "codemirror_mode": ["name": "ipython", "version": 3], "file_extension": ".py",
                "mimetype": "text/x-python", "name": "python", "nbconvert_exporter": "python",
                "pygments_lexer": "ipython3",
            ])
    }

    @Test("sources are lists of lines, each ending in a newline except the last")
    func sourceLines() {
        #expect(IPYNBCodec.lines("a\nb") == ["a\n", "b"])
        #expect(IPYNBCodec.lines("a\nb\n") == ["a\n", "b\n"])
        #expect(IPYNBCodec.lines("") == [])
        #expect(IPYNBCodec.lines("\n\n") == ["\n", "\n"])
        #expect(IPYNBCodec.lines("x\r\ny") == ["x\r\n", "y"])
    }

    @Test("cells carry id, tags in metadata.tags, and timing in metadata.execution")
    func cellLayout() throws {
        let notebook = try SampleNotebooks.allOutputKinds()
        let value = IPYNBCodec.jsonValue(of: notebook.cells[3])
        let cell = try #require(value.objectValue)
        #expect(cell["id"] == .string(notebook.cells[3].id.rawValue))
        #expect(cell["execution_count"] == 1)
        #expect(
            cell["metadata"]?.objectValue?["execution"]
                == [
                    "iopub.execute_input": "2026-11-18T11:06:40.250Z",
                    "shell.execute_reply": "2026-11-18T11:06:40.292Z",
                ])
        let tagged = try #require(IPYNBCodec.jsonValue(of: notebook.cells[1]).objectValue)
        #expect(tagged["metadata"] == ["tags": ["parameters"]])
        let markdown = try #require(IPYNBCodec.jsonValue(of: notebook.cells[0]).objectValue)
        #expect(markdown.keys.sorted() == ["cell_type", "id", "metadata", "source"])
    }

    @Test("an error's location is kept in its cell's metadata in files and in the output's in the store")
    func errorLocation() throws {
        let notebook = try SampleNotebooks.allOutputKinds()
        let cell = notebook.cells[5]
        let location = try #require(cell.outputs.last?.errorLocation)
        let file = try #require(IPYNBCodec.jsonValue(of: cell).objectValue)
        #expect(file["metadata"]?.objectValue?["convbook"] == ["errorLocation": location.jsonValue])
        let fileOutput = try #require(file["outputs"]?.arrayValue?.last?.objectValue)
        #expect(fileOutput.keys.sorted() == ["ename", "evalue", "output_type", "traceback"])
        let decoded = try IPYNBCodec.decode(
            Array(IPYNBCodec.encode(notebook).utf8), fileName: "x.ipynb", now: TestSupport.now)
        #expect(decoded.cells[5].outputs.last?.errorLocation == location)
        #expect(decoded.cells[5].metadata["convbook"] == nil)

        let stored = IPYNBCodec.outputsJSON(cell.outputs, pictures: .sha256Reference)
        let storedOutput = try #require(try JSONParser.parse(Array(stored.utf8)).arrayValue?.last?.objectValue)
        #expect(storedOutput["metadata"] == ["convbook": ["location": location.jsonValue]])
        #expect(try IPYNBCodec.outputs(fromJSON: stored, source: "store").last?.errorLocation == location)
    }

    @Test("a picture is base64 image/png with a text/plain fallback")
    func picture() throws {
        let png = try SampleNotebooks.fixturePNG()
        let value = IPYNBCodec.jsonValue(of: CellOutput.displayData(data: MimeBundle(png: png)))
        let data = try #require(value.objectValue?["data"]?.objectValue)
        let base64 = try #require(data["image/png"]?.stringValue)
        #expect(Data(base64Encoded: base64).map { [UInt8]($0) } == png.bytes)
        #expect(data["text/plain"] == ["<PNG image 3×2>"])
    }

    @Test("the file ends with a newline and uses one-space indentation, like Jupyter")
    func layout() {
        let text = IPYNBCodec.encode(SampleNotebooks.empty())
        #expect(text.hasPrefix("{\n \"cells\": [],\n \"metadata\": {\n  \"convbook\": {"))
        #expect(text.hasSuffix("\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n"))
    }
}
