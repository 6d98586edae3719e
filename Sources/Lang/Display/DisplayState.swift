import Figures

/// The outputs a cell has shown so far and where `load_image` finds pictures.
///
/// Figures are kept in order with the text printed before them: showing a figure first moves the
/// pending `print` output into ``outputs``, so `print('a'); show(x); print('b')` yields text,
/// figure, text.
struct DisplayState {
    /// The most figures one cell shows at a time; later ones are left out with a note, as printed text
    /// is cut at the output limit (a `show` inside a long loop must not flood the page). Redrawing a
    /// live figure adds none, and `clear_output` makes room again.
    static let maximumFiguresPerCell = 100

    /// Where `load_image(name)` reads pictures; `nil` when the host provides none.
    var imageSource: (any ImageSource)?
    /// Text and figures of the running cell, in order, not yet taken by the session.
    var outputs: [CellOutput] = []
    /// Figures shown by the running cell since it began or was last cleared, including any left out.
    var figureCount = 0
    /// Receives text and figures as they are shown instead of ``outputs`` (a host streaming output).
    var sink: ((CellOutput) -> Void)?
    /// Counts the cells run, so a live figure knows whether it was shown by the running cell.
    var cellNumber = 0
    /// Set while a display function runs with `display=False`: it leaves its figure here instead of
    /// showing it.
    var captured: CapturedFigure?

    /// Forgets the previous cell's figures.
    mutating func startCell() {
        outputs.removeAll()
        figureCount = 0
        cellNumber += 1
        captured = nil
    }
}

/// The figure a display function made while called with `display=False`.
struct CapturedFigure {
    var figure: Figure?
}

extension Interpreter {
    /// Adds `figure` to the cell's outputs after the text printed so far (or keeps it for a display
    /// function called with `display=False`).
    func emit(_ figure: Figure) {
        if display.captured != nil {
            display.captured?.figure = figure
            return
        }
        guard countFigure() else { return }
        deliver(.display(figure))
    }

    /// Counts one more figure shown by the cell; `false` (with a note, the first time) past the limit.
    func countFigure() -> Bool {
        display.figureCount += 1
        guard display.figureCount <= DisplayState.maximumFiguresPerCell else {
            if display.figureCount == DisplayState.maximumFiguresPerCell + 1 {
                output.write(
                    "[figures left out: a cell shows at most \(DisplayState.maximumFiguresPerCell) figures]\n")
            }
            return false
        }
        return true
    }

    /// Adds an output after the text printed so far.
    func deliver(_ output: CellOutput) {
        let text = self.output.take()
        if let sink = display.sink {
            if !text.isEmpty { sink(.stdout(text)) }
            sink(output)
            return
        }
        if !text.isEmpty { display.outputs.append(.stdout(text)) }
        display.outputs.append(output)
    }

    /// The cell's outputs since the last call, in order: figures with the text printed before
    /// them, then any text printed since.
    func takeOutputs() -> [CellOutput] {
        var outputs = display.outputs
        display.outputs.removeAll()
        let text = output.take()
        if !text.isEmpty { outputs.append(.stdout(text)) }
        return outputs
    }
}
