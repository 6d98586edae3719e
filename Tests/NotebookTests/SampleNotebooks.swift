import Diagnostics
import Foundation

@testable import Notebook

/// Notebooks built in Swift that exercise every part of the model.
enum SampleNotebooks {
    /// The fixture's 3×2 PNG (written by the Python fixture script).
    static func fixturePNG() throws -> PNGImage {
        let notebook = try IPYNBCodec.decode(
            TestSupport.fixtureBytes("jupyter_written.ipynb"), fileName: "jupyter_written.ipynb", now: TestSupport.now)
        guard let png = notebook.cells.lazy.flatMap(\.outputs).compactMap(\.data?.png).first else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return png
    }

    static func allOutputKinds() throws -> NotebookDocument {
        let png = try fixturePNG()
        let start = TestSupport.now
        return NotebookDocument(
            id: "0b7e6b1e-5d1c-4f7e-9d1b-4f6f3e2a1c00", title: "All output kinds ✓", created: start,
            updated: start.addingTimeInterval(60), metadata: ["authors": [["name": "Ada"]]],
            cells: [
                Cell(kind: .markdown, source: "# Multiple channels\n\nSum over *c_i*: `corr2d`."),
                Cell(kind: .code, source: "k = 2", tags: [Cell.parametersTag]),
                Cell(kind: .code, source: "k = 3", tags: [Cell.injectedParametersTag]),
                Cell(
                    kind: .code, source: "print(X)\nX.sum()", executionCount: 1,
                    outputs: [
                        .stream(.stdout, text: "tensor([[0., 1.],\n        [2., 3.]])\n"),
                        .stream(.stderr, text: "warning: ünïcode\n"),
                        .executeResult(executionCount: 1, data: MimeBundle(text: "tensor(6.)")),
                    ],
                    timing: CellTiming(start: start, end: start.addingTimeInterval(0.042))),
                Cell(
                    kind: .code, source: "d2l.show_heatmaps(K)", tags: ["figure"], executionCount: 2,
                    outputs: [
                        .displayData(data: MimeBundle(png: png)),
                        .displayData(
                            data: MimeBundle(text: "<Figure>", png: png), metadata: ["image/png": ["width": 3]]),
                    ]),
                Cell(
                    kind: .code, source: "corr2d(X, K)", executionCount: 3,
                    outputs: [
                        // The location goes to the cell's metadata in files, to the output's in the store.
                        .error(
                            name: ExceptionName("RuntimeError"), value: "corr2d: the kernel is larger than the input",
                            traceback: ["Traceback (most recent call last):", "  line 1", "RuntimeError: …"],
                            location: ErrorLocation(cellID: "corr", line: 1, column: 1, endLine: 1, endColumn: 13))
                    ]),
                Cell(kind: .raw, source: "raw\ntext"),
                Cell(kind: .code, source: ""),
            ])
    }

    static func empty() -> NotebookDocument {
        NotebookDocument(id: "empty", title: "", created: TestSupport.now)
    }

    static func unicode() -> NotebookDocument {
        NotebookDocument(
            title: "Ünïcödé — 卷积 😀", created: TestSupport.now,
            cells: [
                Cell(kind: .markdown, source: "## 卷积\n\nÉmoji 😀, RTL עברית, zero‑width\u{200B}space"),
                Cell(kind: .code, source: "s = \"tab\\t and \u{1}control\"\r\nprint(s)", tags: ["ünï", "a b"]),
            ])
    }
}
