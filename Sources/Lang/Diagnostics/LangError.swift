import Diagnostics

/// A Python exception raised while parsing or running a cell: the data, not its rendering.
///
/// `name` is the Python exception class (`NameError`, `RuntimeError`, …), `message` its text and
/// `range` where it was raised. `traceback` lists the frames from the outermost call to the
/// innermost; ``ErrorFormatter`` turns all of it into the text Python prints, or into JSON.
public struct LangError: Error, Sendable, CustomStringConvertible {
    /// The Python exception class name, e.g. `ZeroDivisionError`.
    public var name: ExceptionName
    /// The exception message (may be empty).
    public var message: String
    /// Where the error was raised.
    public var source: Source
    /// The byte range of the raising expression or statement.
    public var range: SourceRange
    /// Call frames from outermost (`<module>`) to innermost; empty until the error leaves a frame.
    public var traceback: [TracebackFrame]

    /// Creates an error raised at `range` in `source`.
    public init(_ name: ExceptionName, _ message: String, source: Source, range: SourceRange) {
        self.name = name
        self.message = message
        self.source = source
        self.range = range
        self.traceback = []
    }

    /// Whether this is a syntax error (reported without a traceback, as Python does).
    public var isSyntaxError: Bool { name == .syntaxError || name == .indentationError }

    /// `Name: message`, the last line Python prints.
    public var description: String { message.isEmpty ? name.rawValue : "\(name): \(message)" }
}

/// One frame of a traceback: the function that was running and the range it was executing.
public struct TracebackFrame: Sendable {
    /// The function name, `<module>` for top-level code, `<lambda>` for lambdas.
    public var function: String
    /// The source the function was defined in.
    public var source: Source
    /// The expression being evaluated in that frame (a call, or the raising expression).
    public var range: SourceRange

    /// Creates a frame.
    public init(function: String, source: Source, range: SourceRange) {
        self.function = function
        self.source = source
        self.range = range
    }
}
