import Lang

/// What `convbook run` prints for a run: printed text and results as a terminal shows them, and
/// for each figure its text fallback, followed by ` → out/001.png` when figures are written.
struct RunTranscript {
    /// The text for standard output.
    var text = ""
    /// One message per figure that could not be drawn or written (for standard error).
    var failures: [String] = []

    /// The transcript of `result`, writing its figures with `writer` when given.
    init(_ result: CellResult, writer: inout FigureFileWriter?) {
        for output in result.outputs {
            switch output {
            case .stdout(let printed): text += printed
            case .result(let repr): text += repr + "\n"
            case .display(let figure):
                guard var files = writer else {
                    text += figure.textFallback + "\n"
                    continue
                }
                do {
                    let path = try files.write(figure)
                    text += "\(figure.textFallback) → \(path)\n"
                } catch {
                    text += "\(figure.textFallback) (not written)\n"
                    failures.append("convbook run: could not write \(figure.textFallback): \(error)")
                }
                writer = files
            }
        }
    }
}
