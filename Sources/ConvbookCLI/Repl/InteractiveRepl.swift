import Foundation
import Lang

/// The REPL on a terminal: prompts `>>> ` and `... `, a block gathered until it is complete (the
/// same ``InputCompleteness`` the Jupyter kernel answers `is_complete` with), Tab completion from
/// the session (the kernel's `complete`), history, and Ctrl-C / Ctrl-D as in Python's REPL.
final class InteractiveRepl {
    private let runner: ReplRunner
    private let editor: any LineSource
    /// The lines of an unfinished block, typed so far.
    private var pending: [String] = []

    /// With `lineEditing`, lines are read with ``LineEditor`` (history, completion), else plainly.
    init(session: Session, figures: ReplFigures, lineEditing: Bool, historyFile: String?, historySize: Int) throws {
        let box = CompletionSource(session: session)
        let editor: any LineSource =
            lineEditing
            ? try LineEditor(historyFile: historyFile, historySize: historySize) { before in box.complete(before) }
            : try PlainLineReader()
        self.editor = editor
        runner = ReplRunner(session: session, figures: figures, waker: editor.waker)
        box.pending = { [unowned self] in self.pending }
    }

    /// Reads and runs until Ctrl-D.
    func run() {
        FileHandle.standardError.write(
            Data(
                "Convbook \(ConvbookCommand.configuration.version) REPL. \(editor is LineEditor ? "Tab completes, " : "")Ctrl-D quits.\n"
                    .utf8))
        defer { runner.interrupts.cancel() }
        while true {
            switch editor.read(prompt: pending.isEmpty ? ">>> " : "... ") {
            case .endOfInput:
                FileHandle.standardOutput.write(Data("\n".utf8))
                return
            case .interrupted:
                FileHandle.standardError.write(Data("KeyboardInterrupt\n".utf8))
                pending = []
            case .line(let line):
                accept(line)
            }
        }
    }

    private func accept(_ line: String) {
        if pending.isEmpty && !line.contains(where: { !$0.isWhitespace }) { return }
        pending.append(line)
        var code = pending.joined(separator: "\n") + "\n"
        // A block recalled from history arrives whole: it needs no blank line to end it.
        if pending.count == 1 && line.contains("\n") { code += "\n" }
        if case .incomplete = InputCompleteness.of(code) { return }
        let block = pending.joined(separator: "\n")
        pending = []
        editor.remember(Self.trimmingBlankLines(block))
        _ = runner.run(Source(name: "<stdin>", text: code))
    }

    private static func trimmingBlankLines(_ block: String) -> String {
        var lines = block.split(separator: "\n", omittingEmptySubsequences: false)
        while let last = lines.last, !last.contains(where: { !$0.isWhitespace }) { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}

/// Completion for the line editor: the session's completions of the pending block and the text
/// before the cursor.
private final class CompletionSource {
    let session: Session
    var pending: () -> [String] = { [] }

    init(session: Session) { self.session = session }

    func complete(_ before: String) -> LineEditor.Completion? {
        let earlier = pending()
        let code = earlier.isEmpty ? before : earlier.joined(separator: "\n") + "\n" + before
        let cursor = code.unicodeScalars.count
        guard let found = session.completions(in: code, cursor: cursor) else { return nil }
        return LineEditor.Completion(replacing: found.cursorEnd - found.cursorStart, candidates: found.matches)
    }
}
