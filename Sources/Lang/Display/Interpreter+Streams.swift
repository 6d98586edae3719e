import Figures
import Foundation

/// Standard output and standard error as Python code reaches them, and the book's live training plot.
///
/// - `print(…, file=sys.stderr)` and `sys.stderr.write(text)` write to standard error (Jupyter's
///   `stderr` stream); `sys.stdout.write` is `print` without the newline.
/// - `clear_output(wait=)` is a builtin as well as `IPython.display.clear_output` (see
///   ``defineIPythonDisplay(_:)``).
/// - `d2l.Animator(xlabel=…, legend=[…])` with `animator.add(x, y)` draws the book's live training
///   curves: one ``LiveFigure``, redrawn in place at each `add`.
extension Interpreter {
    /// Defines `clear_output` as a builtin.
    func defineLiveOutputBuiltins(_ define: (String, @escaping BuiltinFunction.Body) -> Void) {
        define("clear_output", Self.clearOutputFunction)
    }

    /// Registers `sys` (`stdout`, `stderr`) and `convbook.clear_output`.
    func installLiveOutputModules() {
        let sys = Module("sys")
        sys.attributes["stdout"] = .object(TextStream(isError: false))
        sys.attributes["stderr"] = .object(TextStream(isError: true))
        modules["sys"] = sys
        modules["convbook"]?.define("clear_output", Self.clearOutputFunction)
    }

    /// Defines `d2l.Animator` and the `_LivePlot` that `ProgressBoard.draw` redraws.
    func defineLivePlots(in d2l: Module) {
        d2l.define("Animator") { interpreter, arguments throws(PyError) in
            .object(try Animator(interpreter, arguments))
        }
        d2l.define("_LivePlot") { _, arguments throws(PyError) in
            try arguments.expectPositional("_LivePlot", 0)
            return .object(LivePlotObject())
        }
    }

    /// Writes `text` where `print`'s `file=` points: stdout when absent or `None`, standard error for
    /// `sys.stderr`, else the object's own `write`.
    func write(_ text: String, to file: Value?) throws(PyError) {
        switch file {
        case nil, .none?:
            output.write(text)
        case .object(let stream as TextStream)?:
            stream.write(text, self)
        case let other?:
            _ = try call(try attribute(other, "write"), Arguments([.str(text)]))
        }
    }
}

/// `sys.stdout` and `sys.stderr`: objects with `write(text)` and `flush()`.
final class TextStream: PyObject {
    let isError: Bool

    init(isError: Bool) {
        self.isError = isError
    }

    override var typeName: String { "TextIOWrapper" }

    func write(_ text: String, _ interpreter: Interpreter) {
        if isError {
            interpreter.deliver(.stderr(text))
        } else {
            interpreter.output.write(text)
        }
    }

    override func attribute(_ name: String, _ interpreter: Interpreter) throws(PyError) -> Value? {
        switch name {
        case "write":
            return .builtin(
                BuiltinFunction.oneArgument(name) { [self] interpreter, argument throws(PyError) in
                    let text = try interpreter.stringArgument(argument, "write() argument")
                    write(text, interpreter)
                    return .int(text.codePointCount)
                })
        case "flush":
            return .builtin(BuiltinFunction(name) { _, _ in .none })
        default:
            return nil
        }
    }

    override func repr(_ interpreter: Interpreter) throws(PyError) -> String {
        "<_io.TextIOWrapper name='<\(isError ? "stderr" : "stdout")>' mode='w' encoding='utf-8'>"
    }
}
