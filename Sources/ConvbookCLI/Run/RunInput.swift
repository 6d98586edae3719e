import Foundation
import Notebook

/// The notebook `convbook run` was asked to run, read from its file.
struct RunInput {
    /// The notebook.
    var document: NotebookDocument
    /// The file name when the file is a plain script (a `.py` without `# %%` markers), run as one cell.
    var scriptName: String?
    /// Numbers the file held that JSON cannot (`NaN`, `Infinity`), now `null` in `document`.
    var replacedNumbers: [NonFiniteNumber] = []

    /// Reads `.ipynb` as Jupyter JSON and any other file as percent-format text, a plain script when it has no
    /// markers (so `convbook run script.py` keeps working for scripts with any name).
    static func load(path: String) throws(RunUsageError) -> RunInput {
        var input = try read(path: path)
        input.replacedNumbers = input.document.replaceNonFiniteNumbers()
        return input
    }

    private static func read(path: String) throws(RunUsageError) -> RunInput {
        let url = URL(fileURLWithPath: path)
        do throws(NotebookFileError) {
            switch NotebookFormat(fileName: path) {
            case .some(let format) where format != .percent:
                return RunInput(
                    document: try format.read(NotebookFiles.readBytes(of: url), fileName: url.lastPathComponent))
            default:
                let bytes = try NotebookFiles.readBytes(of: url)
                let document = try PercentFormat.decode(bytes, fileName: url.lastPathComponent)
                let isScript = !PercentFormat.hasCellMarkers(String(decoding: bytes, as: UTF8.self))
                return RunInput(document: document, scriptName: isScript ? path : nil)
            }
        } catch {
            throw RunUsageError(message: error.description)
        }
    }
}
