import Figures
import Tensors

extension Interpreter {
    /// The figure of a `plot(…)` call.
    ///
    /// ```python
    /// plot(losses)                                   # one series against 0, 1, 2, …
    /// plot(xs, ys, label="sin")                      # one series with its x values
    /// plot([train, test], labels=["train", "test"])  # several series
    /// plot(xs, [ys1, ys2])                           # several series sharing xs
    /// plot({"train": train, "test": test}, logy=True, title="loss", xlabel="epoch")
    /// ```
    ///
    /// A series is a list (or tuple, range) of numbers — one-element tensors such as `l.sum()`
    /// count as numbers — or a 1-D tensor. A dict's keys are the legend labels. `logy=True` makes
    /// the y axis logarithmic.
    func plotFigure(_ arguments: Arguments) throws(PyError) -> Figure {
        let names = ["xs", "ys", "label", "labels", "title", "logy", "xlabel", "ylabel"]
        let values = try arguments.bind("plot", names)
        // plot(ys) binds the only positional to `xs`: one sequence is the y values.
        let (xsValue, ysValue) = values[1] == nil ? (nil, values[0]) : (values[0], values[1])
        guard let ysValue else { throw PyError.type("plot() missing required argument 'ys' (pos 1)") }
        var series = try plotSeries(ysValue)
        if let xsValue = xsValue.orNone {
            let xs = try plotNumbers(xsValue, "xs")
            for index in series.indices { series[index].xs = xs }
        }
        try applyLabels(&series, label: values[2].orNone, labels: values[3].orNone, fromDict: isDict(ysValue))
        let title = try optionalText(values[4], "plot", "title")
        let logY = try values[5].orNone.map { (value) throws(PyError) in try truthy(value) } ?? false
        let xLabel = try optionalText(values[6], "plot", "xlabel")
        let yLabel = try optionalText(values[7], "plot", "ylabel")
        return try figureCall { () throws(FigureError) in
            try Figure.plot(series, title: title, logY: logY, xLabel: xLabel, yLabel: yLabel)
        }
    }

    /// The series in `ys`: one sequence, a list of sequences, or a dict of labelled sequences.
    private func plotSeries(_ ys: Value) throws(PyError) -> [LinePlot.Series] {
        if case .dict(let box) = ys {
            var series: [LinePlot.Series] = []
            for (key, value) in box.entries {
                let label = try str(key)
                series.append(LinePlot.Series(ys: try plotNumbers(value, "ys['\(label)']"), label: label))
            }
            return series
        }
        if let items = try sequenceItems(ys), let first = items.first, isSequence(first) {
            var series: [LinePlot.Series] = []
            for (index, item) in items.enumerated() {
                guard isSequence(item) else {
                    throw PyError.type(
                        "plot(): ys[\(index)] must be a series (a list or a 1-D tensor), not '\(typeName(of: item))'; "
                            + "pass either one series of numbers or a list of series")
                }
                series.append(LinePlot.Series(ys: try plotNumbers(item, "ys[\(index)]")))
            }
            return series
        }
        return [LinePlot.Series(ys: try plotNumbers(ys, "ys"))]
    }

    /// Attaches `label=` (one series) or `labels=` (one per series) to the series.
    private func applyLabels(
        _ series: inout [LinePlot.Series], label: Value?, labels: Value?, fromDict: Bool
    ) throws(PyError) {
        if fromDict, label != nil || labels != nil {
            throw PyError.type("plot(): the keys of a dict of series are its labels; leave out label= and labels=")
        }
        if let label {
            guard series.count == 1, labels == nil else {
                throw PyError.type("plot(): label= names one series; for \(series.count) series use labels=[…]")
            }
            series[0].label = try str(label)
        }
        if let labels {
            guard let items = try sequenceItems(labels) else {
                throw PyError.type("plot(): labels must be a list of names, not '\(typeName(of: labels))'")
            }
            guard items.count == series.count else {
                throw PyError.value(
                    "plot(): got \(items.count) label\(items.count == 1 ? "" : "s") for \(series.count) series; "
                        + "give one label per series")
            }
            for index in series.indices { series[index].label = try str(items[index]) }
        }
    }

    /// The numbers of one series: a 1-D tensor, or a list/tuple/range of numbers.
    func plotNumbers(_ value: Value, _ what: String) throws(PyError) -> [Double] {
        if case .tensor(let box) = value {
            let tensor = box.tensor
            guard tensor.rank == 1 else {
                let shape = "(" + tensor.shape.map(String.init).joined(separator: ", ") + ")"
                throw PyError.value(
                    "plot(): \(what) must be 1-D, but the tensor has shape \(shape)"
                        + (tensor.rank == 2 ? "; for one series per row pass list(Y), e.g. plot(list(Y))" : ""))
            }
            return try engine { () throws(TensorError) in try tensor.floats }.map { Double($0) }
        }
        guard let items = try sequenceItems(value) else {
            throw PyError.type(
                "plot(): \(what) must be a list or a 1-D tensor of numbers, not '\(typeName(of: value))'")
        }
        var numbers: [Double] = []
        numbers.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            if index & 4095 == 4095 { try checkInterrupt() }
            switch item {
            case .int(let number): numbers.append(Double(number))
            case .float(let number): numbers.append(number)
            case .bool(let flag): numbers.append(flag ? 1 : 0)
            case .tensor(let box) where box.tensor.count == 1:
                numbers.append(box.tensor.scalarDouble ?? .nan)
            default:
                throw PyError.type("plot(): \(what)[\(index)] must be a number, not '\(typeName(of: item))'")
            }
        }
        return numbers
    }

    /// The items of a list, tuple or range; `nil` for other values (a tensor is one series, never
    /// split into rows: matplotlib would split it into columns, so either choice would surprise).
    func sequenceItems(_ value: Value) throws(PyError) -> [Value]? {
        switch value {
        case .list(let box): return box.items
        case .tuple(let items): return items
        case .range: return try iterateAll(value)
        default: return nil
        }
    }

    /// Whether `value` is itself a series (so a list of them is several series).
    func isSequence(_ value: Value) -> Bool {
        switch value {
        case .list, .tuple, .range: true
        case .tensor(let box): box.tensor.rank >= 1
        default: false
        }
    }

    private func isDict(_ value: Value) -> Bool {
        if case .dict = value { return true }
        return false
    }
}
