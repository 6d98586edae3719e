import Foundation
import Notebook
import Runner
import Synchronization

/// What `convbook run` prints while it runs: each cell's outputs on stdout (printed text, results' text,
/// pictures' text fallbacks), its errors on stderr, a progress line per cell and a summary on stderr.
///
/// With an image directory (`--images DIR`), every picture is also written there as a numbered PNG and its
/// line reads `<heatmap 6×8> → DIR/001.png`.
final class RunReporter: Sendable {
    /// Whether progress lines and the summary are printed.
    let showsProgress: Bool
    private let images: Mutex<ImageFiles>

    private struct ImageFiles {
        var writer: FigureFileWriter?
        var failures = 0
    }

    /// Creates a reporter; `imageWriter` receives the pictures, if given.
    init(showsProgress: Bool, imageWriter: FigureFileWriter?) {
        self.showsProgress = showsProgress
        images = Mutex(ImageFiles(writer: imageWriter))
    }

    /// How many pictures could not be written to the image directory.
    var imageFailures: Int { images.withLock { $0.failures } }

    /// Prints a finished cell's outputs and, if asked, its progress line.
    func report(_ progress: CellProgress) {
        var text = ""
        var errors = ""
        for output in progress.outputs {
            switch output {
            case .stream(.stdout, let printed): text += printed
            case .stream(.stderr, let printed): errors += printed
            case .executeResult(_, let data, _):
                if let shown = data.text { text += shown + "\n" }
            case .displayData(let data, _, _):
                let shown = data.text ?? "<picture>"
                if let png = data.png, let (path, failure) = writeImage(png.bytes) {
                    text += path.map { "\(shown) → \($0)\n" } ?? "\(shown) (not written)\n"
                    if let failure { errors += "convbook run: could not write \(shown): \(failure)\n" }
                } else if data.text != nil {
                    text += shown + "\n"
                }
            case .error(_, _, let traceback, _): errors += traceback.joined(separator: "\n") + "\n"
            }
        }
        if !text.isEmpty { FileHandle.standardOutput.write(Data(text.utf8)) }
        if !errors.isEmpty { FileHandle.standardError.write(Data(errors.utf8)) }
        if showsProgress {
            let cell = Self.cellName(executionCount: progress.executionCount, source: progress.source)
            Self.printError("[\(progress.position)/\(progress.count)] \(cell)  \(Self.seconds(progress.elapsed)) s")
        }
    }

    /// Writes a picture to the image directory: `nil` without one, else the path written or the failure.
    private func writeImage(_ png: [UInt8]) -> (path: String?, failure: String?)? {
        images.withLock { files in
            guard var writer = files.writer else { return nil }
            defer { files.writer = writer }
            do {
                return (try writer.write(png: png), nil)
            } catch {
                files.failures += 1
                return (nil, "\(error.localizedDescription)")
            }
        }
    }

    /// Prints how the run ended.
    func summarize(_ result: NotebookRunResult, timeout: Duration?) {
        guard showsProgress else { return }
        let ran = "ran \(result.cellsRun) of \(result.codeCellCount) code cells in \(Self.seconds(result.elapsed)) s"
        let ending: String
        switch result.outcome {
        case .completed:
            ending = "all cells ran"
        case .failed(let index):
            let cell = result.notebook.cells[index]
            let name = Self.cellName(executionCount: cell.executionCount ?? 0, source: cell.source)
            let raised = "\(name) raised \(Self.exceptionName(cell) ?? "an error")"
            let failures = result.failedCells.count
            ending = failures > 1 ? "\(failures) cells raised; the first: \(raised)" : raised
        case .timedOut:
            ending = "stopped: the time limit of \(timeout.map(Self.seconds) ?? "?") s passed"
        case .interrupted:
            ending = "stopped: interrupted"
        }
        Self.printError("convbook run: \(ran); \(ending)")
    }

    /// A cell as a person finds it in the notebook: `In [3]: K = torch.stack…` (its number and first line
    /// with code, cut at 40 characters), not its internal id.
    static func cellName(executionCount: Int, source: String) -> String {
        let line =
            source.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty } ?? ""
        let shown = line.count > 40 ? String(line.prefix(39)) + "…" : line
        return shown.isEmpty ? "In [\(executionCount)]" : "In [\(executionCount)]: \(shown)"
    }

    /// The name of the exception a cell raised.
    private static func exceptionName(_ cell: Cell) -> String? {
        for case .error(let name, _, _, _) in cell.outputs { return name.rawValue }
        return nil
    }

    /// Writes a line to stderr.
    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Seconds with three decimals: `0.012`.
    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.3f", value)
    }
}
