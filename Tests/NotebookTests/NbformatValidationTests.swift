import Foundation
import Testing

@testable import Notebook

/// Every exported notebook must pass the real `nbformat.validate`, in the virtualenv `make test-venv` makes.
@Suite("exported notebooks pass nbformat.validate")
struct NbformatValidationTests {
    static let python = TestSupport.packageRoot.appendingPathComponent(".venv-test/bin/python")
    static let script = TestSupport.packageRoot.appendingPathComponent("Tests/NotebookTests/validate_notebooks.py")
    static let skipped = ProcessInfo.processInfo.environment["CONVBOOK_NO_PYTHON"] == "1"

    @Test(
        "all output kinds, tags, markdown, unicode, empty, re-exported Jupyter files",
        .disabled(if: skipped, "CONVBOOK_NO_PYTHON=1: nbformat validation skipped"))
    func validate() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.python.path) else {
            let advice = "run `make test-venv` (or set CONVBOOK_NO_PYTHON=1 to skip)"
            Issue.record("no Python virtualenv at \(Self.python.path): \(advice)")
            return
        }
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        var notebooks = [
            "all_outputs.ipynb": try SampleNotebooks.allOutputKinds(),
            "empty.ipynb": SampleNotebooks.empty(),
            "unicode.ipynb": SampleNotebooks.unicode(),
            // A live display's id stays out of files (nbformat has no place for `transient`).
            "live_display.ipynb": NotebookDocument(
                title: "live",
                cells: [
                    Cell(
                        kind: .code, source: "display(1, display_id='x')", executionCount: 1,
                        outputs: [.displayData(data: MimeBundle(text: "1"), displayID: "x")])
                ]),
        ]
        for fixture in ["jupyter_written.ipynb", "jupyter_v44_no_ids.ipynb"] {
            notebooks["reexported_" + fixture] = try IPYNBCodec.decode(
                TestSupport.fixtureBytes(fixture), fileName: fixture, now: TestSupport.now)
        }
        notebooks["from_percent.ipynb"] = NotebookDocument(
            title: "percent",
            cells: PercentFormat.parse("# %% [markdown]\n# Title\n\n# %% tags=[\"parameters\"]\nx = 1\n"))
        var paths: [String] = []
        for (name, notebook) in notebooks.sorted(by: { $0.key < $1.key }) {
            let url = directory.appendingPathComponent(name)
            try NotebookFiles.write(notebook, to: url)
            paths.append(url.path)
        }

        let process = Process()
        process.executableURL = Self.python
        process.arguments = ["-W", "error::FutureWarning", Self.script.path] + paths
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "nbformat said:\n\(report)")
        #expect(report.components(separatedBy: "valid: ").count - 1 == paths.count, "\(report)")
    }
}
