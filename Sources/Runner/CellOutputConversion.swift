import Figures
import Lang
import Notebook
import Render

/// Turns what the language produced for a cell into nbformat outputs.
///
/// Printed text becomes a `stream`, the trailing expression's repr an `execute_result` (text/plain),
/// and an error an `error` output whose traceback holds the lines Python prints (the frames with their
/// source line and caret, then `Name: message`), as Jupyter stores them. The runner uses it for every cell;
/// a server running cells one at a time can too:
///
/// ```swift
/// let result = session.run(Source.cell(3, text: code))
/// cell.outputs = CellOutputConversion.outputs(of: result, executionCount: 3)
/// ```
public enum CellOutputConversion {
    /// The outputs of one cell run with the given execution count.
    public static func outputs(of result: CellResult, executionCount: Int) -> [Notebook.CellOutput] {
        var list = OutputList()
        for output in result.outputs {
            switch converted(output, executionCount: executionCount) {
            case .outputs(let outputs): for output in outputs { list.append(output) }
            case .change(let change): list.apply(change)
            }
        }
        if let error = errorOutput(result.errors) { list.append(error) }
        return list.outputs
    }

    /// One language output in nbformat terms: outputs to add, or a change to the outputs so far.
    public enum Converted: Sendable, Hashable {
        /// Outputs to add (a figure that cannot be drawn adds its text and a note on stderr).
        case outputs([Notebook.CellOutput])
        /// `clear_output`, or a live figure shown or redrawn.
        case change(OutputChange)
    }

    /// Converts one output as it is produced (printed text is a `stream`, the result an `execute_result`).
    public static func converted(_ output: Lang.CellOutput, executionCount: Int) -> Converted {
        switch output {
        case .stdout(let text):
            return .outputs([.stream(.stdout, text: text)])
        case .stderr(let text):
            return .outputs([.stream(.stderr, text: text)])
        case .result(let text):
            return .outputs([.executeResult(executionCount: executionCount, data: MimeBundle(text: text))])
        case .display(let figure):
            return .outputs(display(figure))
        case .clear(let wait):
            return .change(.clear(wait: wait))
        case .liveDisplay(let figure, let id, let update):
            // A live figure is one display; a note about a figure that cannot be drawn is left out.
            let output = display(figure).first ?? .displayData(data: MimeBundle(text: figure.textFallback))
            return .change(update ? .update(id: id, output) : .display(id: id, output))
        }
    }

    /// A figure as `display_data`: the PNG (drawn at 2×, its CSS size in the metadata as Jupyter reads it) with
    /// the figure's short text as the `text/plain` fallback. A figure that cannot be drawn keeps its text and
    /// says why on stderr, rather than failing the cell.
    public static func display(_ figure: Figure) -> [Notebook.CellOutput] {
        do {
            let image = try Renderer.render(figure)
            let size: JSONObject = ["width": .number(Double(image.width)), "height": .number(Double(image.height))]
            return [
                .displayData(
                    data: MimeBundle(text: figure.textFallback, png: PNGImage(bytes: image.png)),
                    metadata: ["image/png": .object(size)])
            ]
        } catch {
            return [
                .displayData(data: MimeBundle(text: figure.textFallback)),
                .stream(.stderr, text: "could not draw \(figure.textFallback): \(error.message)\n"),
            ]
        }
    }

    /// One `error` output for a cell's errors: the first names the exception; a cell with several syntax
    /// errors lists all of them in the traceback, as the terminal shows them.
    public static func errorOutput(_ errors: [LangError]) -> Notebook.CellOutput? {
        guard let first = errors.first else { return nil }
        let traceback = errors.flatMap { ErrorFormatter.traceback($0) + [$0.description] }
        return .error(name: first.name, value: first.message, traceback: traceback)
    }

    /// The outputs with a `KeyboardInterrupt` raised by the run's time limit shown as the `TimeoutError` it is.
    static func replacingInterrupt(in outputs: [Notebook.CellOutput], timeout: Duration) -> [Notebook.CellOutput] {
        outputs.map { output in
            guard case .error("KeyboardInterrupt", _, var traceback) = output else { return output }
            let message = "the notebook ran longer than its time limit of \(secondsText(timeout)) s"
            if !traceback.isEmpty { traceback.removeLast() }
            return .error(name: "TimeoutError", value: message, traceback: traceback + ["TimeoutError: " + message])
        }
    }

    /// Seconds as short text: `2`, `0.5`.
    static func secondsText(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds == seconds.rounded() && seconds < 1e15 ? String(Int(seconds)) : String(seconds)
    }
}
