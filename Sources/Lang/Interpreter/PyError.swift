/// A Python exception travelling through the interpreter.
///
/// Builtins raise it without a location; the evaluator attaches the range of the innermost
/// expression being evaluated, and each user-function call it leaves adds a traceback frame.
///
/// An exception a program raises carries its object (``exception``); a builtin error is only a
/// name and a message until a handler binds it (``Interpreter/exceptionInstance(of:)``), which
/// keeps raising and catching builtin errors cheap.
import Diagnostics

struct PyError: Error {
    /// The exception's class name (`ZeroDivisionError`, or a user class such as `MyError`).
    var name: ExceptionName
    /// `str()` of the exception: what the notebook shows after the name.
    var message: String
    /// The exception object, once there is one (see the type's discussion). Exempt from the
    /// sendability check: a `PyError` never leaves its session's evaluator thread; what leaves is
    /// the ``LangError`` made by ``langError(topLevel:range:)``, which does not carry it.
    nonisolated(unsafe) var exception: Instance?
    /// The arguments of a builtin error when they are not its message: a `KeyError`'s missing
    /// key, which `str` shows as its repr. An array rather than a value, to keep the error small
    /// (it is copied as it travels). Exempt from the sendability check as ``exception`` is.
    nonisolated(unsafe) var arguments: [Value]?
    var source: Source?
    var range: SourceRange?
    /// Frames outermost first, complete up to the function the error is currently in.
    var traceback: [TracebackFrame] = []
    /// Set when the error left a user function: the next enclosing call site adds its frame.
    var needsCallerFrame = false

    /// The exception `name` (`.valueError`, or a program's class) saying `message`.
    init(_ name: ExceptionName, _ message: String) {
        self.name = name
        self.message = message
    }

    /// The exception class called `name`, for a name that arrives as text.
    init(_ name: String, _ message: String) {
        self.init(ExceptionName(name), message)
    }

    /// Whether no handler may catch it: an interrupt or the cell's time limit raised by the
    /// interpreter, since a runaway cell must stay stoppable.
    var isUncatchable: Bool { exception == nil && (name == .keyboardInterrupt || name == .timeoutError) }

    static func type(_ message: String) -> PyError { PyError(.typeError, message) }
    static func value(_ message: String) -> PyError { PyError(.valueError, message) }
    static func index(_ message: String) -> PyError { PyError(.indexError, message) }
    static func runtime(_ message: String) -> PyError { PyError(.runtimeError, message) }
    static func overflow() -> PyError {
        PyError(.overflowError, "integer overflow: integers are limited to 64 bits in this language")
    }

    /// The public error value, with the `<module>` frame added at `range` when needed.
    func langError(topLevel source: Source, range statementRange: SourceRange) -> LangError {
        let errorSource = self.source ?? source
        let errorRange = self.range ?? statementRange
        var error = LangError(name, message, source: errorSource, range: errorRange)
        if !traceback.isEmpty {
            var frames = traceback
            if needsCallerFrame {
                frames.insert(TracebackFrame(function: "<module>", source: source, range: statementRange), at: 0)
            }
            error.traceback = frames
        }
        return error
    }
}
