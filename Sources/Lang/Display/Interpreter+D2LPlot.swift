import Figures
import Tensors

extension Interpreter {
    /// `d2l.plot`, with the book's signature, so code copied from Dive into Deep Learning runs:
    ///
    /// ```python
    /// d2l.plot(x, [f(x), 2 * x - 3], 'x', 'f(x)', legend=['f(x)', 'Tangent line (x=1)'])
    /// d2l.plot(losses, yscale='log')
    /// ```
    ///
    /// `X` and `Y` are each one series or a list of series (a 2-D tensor's rows are series); with
    /// `Y` left out, `X` holds the y values. One `X` series is shared by every `Y` series. `legend`
    /// labels the series in order; `yscale` is `'linear'` or `'log'`. The matplotlib-only options
    /// `xlim`, `ylim`, `fmts`, `figsize` and `axes` are accepted and ignored.
    func d2lPlotFigure(_ arguments: Arguments) throws(PyError) -> Figure {
        let names = [
            "X", "Y", "xlabel", "ylabel", "legend", "xlim", "ylim", "xscale", "yscale", "fmts", "figsize", "axes",
        ]
        let values = try arguments.bind("plot", names, required: 1)
        var xs = try d2lSeriesList(values[0] ?? .none, "X")
        var ys: [Value]
        if let y = values[1].orNone {
            ys = try d2lSeriesList(y, "Y")
        } else {
            ys = xs
            xs = []
        }
        if xs.count == 1 { xs = Array(repeating: xs[0], count: ys.count) }
        guard xs.isEmpty || xs.count == ys.count else {
            throw PyError.value("plot(): got \(xs.count) X series for \(ys.count) Y series; give one X or one per Y")
        }
        var series: [LinePlot.Series] = []
        for (index, y) in ys.enumerated() {
            let what = ys.count == 1 ? "Y" : "Y[\(index)]"
            var line = LinePlot.Series(ys: try plotNumbers(y, values[1] == nil ? "X" : what))
            if !xs.isEmpty { line.xs = try plotNumbers(xs[index], xs.count == 1 ? "X" : "X[\(index)]") }
            series.append(line)
        }
        if let legend = values[4].orNone {
            guard let labels = try sequenceItems(legend) else {
                throw PyError.type("plot(): legend must be a list of names, not '\(typeName(of: legend))'")
            }
            for (index, label) in labels.prefix(series.count).enumerated() { series[index].label = try str(label) }
        }
        guard try scale(values[7], "xscale") == false else {
            throw PyError(
                .notImplementedError, "plot(): xscale='log' is not supported here; only the y axis can be logarithmic")
        }
        let logY = try scale(values[8], "yscale")
        let xLabel = try optionalText(values[2], "plot", "xlabel")
        let yLabel = try optionalText(values[3], "plot", "ylabel")
        return try figureCall { () throws(FigureError) in
            try Figure.plot(series, logY: logY, xLabel: xLabel, yLabel: yLabel)
        }
    }

    /// d2l's `has_one_axis` rule: a 1-D tensor or a list of numbers is one series; a list of
    /// series or a 2-D tensor (its rows) is several.
    private func d2lSeriesList(_ value: Value, _ name: String) throws(PyError) -> [Value] {
        if case .tensor(let box) = value, box.tensor.rank == 2 {
            var rows: [Value] = []
            for index in 0..<box.tensor.shape[0] {
                rows.append(
                    .tensor(try engine { () throws(TensorError) in try box.tensor.select(dim: 0, index: index) }))
            }
            return rows
        }
        if let items = try sequenceItems(value), let first = items.first, isSequence(first) { return items }
        return [value]
    }

    /// Whether an `xscale`/`yscale` argument asks for a log axis.
    private func scale(_ value: Value?, _ name: String) throws(PyError) -> Bool {
        guard let value = value.orNone else { return false }
        switch value {
        case .str("linear"): return false
        case .str("log"): return true
        default:
            throw PyError.value("plot(): \(name) must be 'linear' or 'log', not \(try repr(value))")
        }
    }
}
