import Diagnostics
import Figures
import Lang
import Notebook
import Render

/// Turns what the language produced for a cell into nbformat outputs.
///
/// Printed text becomes a `stream`, the trailing expression's repr an `execute_result` (text/plain),
/// a figure or a displayed value a `display_data` (under its display id if it has one), and an error an
/// `error` output whose traceback holds the lines Python prints (the frames with their source line and
/// caret, then `Name: message`), as Jupyter stores them. The runner uses it for every cell;
/// a server running cells one at a time can too:
///
/// ```swift
/// let source = Source.cell(3, text: code)
/// let result = session.run(source)
/// cell.outputs = CellOutputConversion.outputs(of: result, executionCount: 3, cell: source, cellID: "a1")
/// ```
public enum CellOutputConversion {
    /// The outputs of one cell run with the given execution count. A live display appears once, in its last
    /// drawing; updates of displays the cell did not show are left out (see ``foreignUpdates(of:)``). `cell` is
    /// the source the cell ran as, and `cellID` its id, which an error's location names.
    public static func outputs(
        of result: CellResult, executionCount: Int, cell: Source, cellID: String
    ) -> [Notebook.CellOutput] {
        var list = OutputList()
        for output in result.outputs {
            switch converted(output, executionCount: executionCount) {
            case .outputs(let outputs): for output in outputs { list.append(output) }
            case .change(let change): list.apply(change)
            }
        }
        if let error = errorOutput(result.errors, cell: cell, cellID: cellID) { list.append(error) }
        return list.outputs
    }

    /// The cell's updates of displays shown by earlier cells (`handle.update(x)` on a handle made before),
    /// each with its last drawing, for the notebook to apply where those displays are.
    public static func foreignUpdates(of result: CellResult) -> [OutputChange] {
        result.outputs.compactMap { output in
            guard case .liveDisplay(let content, let id, true) = output else { return nil }
            return .update(id: id, display(content, displayID: id))
        }
    }

    /// One language output in nbformat terms: outputs to add, or a change to the outputs so far.
    public enum Converted: Sendable, Hashable {
        /// Outputs to add (a figure that cannot be drawn adds its text and a note on stderr).
        case outputs([Notebook.CellOutput])
        /// `clear_output`, or a display redrawn in place.
        case change(OutputChange)
    }

    /// Converts one output as it is produced (printed text is a `stream`, the result an `execute_result`,
    /// a display under an id a `display_data` carrying the id). Figures are drawn here: a host that
    /// redraws a live figure often should convert only the drawings it will send.
    public static func converted(_ output: Lang.CellOutput, executionCount: Int) -> Converted {
        switch output {
        case .stdout(let text):
            .outputs([.stream(.stdout, text: text)])
        case .stderr(let text):
            .outputs([.stream(.stderr, text: text)])
        case .result(let text):
            .outputs([.executeResult(executionCount: executionCount, data: MimeBundle(text: text))])
        case .display(let figure):
            .outputs(display(figure))
        case .displayText(let text):
            .outputs([.displayData(data: MimeBundle(text: text))])
        case .liveDisplay(let content, let id, false):
            .outputs([display(content, displayID: id)])
        case .liveDisplay(let content, let id, true):
            .change(.update(id: id, display(content, displayID: id)))
        case .clear(let wait):
            .change(.clear(wait: wait))
        }
    }

    /// A figure as `display_data`: the PNG (drawn at 2×, its CSS size in the metadata as Jupyter reads it) with
    /// the figure's short text as the `text/plain` fallback. A figure that cannot be drawn keeps its text and
    /// says why on stderr, rather than failing the cell.
    public static func display(_ figure: Figure) -> [Notebook.CellOutput] {
        do {
            return [try picture(figure, displayID: nil)]
        } catch {
            return [
                .displayData(data: MimeBundle(text: figure.textFallback)),
                .stream(.stderr, text: "could not draw \(figure.textFallback): \(error.message)\n"),
            ]
        }
    }

    /// A display's content as one `display_data` under `displayID`: a figure's picture (its text alone if it
    /// cannot be drawn: a live display stays one output), or a value's repr as `text/plain`.
    public static func display(_ content: DisplayContent, displayID: String?) -> Notebook.CellOutput {
        switch content {
        case .figure(let figure):
            (try? picture(figure, displayID: displayID))
                ?? .displayData(data: MimeBundle(text: figure.textFallback), displayID: displayID)
        case .text(let text):
            .displayData(data: MimeBundle(text: text), displayID: displayID)
        }
    }

    private static func picture(_ figure: Figure, displayID: String?) throws(RenderError) -> Notebook.CellOutput {
        let image = try Renderer.render(figure)
        let size: JSONObject = ["width": .number(Double(image.width)), "height": .number(Double(image.height))]
        return .displayData(
            data: MimeBundle(text: figure.textFallback, png: PNGImage(bytes: image.png)),
            metadata: ["image/png": .object(size)], displayID: displayID)
    }

    /// One `error` output for a cell's errors: the first names the exception; a cell with several syntax
    /// errors lists all of them in the traceback, as the terminal shows them. The output's location is where
    /// the first error was raised in `cell` (the source the cell `cellID` ran as).
    public static func errorOutput(_ errors: [LangError], cell: Source, cellID: String) -> Notebook.CellOutput? {
        guard let first = errors.first else { return nil }
        let traceback = errors.flatMap { ErrorFormatter.traceback($0) + [$0.description] }
        return .error(
            name: first.name, value: first.message, traceback: traceback,
            location: location(of: first, in: cell, cellID: cellID))
    }

    /// The range of the innermost frame of `error` in `cell`'s code (a function defined in another cell may
    /// have raised it), or `nil` when no frame is in the cell.
    static func location(of error: LangError, in cell: Source, cellID: String) -> ErrorLocation? {
        let frames =
            error.traceback.isEmpty
            ? [TracebackFrame(function: "<module>", source: error.source, range: error.range)] : error.traceback
        guard let frame = frames.last(where: { $0.source.name == cell.name && $0.source.text == cell.text }) else {
            return nil
        }
        let start = cell.location(of: frame.range.start)
        var end = cell.location(of: max(frame.range.start, frame.range.end))
        if end == start { end.column += 1 }
        return ErrorLocation(
            cellID: cellID, line: start.line, column: start.column, endLine: end.line, endColumn: end.column)
    }

    /// The outputs with a `KeyboardInterrupt` raised by the run's time limit shown as the `TimeoutError` it is.
    static func replacingInterrupt(in outputs: [Notebook.CellOutput], timeout: Duration) -> [Notebook.CellOutput] {
        outputs.map { output in
            guard case .error(.keyboardInterrupt, _, var traceback, let location) = output else { return output }
            let message = "the notebook ran longer than its time limit of \(secondsText(timeout)) s"
            if !traceback.isEmpty { traceback.removeLast() }
            return .error(
                name: .timeoutError, value: message,
                traceback: traceback + ["\(ExceptionName.timeoutError): " + message],
                location: location)
        }
    }

    /// Seconds as short text: `2`, `0.5`.
    static func secondsText(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return seconds == seconds.rounded() && seconds < 1e15 ? String(Int(seconds)) : String(seconds)
    }
}
