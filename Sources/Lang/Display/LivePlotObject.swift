/// `_LivePlot()`: one live figure that Python code redraws with `d2l.plot`'s arguments, as d2l's
/// `ProgressBoard.draw` does at each new point of a training curve (see ``D2LTrainingPrelude``).
///
/// ```python
/// live = _LivePlot()
/// live.draw([[0.5, 1.0]], [[2.3, 1.9]], xlabel='epoch', legend=['train_loss'])   # shown
/// live.draw([[0.5, 1.0, 1.5]], [[2.3, 1.9, 1.2]], xlabel='epoch', legend=['train_loss'])   # redrawn
/// ```
///
/// Arguments that are `None` are left out, so d2l's defaults pass through.
final class LivePlotObject: PyObject {
    private let live = LiveFigure()

    override var typeName: String { "_LivePlot" }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        guard name == "draw" else { return nil }
        return .builtin(
            BuiltinFunction(name) { [self] interpreter, arguments throws(PyError) in
                let keywords = arguments.keywords.filter { keyword in
                    if case .none = keyword.value { return false }
                    return true
                }
                let figure = try interpreter.d2lPlotFigure(Arguments(arguments.positional, keywords: keywords))
                live.draw(figure, in: interpreter)
                return .none
            })
    }
}
