import Figures
import Foundation

/// Displays under a display id, redrawn in place, and clearing a cell's outputs: what IPython's
/// `display(obj, display_id=…)`, `update_display` and `clear_output` do, for Swift code in the language.
///
/// A board that plots training curves (d2l's `ProgressBoard`) keeps a ``LiveFigure`` and draws into it
/// at every new point; the cell shows one figure that changes. Hosts receive each change as a
/// ``CellOutput/liveDisplay(_:id:update:)`` and send at most a few per second (the kernel redraws the
/// latest one every ~100 ms and always the last one), so drawing at every step is cheap: no picture is
/// rendered here.
///
/// ```swift
/// let board = LiveFigure()
/// for epoch in 1...10 {
///     points.append(…)
///     board.draw(try Figure.plot(…), in: interpreter)   // shown at epoch 1, redrawn in place after
/// }
/// ```
extension Interpreter {
    /// Shows `content` as a new output under display id `id` (IPython's `display(obj, display_id=id)`).
    /// Several outputs may share an id; an update redraws all of them. A figure counts toward the
    /// cell's figure limit.
    func showDisplay(_ content: DisplayContent, id: String) {
        if case .figure = content, !countFigure() { return }
        deliver(.liveDisplay(content, id: id, update: false))
    }

    /// Redraws every output shown under `id` with `content`, wherever it is (IPython's
    /// `update_display(obj, display_id=id)`); nothing happens to an id that was never shown. Printed
    /// text stays where it is: an update is not an output after it.
    func updateDisplay(_ content: DisplayContent, id: String) {
        deliver(.liveDisplay(content, id: id, update: true))
    }

    /// Clears the cell's outputs so far (`clear_output(wait=)`): at once, or with `wait` just before the
    /// next output arrives. Either way the cell may show ``DisplayState/maximumFiguresPerCell`` new figures.
    func clearOutput(wait: Bool) {
        display.figureCount = 0
        deliver(.clear(wait: wait))
    }

    /// A fresh display id: 32 hexadecimal digits, as IPython's `display_id=True` makes (`uuid4().hex`).
    static func newDisplayID() -> String {
        UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }
}

/// One live figure: shown as a new output the first time it is drawn in a cell, redrawn in place at
/// every later draw in that cell. Drawn again in a later cell, it starts a new output there (under a new
/// id), and the earlier cell keeps its last drawing, as a training curve replotted by a second `fit` does.
///
/// ```swift
/// let live = LiveFigure()
/// live.draw(first, in: interpreter)    // display_data under live.id
/// live.draw(second, in: interpreter)   // update_display_data under live.id
/// ```
final class LiveFigure {
    /// The display id of its output in the cell that drew it last.
    private(set) var id = Interpreter.newDisplayID()
    /// The cell (``DisplayState/cellNumber``) that shows it, `nil` before the first draw.
    private var shownInCell: Int?

    /// Creates a live figure that has not been shown yet.
    init() {}

    /// Shows `figure`, or redraws it in place if this cell showed it already.
    func draw(_ figure: Figure, in interpreter: Interpreter) {
        if shownInCell == interpreter.display.cellNumber {
            interpreter.updateDisplay(.figure(figure), id: id)
            return
        }
        if shownInCell != nil { id = Interpreter.newDisplayID() }
        shownInCell = interpreter.display.cellNumber
        interpreter.showDisplay(.figure(figure), id: id)
    }
}
