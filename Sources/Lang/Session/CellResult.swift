import Figures

/// What running one cell produced, in order.
public struct CellResult: Sendable {
    /// Printed text, figures and results, in the order they appeared.
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
            case .stdout(let text): text
            case .result(let text): text + "\n"
            case .display(let figure), .liveDisplay(let figure, _, _): figure.textFallback + "\n"
            case .stderr(let text): text
            case .clear: ""
            }
        }.joined()
    }
}

/// One output of a cell.
public enum CellOutput: Sendable, Hashable {
    /// Text written by `print` (possibly ending with a truncation marker).
    case stdout(String)
    /// The `repr` of the cell's trailing expression (Jupyter's `execute_result`).
    case result(String)
    /// A figure drawn by `show`, `heatmap`, `plot`, … (Jupyter's `display_data`); the host renders it.
    case display(Figure)
    /// Text written to standard error (`print(…, file=sys.stderr)`; Jupyter's `stderr` stream).
    case stderr(String)
    /// `clear_output(wait=)`: the cell's outputs so far go away (with `wait`, once the next output comes).
    case clear(wait: Bool)
    /// A live figure (`d2l.Animator`): shown once under `id`, then redrawn in place (`update`), as
    /// Jupyter's `display_data` with a display id and `update_display_data`.
    case liveDisplay(Figure, id: String, update: Bool)
}
