import Figures
import Tensors

/// The display functions of the language: they build a ``Figure`` from their arguments and add it
/// to the cell's outputs (the host renders it), then return `None`.
///
/// - `show(x, title=None, cmap=None, annotate=None, vmin=None, vmax=None)`: the figure that suits
///   `x`'s shape (see `Figure.show`).
/// - `heatmap(x, …)`: one heatmap of a 2-D tensor.
/// - `feature_maps(x, …, shared_scale=True)`: the channels of a `(c, h, w)` tensor side by side.
/// - `kernels(weight, …, shared_scale=True)`: a `(c_o, c_i, k_h, k_w)` weight as a `c_o × c_i` grid.
/// - `plot(ys)`, `plot(xs, ys)`, `plot([ys1, ys2], labels=[…])`, `plot({"train": l1, "test": l2})`:
///   line plots (see ``Interpreter/plotFigure(_:)``); `d2l.plot` takes the book's arguments.
/// - `explain_conv(X, K, title=None)`: input ⋆ kernel = output with the first window's sum written out.
/// - `load_image(name)`: not a figure but a picture as a `(C, H, W)` tensor in [0, 1], from the
///   host's ``ImageSource``.
///
/// They are builtins (no import needed) and also importable: `from convbook import show`. The
/// `convbook` module adds `batch(x, …)` for `(N, C, H, W)` tensors and `image(x)` for pictures.
///
/// Each also takes `display=False`: then it shows nothing and returns the figure as a value, for
/// IPython's `display(fig, display_id=…)` and `handle.update(fig)` (see `Interpreter+IPythonDisplay`).
extension Interpreter {
    /// Defines the display functions as builtins, with IPython's `display` and its modules.
    func defineDisplayBuiltins(_ define: (String, @escaping BuiltinFunction.Body) -> Void) {
        for (name, body) in displayFunctions() where !["batch", "image"].contains(name) {
            define(name, body)
        }
        defineIPythonDisplay(define)
    }

    /// The `convbook` module: every display function.
    func makeConvbookModule() -> Module {
        let module = Module("convbook")
        for (name, body) in displayFunctions() { module.define(name, body) }
        return module
    }

    private func displayFunctions() -> [(String, BuiltinFunction.Body)] {
        [
            ("show", Self.labelling(Self.heatmapFunction("show", first: "x", Figure.show))),
            ("heatmap", Self.heatmapFunction("heatmap", first: "x", Figure.heatmap)),
            ("feature_maps", Self.gridFunction("feature_maps", first: "x", Figure.featureMaps)),
            ("kernels", Self.gridFunction("kernels", first: "weight", Figure.kernels)),
            ("batch", Self.gridFunction("batch", first: "x", Figure.batch)),
            ("image", Self.imageFunction),
            ("plot", Self.plotFunction),
            ("explain_conv", Self.explainConvFunction),
        ].map { name, body in (name, Self.displaying(body)) } + [("load_image", Self.loadImageFunction)]
    }

    /// `body` with a `display=` keyword: `display=False` returns the figure `body` makes instead of showing it.
    private static func displaying(_ body: @escaping BuiltinFunction.Body) -> BuiltinFunction.Body {
        { interpreter, arguments throws(PyError) in
            guard let position = arguments.keywords.firstIndex(where: { $0.name == "display" }) else {
                return try body(interpreter, arguments)
            }
            var rest = arguments
            let shows = try interpreter.truthy(rest.keywords.remove(at: position).value)
            if shows { return try body(interpreter, rest) }
            let outer = interpreter.display.captured
            interpreter.display.captured = CapturedFigure()
            defer { interpreter.display.captured = outer }
            _ = try body(interpreter, rest)
            guard let figure = interpreter.display.captured?.figure else { return .none }
            return .object(FigureObject(figure))
        }
    }

    /// `show`'s body with a `labels=` keyword: a batch of images with one label each becomes a labelled
    /// image grid, a square matrix with one label per row an annotated heatmap with those names
    /// (``Figure/labelled(_:labels:title:cmap:annotate:)``); without `labels`, `body` draws as before.
    private static func labelling(_ body: @escaping BuiltinFunction.Body) -> BuiltinFunction.Body {
        { interpreter, arguments throws(PyError) in
            guard let position = arguments.keywords.firstIndex(where: { $0.name == "labels" }) else {
                return try body(interpreter, arguments)
            }
            var rest = arguments
            let given = rest.keywords.remove(at: position).value
            let values = try rest.bind("show", ["x"] + HeatmapOptions.parameters, required: 1)
            let tensor = try interpreter.figureTensor(values[0], "show", "x")
            let options = try interpreter.heatmapOptions("show", Array(values.dropFirst()))
            var labels: [String] = []
            for label in try interpreter.iterateAll(given) {
                if case .tensor = label {
                    labels.append(String(try interpreter.intArgument(label, "show(): labels")))
                } else {
                    labels.append(try interpreter.str(label))
                }
            }
            let figure = try figureCall { () throws(FigureError) in
                try Figure.labelled(
                    tensor, labels: labels, title: options.title, cmap: options.cmap, annotate: options.annotate)
            }
            interpreter.emit(figure)
            return .none
        }
    }

    /// A builder with the arguments of `show` and `heatmap`.
    private typealias HeatmapBuilder = (Tensor, String?, Colormap?, Bool?, Float?, Float?) throws(FigureError) -> Figure
    /// A builder with the arguments of `feature_maps`, `kernels` and `batch`.
    private typealias GridBuilder = (Tensor, String?, Colormap?, Bool?, Float?, Float?, Bool) throws(FigureError) ->
        Figure

    private static func heatmapFunction(
        _ name: String, first: String, _ build: @escaping HeatmapBuilder
    ) -> BuiltinFunction.Body {
        { interpreter, arguments throws(PyError) in
            let values = try arguments.bind(name, [first] + HeatmapOptions.parameters, required: 1)
            let tensor = try interpreter.figureTensor(values[0], name, first)
            let options = try interpreter.heatmapOptions(name, Array(values.dropFirst()))
            let figure = try figureCall { () throws(FigureError) in
                try build(tensor, options.title, options.cmap, options.annotate, options.vmin, options.vmax)
            }
            interpreter.emit(figure)
            return .none
        }
    }

    private static func gridFunction(_ name: String, first: String, _ build: @escaping GridBuilder)
        -> BuiltinFunction.Body
    {
        { interpreter, arguments throws(PyError) in
            let parameters = [first] + HeatmapOptions.parameters + ["shared_scale"]
            let values = try arguments.bind(name, parameters, required: 1)
            let tensor = try interpreter.figureTensor(values[0], name, first)
            let options = try interpreter.heatmapOptions(name, Array(values.dropFirst().dropLast()))
            let shared = try interpreter.flag(values[parameters.count - 1], name, "shared_scale") ?? true
            let figure = try figureCall { () throws(FigureError) in
                try build(tensor, options.title, options.cmap, options.annotate, options.vmin, options.vmax, shared)
            }
            interpreter.emit(figure)
            return .none
        }
    }

    private static func imageFunction(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value {
        let values = try arguments.bind("image", ["x", "title"], required: 1)
        let tensor = try interpreter.figureTensor(values[0], "image", "x")
        let title = try interpreter.optionalText(values[1], "image", "title")
        interpreter.emit(try figureCall { () throws(FigureError) in try Figure.image(tensor, title: title) })
        return .none
    }

    private static func plotFunction(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value {
        interpreter.emit(try interpreter.plotFigure(arguments))
        return .none
    }

    private static func explainConvFunction(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value
    {
        let values = try arguments.bind("explain_conv", ["input", "kernel", "title"], required: 2)
        let input = try interpreter.figureTensor(values[0], "explain_conv", "input")
        let kernel = try interpreter.figureTensor(values[1], "explain_conv", "kernel")
        let title = try interpreter.optionalText(values[2], "explain_conv", "title")
        let figure = try figureCall { () throws(FigureError) in
            try Figure.explainConv(input: input, kernel: kernel, title: title)
        }
        interpreter.emit(figure)
        return .none
    }

    private static func loadImageFunction(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value {
        let values = try arguments.bind("load_image", ["name"], required: 1)
        let name = try interpreter.stringArgument(values[0] ?? .none, "load_image(): name")
        guard let source = interpreter.display.imageSource else {
            throw PyError.runtime("load_image is not available in this session")
        }
        do throws(ImageSourceError) {
            return .tensor(try source.image(named: name))
        } catch {
            throw PyError(error.pythonName, error.message)
        }
    }
}

/// Runs a figure builder, turning its `FigureError` into a Python `ValueError` with its message.
func figureCall(_ body: () throws(FigureError) -> Figure) throws(PyError) -> Figure {
    do {
        return try body()
    } catch {
        throw PyError.value(error.message)
    }
}
