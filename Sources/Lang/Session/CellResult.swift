import Figures

/// What running one cell produced, in order.
public struct CellResult: Sendable {
    /// Printed text, figures and results, in the order they appeared, as they stand at the end of the
    /// cell: each live display holds its last drawing and cleared outputs are gone (see ``OutputFold``).
    public var outputs: [CellOutput]
    /// The error the cell raised (several for syntax errors); empty on success.
    public var errors: [LangError]

    /// Whether the cell ran to completion.
    public var succeeded: Bool { errors.isEmpty }

    /// The first error, if any.
    public var error: LangError? { errors.first }

    /// Everything printed to stdout, concatenated.
    public var stdout: String {
        outputs.map { output in
            if case .stdout(let text) = output { return text }
            return ""
        }.joined()
    }

    /// The `repr` of the cell's result (its trailing expression), if it had one that was not None.
    public var result: String? {
        for output in outputs {
            if case .result(let text) = output { return text }
        }
        return nil
    }

    /// The cell as a terminal would show it: printed text, then the result's repr on its own line;
    /// a figure appears as its text fallback (e.g. `<heatmap 6×8>`) on its own line.
    public var transcript: String {
        outputs.map { output in
            switch output {
            case .stdout(let text), .stderr(let text): text
            case .result(let text): text + "\n"
            case .display(let figure): figure.textFallback + "\n"
            case .displayText(let text): text + "\n"
            case .liveDisplay(let content, _, _): content.textFallback + "\n"
            case .clear: ""
            }
        }.joined()
    }
}

/// One output of a cell.
public enum CellOutput: Sendable, Hashable {
    /// Text written by `print` (possibly ending with a truncation marker).
    case stdout(String)
    /// Text written to standard error (`print(…, file=sys.stderr)`; Jupyter's `stderr` stream).
    case stderr(String)
    /// The `repr` of the cell's trailing expression (Jupyter's `execute_result`).
    case result(String)
    /// A figure drawn by `show`, `heatmap`, `plot`, … (Jupyter's `display_data`); the host renders it.
    case display(Figure)
    /// `display(obj)` of a value that is not a figure: its `repr` (Jupyter's `display_data` with `text/plain`).
    case displayText(String)
    /// A display under a display id (IPython's `display(obj, display_id=…)`): shown as a new output
    /// (`update` false), or redrawn in place in every output shown under `id` (`update` true, Jupyter's
    /// `update_display_data`). In a ``CellResult`` the updates are already applied.
    case liveDisplay(DisplayContent, id: String, update: Bool)
    /// `clear_output(wait:)`: the cell's outputs so far go away; with `wait`, only when the next output
    /// arrives (an update of a display does not count), so a loop that clears and redraws does not flicker.
    /// A ``CellResult`` holds outputs with the clears already applied.
    case clear(wait: Bool)
}
