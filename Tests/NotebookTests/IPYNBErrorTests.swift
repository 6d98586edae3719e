import Foundation
import Testing

@testable import Notebook

@Suite(".ipynb bad input: precise errors, never a crash")
struct IPYNBErrorTests {
    /// A valid nbformat 4.5 notebook around the given cells' JSON.
    static func notebook(cells: String) -> String {
        #"{"cells": [\#(cells)], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"#
    }

    /// A code cell; `marked` puts the error marker before its id.
    static func code(_ id: String, _ extra: String = "", marked: Bool = false) -> String {
        let mark = marked ? "⚑" : ""
        return #"{"cell_type": "code", "id": \#(mark)"\#(id)", "metadata": {}, "source": "x", "outputs": []\#(extra)}"#
    }

    @Test("malformed JSON: line and column of the problem")
    func malformedJSON() {
        assertIPYNBError(
            "{\n \"nbformat\": 4,\n \"cells\": [⚑}\n", kind: .malformedJSON,
            "malformed JSON: unexpected '}', expected a value")
        assertIPYNBError(
            "{\"cells\": [], \"nbformat\": 4,⚑", kind: .malformedJSON,
            "malformed JSON: expected a string key in quotes, found end of text")
    }

    @Test("the message names file, line and column")
    func description() throws {
        do {
            _ = try IPYNBCodec.decode(Array("{\n  \"a\": tru\n}".utf8), fileName: "lesson.ipynb")
        } catch {
            #expect(error.description == "lesson.ipynb:2:8: malformed JSON: unexpected 't', expected a value")
        }
    }

    @Test("a structural problem in a Jupyter-written file points at the line of the bad value")
    func structuralPosition() throws {
        let fixture = String(decoding: try TestSupport.fixtureBytes("jupyter_written.ipynb"), as: UTF8.self)
        let broken = fixture.replacingOccurrences(of: #""cell_type": "raw""#, with: #""cell_type": ⚑"rawx""#)
        assertIPYNBError(
            broken, kind: .unknownCellType,
            "cells[6].cell_type 'rawx' is not a cell type Convbook knows (code, markdown, raw)")
        do {
            _ = try IPYNBCodec.decode(Array(broken.replacingOccurrences(of: "⚑", with: "").utf8), fileName: "l.ipynb")
        } catch {
            #expect(error.path == "cells[6].cell_type")
            #expect(error.description.hasPrefix("l.ipynb:\(error.position?.line ?? 0):17: cells[6].cell_type 'rawx'"))
        }
    }

    @Test("wrong or missing nbformat version")
    func version() {
        assertIPYNBError(
            #"{"nbformat": ⚑3, "nbformat_minor": 0, "worksheets": []}"#, kind: .unsupportedVersion,
            "nbformat 3 is not supported; Convbook reads nbformat 4 (Jupyter can upgrade older notebooks)")
        assertIPYNBError(
            #"⚑{"cells": []}"#, kind: .unsupportedVersion,
            "missing required key 'nbformat' (is this a Jupyter notebook?)")
        assertIPYNBError(
            #"{"nbformat": ⚑"4", "cells": []}"#, kind: .unsupportedVersion,
            "nbformat must be an integer, found a string")
        assertIPYNBError("⚑[1, 2]", kind: .invalidStructure, "the top level must be a JSON object, found an array")
    }

    @Test("unknown cell type, with its place")
    func unknownCellType() {
        let cells = [Self.code("a"), Self.code("b"), Self.code("c"), #"{"cell_type": ⚑"foo", "source": ""}"#]
        assertIPYNBError(
            Self.notebook(cells: cells.joined(separator: ",\n ")), kind: .unknownCellType,
            "cells[3].cell_type 'foo' is not a cell type Convbook knows (code, markdown, raw)")
    }

    @Test("values quoted in messages cannot drive the terminal and are cut when long")
    func quoting() {
        #expect(MessageQuoting.quote("a\u{1B}[2J\nb\tc\u{85}") == "'a\\u{1B}[2J\\nb\\tc\\u{85}'")
        #expect(
            MessageQuoting.quote(String(repeating: "y", count: 100))
                == "'" + String(repeating: "y", count: 80) + "…'")
        assertIPYNBError(
            Self.notebook(cells: #"{"cell_type": ⚑"\u001b[31mred", "source": ""}"#), kind: .unknownCellType,
            "cells[0].cell_type '\\u{1B}[31mred' is not a cell type Convbook knows (code, markdown, raw)")
    }

    @Test("duplicate cell ids name both cells")
    func duplicateIDs() {
        let cells = ["a", "b", "abc", "c", "d"].map { Self.code($0) } + [Self.code("abc", marked: true)]
        let error = "cells[5].id 'abc' duplicates cells[2]"
        assertIPYNBError(Self.notebook(cells: cells.joined(separator: ", ")), kind: .duplicateCellID, error)
    }

    @Test("invalid cell ids", arguments: ["a b", "", String(repeating: "x", count: 65), "é", "a/b"])
    func invalidID(id: String) {
        assertIPYNBError(
            Self.notebook(cells: Self.code(id, marked: true)), kind: .invalidCellID,
            "cells[0].id '\(id)' is not a valid cell id (1 to 64 letters, digits, '_' or '-')")
    }

    @Test("missing required keys and wrong types")
    func structure() {
        assertIPYNBError(
            Self.notebook(cells: #"⚑{"cell_type": "markdown", "metadata": {}}"#), kind: .invalidStructure,
            "cells[0] is missing the required key 'source'")
        assertIPYNBError(
            #"⚑{"nbformat": 4, "nbformat_minor": 5, "metadata": {}}"#, kind: .invalidStructure,
            "the top level is missing the required key 'cells'")
        assertIPYNBError(
            #"{"nbformat": 4, "cells": ⚑{}}"#, kind: .invalidStructure, "cells must be a list, found an object")
        assertIPYNBError(
            Self.notebook(cells: #"{"cell_type": "code", "source": ["a", ⚑1], "outputs": []}"#),
            kind: .invalidStructure, "cells[0].source[1] must be a string, found a number")
        assertIPYNBError(
            Self.notebook(cells: #"{"cell_type": "code", "source": "", "metadata": {"tags": ⚑"x"}}"#),
            kind: .invalidStructure, "cells[0].metadata.tags must be a list, found a string")
        assertIPYNBError(
            Self.notebook(cells: Self.code("a", #", "execution_count": ⚑1.5"#)), kind: .invalidStructure,
            "cells[0].execution_count must be an integer or null, found a number")
    }

    @Test("outputs: unknown types, unknown streams, missing keys, bad base64")
    func outputs() {
        func withOutput(_ output: String) -> String {
            Self.notebook(cells: #"{"cell_type": "code", "source": "", "outputs": [\#(output)]}"#)
        }
        assertIPYNBError(
            withOutput(#"{"output_type": ⚑"pyout"}"#), kind: .unknownOutputType,
            "cells[0].outputs[0].output_type 'pyout' is not an output type Convbook knows "
                + "(stream, execute_result, display_data, error)")
        assertIPYNBError(
            withOutput(#"{"output_type": "stream", "name": ⚑"stdin", "text": ""}"#), kind: .unknownOutputType,
            "cells[0].outputs[0].name 'stdin' is not a stream Convbook knows (stdout, stderr)")
        assertIPYNBError(
            withOutput(#"⚑{"output_type": "error", "ename": "E", "evalue": ""}"#), kind: .invalidStructure,
            "cells[0].outputs[0] is missing the required key 'traceback'")
        assertIPYNBError(
            withOutput(#"{"output_type": "display_data", "data": {"image/png": ⚑"***"}, "metadata": {}}"#),
            kind: .invalidStructure, "cells[0].outputs[0].data['image/png'] is not valid base64")
    }

    @Test("nesting deeper than the limit is refused, not a stack overflow")
    func deepNesting() {
        // Depth 513 is reached at the 512th '[' (the object is depth 1).
        let deep =
            #"{"nbformat": 4, "cells": "# + String(repeating: "[", count: 511) + "⚑"
            + String(repeating: "[", count: 100_000)
        assertIPYNBError(deep, kind: .tooDeep, "JSON nested deeper than 512 levels")
    }

    @Test("files over the size cap are refused before parsing")
    func tooLarge() throws {
        assertSizeError(
            try IPYNBCodec.decode(
                Array(repeating: UInt8(ascii: " "), count: 101), fileName: "big.ipynb", maxFileSize: 100),
            "big.ipynb: the file is 101 bytes, over the 100-byte limit for notebooks")

        // A sparse file one byte over 50 MiB: refused from its size alone, nothing is read.
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("huge.ipynb")
        #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(NotebookFiles.maxFileSize + 1))
        try handle.close()
        assertSizeError(
            try NotebookFiles.read(contentsOf: url),
            "huge.ipynb: the file is 52428801 bytes, over the 50 MiB limit for notebooks")
    }

    private func assertSizeError(
        _ body: @autoclosure () throws -> NotebookDocument, _ description: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            _ = try body()
            Issue.record("expected the file to be refused", sourceLocation: sourceLocation)
        } catch let error as NotebookFileError {
            #expect(error.kind == .tooLarge, sourceLocation: sourceLocation)
            #expect(error.description == description, sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("a missing file is unreadable, with the file's name")
    func missingFile() {
        let url = URL(fileURLWithPath: "/nonexistent-convbook/lesson.ipynb")
        #expect {
            try NotebookFiles.read(contentsOf: url)
        } throws: { error in
            guard let error = error as? NotebookFileError else { return false }
            return error.kind == .unreadable && error.description.hasPrefix("lesson.ipynb: cannot be read: ")
        }
    }
}
