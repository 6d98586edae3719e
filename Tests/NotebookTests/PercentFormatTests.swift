import ConvbookTestSupport
import Foundation
import Testing

@testable import Notebook

@Suite("percent format (# %%)")
struct PercentFormatTests {
    /// Kind, source and tags: what the percent format promises to keep.
    struct Essence: Equatable, CustomStringConvertible {
        var kind: Cell.Kind
        var source: String
        var tags: [String]
        init(_ cell: Cell) {
            kind = cell.kind
            source = cell.source
            tags = cell.tags
        }
        var description: String { "\(kind) \(tags) \(source.debugDescription)" }
    }

    @Test("reads a jupytext/VS Code style file")
    func readsJupytextStyle() {
        let text = """
            # ---
            # jupyter:
            #   kernelspec:
            #     name: python3
            # ---

            # %% [markdown]
            # # Cross-correlation
            #
            # The kernel *slides*.

            # %% tags=["parameters"]
            size = 3

            # %% Build the input
            X = torch.ones((size, size))
            X

            # %% [raw]
            # raw text
            #%%
            print(X)
            """
        let cells = PercentFormat.parse(text)
        #expect(cells.map(\.kind) == [.markdown, .code, .code, .raw, .code])
        #expect(
            cells.map(\.source) == [
                "# Cross-correlation\n\nThe kernel *slides*.", "size = 3", "X = torch.ones((size, size))\nX",
                "raw text",
                "print(X)",
            ])
        #expect(cells[1].tags == ["parameters"])
        #expect(cells[2].metadata["title"] == "Build the input")
    }

    @Test("reads a file written by jupytext itself as jupytext read it")
    func readsJupytextFixture() throws {
        let cells = PercentFormat.parse(
            String(decoding: try TestSupport.fixtureBytes("jupytext_written.py"), as: UTF8.self))
        let expected = try #require(JSONParser.parse(TestSupport.fixtureBytes("jupytext_expected.json")).arrayValue)
        #expect(cells.count == expected.count)
        for (cell, facts) in zip(cells, expected) {
            #expect(.string(cell.kind.rawValue) == facts.objectValue?["cell_type"])
            #expect(.string(cell.source) == facts.objectValue?["source"])
            #expect(.array(cell.tags.map(JSONValue.string)) == facts.objectValue?["tags"])
        }
    }

    @Test("newlines ending a code cell's source are noted on its marker line")
    func trailingNewlines() {
        let cells = [Cell(kind: .code, source: "x = 1\n\n"), Cell(kind: .code, source: "y")]
        let text = PercentFormat.encode(cells: cells)
        #expect(text == "# %% trailing_newlines=2\nx = 1\n\n\n\n# %%\ny\n")
        #expect(PercentFormat.parse(text).map(\.source) == ["x = 1\n\n", "y"])
        #expect(PercentFormat.parse(text).allSatisfy { $0.metadata.isEmpty })
        #expect(
            PercentFormat.parse("# %% trailing_newlines=100000000\nx\n").map(\.source) == ["x"], "no huge allocation")
    }

    @Test("writes what jupytext writes")
    func writes() {
        let cells = [
            Cell(kind: .markdown, source: "# Title\n\nText"),
            Cell(kind: .code, source: "k = 2", tags: ["parameters"]),
            Cell(kind: .code, source: "print(k)"),
        ]
        #expect(
            PercentFormat.encode(cells: cells) == """
                # %% [markdown]
                # # Title
                #
                # Text

                # %% tags=["parameters"]
                k = 2

                # %%
                print(k)

                """)
    }

    @Test("cell ids come from the content: stable across parses, kept by unchanged cells, unique for repeats")
    func derivedIDs() {
        let text = "# %%\nx = 1\n\n# %% [markdown]\n# Title\n\n# %%\nx = 1\n"
        let first = PercentFormat.parse(text).map(\.id)
        #expect(first == PercentFormat.parse(text).map(\.id))
        #expect(Set(first).count == 3, "two cells with the same source still get different ids")
        let inserted = PercentFormat.parse("# %%\ny = 2\n\n" + text).map(\.id)
        #expect(Array(inserted.dropFirst()) == first, "a new cell above leaves the others' ids alone")
        #expect(PercentFormat.parse("# %%\nx = 2\n").map(\.id) != PercentFormat.parse("# %%\nx = 1\n").map(\.id))
    }

    @Test("a script without markers is one code cell; an empty file has no cells")
    func plainScript() {
        #expect(
            PercentFormat.parse("x = torch.ones(3)\nprint(x)\n").map(Essence.init) == [
                Essence(Cell(kind: .code, source: "x = torch.ones(3)\nprint(x)"))
            ])
        #expect(PercentFormat.parse("").isEmpty)
        #expect(PercentFormat.parse("# a comment, not a marker: %%\n").count == 1)
    }

    @Test("code before the first marker becomes a code cell")
    func leadingCode() {
        let cells = PercentFormat.parse("import torch\n\n# %%\nx = 1\n")
        #expect(cells.map(\.source) == ["import torch", "x = 1"])
    }

    @Test("marker-shaped lines inside cells are escaped with one more '#' and read back unchanged")
    func escaping() {
        let source = "s = '''\n# %% not a cell\n  #%%\n## %% two\n'''"
        let text = PercentFormat.encode(cells: [Cell(kind: .code, source: source)])
        #expect(text == "# %%\ns = '''\n## %% not a cell\n  ##%%\n### %% two\n'''\n")
        #expect(PercentFormat.parse(text).map(\.source) == [source])
    }

    @Test("metadata on the marker line: several tags, other keys, titles")
    func markerMetadata() {
        let header = PercentFormat.parseMarker(
            #"# %% Title here [markdown] tags=["a", "b c"] slideshow={"slide_type": "slide"}"#)
        #expect(header.kind == .markdown)
        #expect(header.tags == ["a", "b c"])
        #expect(header.metadata == ["title": "Title here", "slideshow": ["slide_type": "slide"]])
        #expect(PercentFormat.parseMarker("# %% x=broken json").metadata == ["title": "x=broken json"])
        var cell = Cell(kind: .code, source: "", tags: ["p"], metadata: ["title": "a = b", "collapsed": true])
        #expect(PercentFormat.markerLine(for: cell) == #"# %% tags=["p"] title="a = b" collapsed=true"#)
        cell.metadata = ["title": "Plain title"]
        #expect(PercentFormat.markerLine(for: cell) == #"# %% Plain title tags=["p"]"#)
        #expect(PercentFormat.parse(PercentFormat.encode(cells: [cell])).first?.metadata == ["title": "Plain title"])
    }

    /// Lines chosen to break a careless reader or writer.
    static let trickyLines = [
        "", "", " ", "\t", "#", "# ", "# %%", "#%%", "## %%", "### %% [markdown]", "  # %% indented", "# %%%",
        "%% x", "# comment", "x = 1", "'''", "\"\"\"", "print('# %%')", "# ---", "tags=[\"x\"]", "é ✓ 😀",
        "x = 1\r", "[markdown]", "# %% tags=[\"parameters\"]",
    ]
    static let trickyTags = ["parameters", "injected-parameters", "a b", "quote\"d", "ünï", "[x]", "="]

    static func randomCells(using generator: inout SeededGenerator) -> [Cell] {
        (0..<Int.random(in: 0...6, using: &generator)).map { _ in
            let lines = (0..<Int.random(in: 0...5, using: &generator)).map { _ in
                trickyLines.randomElement(using: &generator)!
            }
            var source = lines.joined(separator: "\n")
            if Bool.random(using: &generator) { source += "\n" }
            let tags = (0..<Int.random(in: 0...2, using: &generator)).map { _ in
                trickyTags.randomElement(using: &generator)!
            }
            return Cell(kind: Cell.Kind.allCases.randomElement(using: &generator)!, source: source, tags: tags)
        }
    }

    @Test("round trip keeps kinds, sources and tags exactly (2,000 generated notebooks)")
    func roundTripProperty() {
        var generator = SeededGenerator(seed: 20_261_126)
        for _ in 0..<2_000 {
            let cells = Self.randomCells(using: &generator)
            let text = PercentFormat.encode(cells: cells)
            let back = PercentFormat.parse(text)
            #expect(back.map(Essence.init) == cells.map(Essence.init), "file:\n\(text)")
            if back.map(Essence.init) != cells.map(Essence.init) { return }
            #expect(PercentFormat.encode(cells: back) == text, "writing is stable")
        }
    }

    @Test(
        "edge cases round-trip",
        arguments: [
            [""], ["\n"], ["\n\n"], ["a\n"], ["", ""], ["# %%", ""], ["x\r\ny"],
        ])
    func edgeCases(sources: [String]) {
        for kind in Cell.Kind.allCases {
            let cells = sources.map { Cell(kind: kind, source: $0) }
            #expect(
                PercentFormat.parse(PercentFormat.encode(cells: cells)).map(Essence.init) == cells.map(Essence.init))
        }
    }

    @Test("reading a .py file: title from the first heading, else the name; invalid UTF-8 is refused with its place")
    func decodeFile() throws {
        let notebook = try PercentFormat.decode(Array("# %%\nx = 1\n".utf8), fileName: "lesson.py")
        #expect(notebook.title == "lesson")
        let headed = try PercentFormat.decode(
            Array("# %% [markdown]\n# # 3. Multiple input channels\n#\n# Text.\n".utf8), fileName: "03-channels.py")
        #expect(headed.title == "Multiple input channels")
        #expect(notebook.cells.map(\.source) == ["x = 1"])
        #expect {
            try PercentFormat.decode(Array("# %%\nx = '".utf8) + [0xC3, 0x28], fileName: "bad.py")
        } throws: { error in
            (error as? NotebookFileError)?.description == "bad.py:2:6: the file is not valid UTF-8 text"
        }
    }
}
