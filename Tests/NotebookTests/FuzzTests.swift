import ConvbookTestSupport
import Foundation
import Testing

@testable import Notebook

/// Damaged input must give an error or a notebook, never a crash (a trap would kill the test process).
@Suite("damaged input never crashes")
struct FuzzTests {
    static func mutate(_ bytes: [UInt8], using generator: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        let interesting: [UInt8] = Array("{}[]\",:\\u0123456789-eE.ntf \n".utf8) + [0x00, 0x80, 0xC3, 0xFF]
        for _ in 0..<Int.random(in: 1...8, using: &generator) {
            guard !bytes.isEmpty else { break }
            let position = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<4, using: &generator) {
            case 0: bytes[position] = interesting.randomElement(using: &generator)!
            case 1: bytes.remove(at: position)
            case 2: bytes.insert(interesting.randomElement(using: &generator)!, at: position)
            default:
                bytes.removeSubrange(position..<min(bytes.count, position + Int.random(in: 1...64, using: &generator)))
            }
        }
        return bytes
    }

    @Test("mutated .ipynb files: a notebook or a NotebookFileError, and any notebook read exports and renders")
    func mutatedIPYNB() throws {
        let original = try TestSupport.fixtureBytes("jupyter_written.ipynb")
        var generator = SeededGenerator(seed: 7)
        var accepted = 0
        for _ in 0..<1_500 {
            let bytes = Self.mutate(original, using: &generator)
            guard let notebook = try? IPYNBCodec.decode(bytes, fileName: "fuzz.ipynb", now: TestSupport.now) else {
                continue
            }
            accepted += 1
            let again = try IPYNBCodec.decode(Array(IPYNBCodec.encode(notebook).utf8), fileName: "again.ipynb")
            #expect(again.cells == notebook.cells)
            _ = HTMLExporter.render(notebook)
            _ = PercentFormat.encode(notebook)
        }
        #expect(accepted > 0, "some mutations (inside strings) still parse")
    }

    @Test("mutated percent files parse, and what they parse to round-trips")
    func mutatedPercent() throws {
        let original = try TestSupport.fixtureBytes("jupytext_written.py")
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<500 {
            let text = String(decoding: Self.mutate(original, using: &generator), as: UTF8.self)
            let cells = PercentFormat.parse(text)
            let back = PercentFormat.parse(PercentFormat.encode(cells: cells))
            #expect(back.map(\.source) == cells.map(\.source))
            #expect(back.map(\.tags) == cells.map(\.tags))
            #expect(back.map(\.kind) == cells.map(\.kind))
        }
    }

    @Test("random markdown renders without crashing, with only the renderer's own tags")
    func randomMarkdown() {
        var generator = SeededGenerator(seed: 3)
        let pieces = [
            "*", "**", "`", "[", "]", "(", ")", "!", "<", ">", "\\", "#", "- ", "1. ", "\n", "```", "> ", "a", " ",
        ]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }
            .joined()
            let tags = HTMLExporterTests.tags(in: MarkdownRenderer.render(text))
            #expect(tags.allSatisfy { HTMLExporterTests.allowedTags.contains($0.name) }, "\(text.debugDescription)")
        }
    }
}
