import Figures
import Foundation

/// Output that is not printed text on stdout nor a plain figure: text on standard error, clearing
/// the cell's output, and live figures redrawn in place.
///
/// - `print(…, file=sys.stderr)` and `sys.stderr.write(text)` write to standard error.
/// - `clear_output(wait=False)` (also `from IPython.display import clear_output`) clears the cell's
///   outputs so far; with `wait=True` they are cleared when the next output arrives, so a loop that
///   clears and redraws does not flicker.
/// - `d2l.Animator(xlabel=…, legend=[…])` with `animator.add(x, y)` draws the book's live training
///   curves: one figure, redrawn in place at each `add`.
extension Interpreter {
    /// Defines `clear_output` as a builtin.
    func defineLiveOutputBuiltins(_ define: (String, @escaping BuiltinFunction.Body) -> Void) {
        define("clear_output", Self.clearOutputFunction)
    }

    /// Registers `sys` (`stdout`, `stderr`) and `IPython.display` (`clear_output`); `d2l.Animator`
    /// is defined with the rest of `d2l` (``loadD2L(_:)``).
    func installLiveOutputModules() {
        let sys = Module("sys")
        sys.attributes["stdout"] = .object(TextStream(isError: false))
        sys.attributes["stderr"] = .object(TextStream(isError: true))
        modules["sys"] = sys
        let display = Module("IPython.display")
        display.define("clear_output", Self.clearOutputFunction)
        let ipython = Module("IPython")
        ipython.attributes["display"] = .module(display)
        modules["IPython"] = ipython
        modules["IPython.display"] = display
        modules["convbook"]?.define("clear_output", Self.clearOutputFunction)
    }

    private static func clearOutputFunction(_ interpreter: Interpreter, _ arguments: Arguments) throws(PyError) -> Value
    {
        let values = try arguments.bind("clear_output", ["wait"])
        let wait = try values[0].map { (value) throws(PyError) in try interpreter.truthy(value) } ?? false
        interpreter.deliver(.clear(wait: wait))
        return .none
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

    /// Adds a live figure: the first showing counts toward the cell's figure limit, redraws do not.
    func emitLive(_ figure: Figure, id: String, update: Bool) {
        if !update {
            display.figureCount += 1
            guard display.figureCount <= DisplayState.maximumFiguresPerCell else { return }
        }
        deliver(.liveDisplay(figure, id: id, update: update))
    }

    /// Adds an output after the text printed so far (as ``emit(_:)`` does for figures).
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
                BuiltinFunction(name) { [self] interpreter, arguments throws(PyError) in
                    try arguments.expectPositional("write", 1)
                    let text = try interpreter.stringArgument(arguments.positional[0], "write() argument")
                    write(text, interpreter)
                    return .int(text.count)
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
