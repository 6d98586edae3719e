import Figures

/// A figure as a value of the language: what a display function returns when called with
/// `display=False` (`fig = plot(losses, display=False)`), to be shown later with `display(fig)`,
/// `handle.update(fig)` or as a cell's last expression. Its `repr` is the figure's short text.
final class FigureObject: PyObject {
    /// The figure.
    let figure: Figure

    init(_ figure: Figure) {
        self.figure = figure
    }

    override var typeName: String { "Figure" }

    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        figure.textFallback
    }
}
