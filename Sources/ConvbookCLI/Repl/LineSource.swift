/// Where the REPL's lines come from: ``LineEditor`` on a terminal that can edit, ``PlainLineReader``
/// on one that cannot (`TERM=dumb`, as in Emacs' shell mode).
protocol LineSource: AnyObject {
    /// Wakes a blocked ``read(prompt:)`` from another thread, as Ctrl-C does.
    var waker: Waker { get }
    /// Shows `prompt` and reads one line.
    func read(prompt: String) -> LineInput
    /// Adds an entry (a line or a whole block) to the history, where there is one.
    func remember(_ entry: String)
}

/// What one read gave.
enum LineInput: Equatable {
    /// A line (without its newline; a block recalled from history has newlines inside).
    case line(String)
    /// Ctrl-C: the line was abandoned.
    case interrupted
    /// Ctrl-D on an empty line, or standard input closed.
    case endOfInput
}
