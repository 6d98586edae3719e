import Figures

/// `d2l.Animator`: the book's live plot of training curves.
///
/// ```python
/// animator = d2l.Animator(xlabel='epoch', xlim=[1, 10], legend=['train loss', 'test acc'])
/// for epoch in range(10):
///     animator.add(epoch + 1, (loss, acc))
/// ```
///
/// The first `add` shows the plot; each later one redraws it in place (a live figure, Jupyter's
/// `update_display_data`), so a cell ends with one figure holding every point. The arguments are
/// `d2l.plot`'s; the matplotlib-only ones (`xlim`, `ylim`, `fmts`, `nrows`, `ncols`, `figsize`) are
/// accepted and ignored, as there.
final class Animator: PyObject {
    private let options: [(name: String, value: Value)]
    private var xs: [[Double]] = []
    private var ys: [[Double]] = []
    private let live = LiveFigure()

    init(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) {
        let names = [
            "xlabel", "ylabel", "legend", "xlim", "ylim", "xscale", "yscale", "fmts", "nrows", "ncols", "figsize",
        ]
        let values = try arguments.bind("Animator", names)
        var options: [(name: String, value: Value)] = []
        for (name, value) in zip(names, values) where ["xlabel", "ylabel", "legend", "xscale", "yscale"].contains(name)
        {
            if let value = value.orNone { options.append((name, value)) }
        }
        self.options = options
    }

    override var typeName: String { "Animator" }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        guard name == "add" else { return nil }
        return .builtin(
            BuiltinFunction(name) { [self] interpreter, arguments throws(PyError) in
                try arguments.expectPositional("add", 2)
                try add(arguments.positional[0], arguments.positional[1], interpreter)
                return .none
            })
    }

    /// d2l's rule: `y` is one value or one per line; `x` is one value for all lines or one per line.
    private func add(_ x: Value, _ y: Value, _ interpreter: Interpreter) throws(PyError) {
        let yValues = try interpreter.sequenceItems(y) ?? [y]
        let xValues = try interpreter.sequenceItems(x) ?? Array(repeating: x, count: yValues.count)
        if xs.isEmpty {
            xs = Array(repeating: [], count: yValues.count)
            ys = Array(repeating: [], count: yValues.count)
        }
        for (index, (a, b)) in zip(xValues, yValues).enumerated() where index < xs.count {
            if case .none = a { continue }
            if case .none = b { continue }
            xs[index].append(try interpreter.floatArgument(a, "Animator.add() x"))
            ys[index].append(try interpreter.floatArgument(b, "Animator.add() y"))
        }
        let lines = xs.indices.filter { !ys[$0].isEmpty }
        guard !lines.isEmpty else { return }
        func list(_ rows: [[Double]]) throws(PyError) -> Value {
            var items: [Value] = []
            for index in lines {
                items.append(.list(try ListBox(rows[index].map { .float($0) }, budget: interpreter.memory)))
            }
            return .list(try ListBox(items, budget: interpreter.memory))
        }
        var keywords = options
        if let legendIndex = keywords.firstIndex(where: { $0.name == "legend" }),
            let labels = try interpreter.sequenceItems(keywords[legendIndex].value)
        {
            let kept = lines.filter { $0 < labels.count }.map { labels[$0] }
            keywords[legendIndex].value = .list(try ListBox(kept, budget: interpreter.memory))
        }
        let figure = try interpreter.d2lPlotFigure(Arguments([try list(xs), try list(ys)], keywords: keywords))
        live.draw(figure, in: interpreter)
    }
}
