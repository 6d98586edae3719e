import Foundation
import Testing

@testable import Notebook

/// Live displays in notebook outputs: the display id (kept where Jupyter's messages keep it, not in
/// files), and outputs folded as front ends fold them.
@Suite("live display outputs")
struct LiveDisplayOutputTests {
    static let live = CellOutput.displayData(data: MimeBundle(text: "'b'"), displayID: "loss")

    // MARK: - Codecs

    @Test("the display id survives the store's outputs JSON and the kernel's output value")
    func idTravelsInJSON() throws {
        let text = IPYNBCodec.outputsJSON([Self.live], pictures: .sha256Reference)
        #expect(text.contains(#""transient": {"display_id": "loss"}"#))
        #expect(try IPYNBCodec.outputs(fromJSON: text, source: "test") == [Self.live])
        let value = IPYNBCodec.outputValue(Self.live)
        #expect(try IPYNBCodec.output(fromValue: value, source: "test") == Self.live)
    }

    @Test(".ipynb files leave the display id out, as Jupyter does; one found in a file is read")
    func idNotInFiles() throws {
        let notebook = NotebookDocument(
            title: "t", cells: [Cell(kind: .code, source: "x", executionCount: 1, outputs: [Self.live])])
        let text = IPYNBCodec.encode(notebook)
        #expect(!text.contains("transient"))
        let read = try IPYNBCodec.decode(Array(text.utf8), fileName: "t.ipynb")
        #expect(read.cells[0].outputs == [.displayData(data: MimeBundle(text: "'b'"))])
        let withTransient = text.replacingOccurrences(
            of: #""output_type": "display_data""#,
            with: #""output_type": "display_data", "transient": {"display_id": "d1"}"#)
        #expect(withTransient != text)
        let lenient = try IPYNBCodec.decode(Array(withTransient.utf8), fileName: "t.ipynb")
        #expect(lenient.cells[0].outputs.first?.displayID == "d1")
    }

    // MARK: - Folding

    @Test("an update replaces every output under its id, in place; other ids and outputs stay")
    func updates() {
        var list = OutputList()
        let first = CellOutput.displayData(data: MimeBundle(text: "1"), displayID: "a")
        list.append(first)
        list.append(.stream(.stdout, text: "x\n"))
        list.append(first)
        list.append(.displayData(data: MimeBundle(text: "other"), displayID: "b"))
        let second = CellOutput.displayData(data: MimeBundle(text: "2"), displayID: "a")
        let applied = list.apply(.update(id: "a", second))
        #expect(applied)
        #expect(
            list.outputs == [
                second, .stream(.stdout, text: "x\n"), second,
                .displayData(data: MimeBundle(text: "other"), displayID: "b"),
            ])
        let elsewhere = list.apply(.update(id: "elsewhere", second))
        #expect(!elsewhere, "an id this list does not show is not applied")
    }

    @Test("clear empties at once; with wait, at the next output, and an update is not one")
    func clears() {
        var list = OutputList([.stream(.stdout, text: "a\n"), Self.live])
        list.apply(.clear(wait: true))
        list.apply(.update(id: "loss", .displayData(data: MimeBundle(text: "'c'"), displayID: "loss")))
        #expect(list.outputs.count == 2)
        #expect(list.clearsBeforeNextOutput)
        list.append(.stream(.stdout, text: "b\n"))
        #expect(list.outputs == [.stream(.stdout, text: "b\n")])
        #expect(!list.shows(displayID: "loss"))
        list.apply(.clear(wait: false))
        #expect(list.outputs.isEmpty)
    }
}
