import ArgumentParser
import Foundation
import Lang

/// `convbook repl`: an interactive prompt over one session.
///
/// On a terminal it edits lines (libedit), keeps history across runs, completes names with Tab and
/// shows pictures; when standard input is not a terminal the input runs as one script, and the
/// exit status says whether it raised (1) or not (0).
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "An interactive prompt: type Python/PyTorch code, see results as Python shows them.",
        discussion: """
            History is kept in ~/.convbook_history (or $CONVBOOK_HISTORY; empty for none), its last 1000 \
            entries ($CONVBOOK_HISTORY_SIZE). Pictures are \
            written as PNG files to a temporary folder and, in terminals that draw images (kitty, iTerm2, \
            WezTerm, and terminals answering that they draw sixels), drawn; CONVBOOK_IMAGES=none|auto|kitty|iterm2|sixel overrides the detection.
            """)

    @Flag(help: "Only write pictures to files; do not draw them in the terminal.")
    var noImages = false

    func run() throws {
        let session = Session(imageSource: ScriptImageSource.make(scriptPath: nil))
        let environment = ProcessInfo.processInfo.environment
        if isatty(STDIN_FILENO) == 1 {
            let inline = noImages ? nil : try InlineImage.detect(environment: environment)
            let repl = try InteractiveRepl(
                session: session, figures: ReplFigures(inline: inline),
                lineEditing: !["dumb", "emacs"].contains(environment["TERM"] ?? ""),
                historyFile: Self.historyFile(environment),
                historySize: try Self.historySize(environment))
            repl.run()
        } else {
            let succeeded = runScript(session)
            if !succeeded { throw ExitCode(1) }
        }
    }

    /// Piped input: everything read, then run as one script (`<stdin>`), its output streaming.
    private func runScript(_ session: Session) -> Bool {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let text = String(decoding: data, as: UTF8.self)
        let runner = ReplRunner(session: session, figures: ReplFigures(inline: nil), waker: nil)
        defer { runner.interrupts.cancel() }
        return runner.run(Source(name: "<stdin>", text: text))
    }

    /// `$CONVBOOK_HISTORY_SIZE`, else 1000.
    static func historySize(_ environment: [String: String]) throws -> Int {
        guard let text = environment["CONVBOOK_HISTORY_SIZE"] else { return 1000 }
        guard let size = Int(text), size > 0, size <= 1_000_000 else {
            throw ValidationError("CONVBOOK_HISTORY_SIZE must be a whole number from 1 to 1000000, not '\(text)'")
        }
        return size
    }

    /// `$CONVBOOK_HISTORY` (empty: none), else `~/.convbook_history`.
    static func historyFile(_ environment: [String: String]) -> String? {
        if let chosen = environment["CONVBOOK_HISTORY"] { return chosen.isEmpty ? nil : chosen }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".convbook_history")
    }
}
