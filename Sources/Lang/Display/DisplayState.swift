import Figures

/// The figures a cell has shown so far and where `load_image` finds pictures.
///
/// Figures are kept in order with the text printed before them: showing a figure first moves the
/// pending `print` output into ``outputs``, so `print('a'); show(x); print('b')` yields text,
/// figure, text.
struct DisplayState {
    /// The most figures one cell shows; later ones are left out with a note, as printed text is
    /// cut at the output limit (a `show` inside a long loop must not flood the page).
    static let maximumFiguresPerCell = 100

    /// Where `load_image(name)` reads pictures; `nil` when the host provides none.
    var imageSource: (any ImageSource)?
    /// Text and figures of the running cell, in order, not yet taken by the session.
    var outputs: [CellOutput] = []
    /// Figures shown by the running cell, including any left out.
    var figureCount = 0
    /// Receives text and figures as they are shown instead of ``outputs`` (a host streaming output).
    var sink: ((CellOutput) -> Void)?

    /// Forgets the previous cell's figures.
    mutating func startCell() {
        outputs.removeAll()
        figureCount = 0
    }
}

extension Interpreter {
    /// Adds `figure` to the cell's outputs after the text printed so far.
    func emit(_ figure: Figure) {
        display.figureCount += 1
        guard display.figureCount <= DisplayState.maximumFiguresPerCell else {
            if display.figureCount == DisplayState.maximumFiguresPerCell + 1 {
                output.write(
                    "[figures left out: a cell shows at most \(DisplayState.maximumFiguresPerCell) figures]\n")
            }
            return
        }
        let text = output.take()
        if let sink = display.sink {
            if !text.isEmpty { sink(.stdout(text)) }
            sink(.display(figure))
            return
        }
        if !text.isEmpty { display.outputs.append(.stdout(text)) }
        display.outputs.append(.display(figure))
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
