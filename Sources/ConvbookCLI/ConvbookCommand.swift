import ArgumentParser
import Foundation

/// The `convbook` command and its subcommands.
public struct ConvbookCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "convbook",
        abstract: "A notebook server for learning and experimenting with convolutions.",
        discussion: "Without arguments at a terminal, `convbook` opens the REPL (`convbook repl`).",
        version: "0.1.0",
        subcommands: [
            ServeCommand.self, RunCommand.self, ReplCommand.self, ListCommand.self, ImportCommand.self,
            ExportCommand.self, BenchCommand.self, KernelCommand.self, JupyterCommand.self,
            JupyterKernelCommand.self,
        ])

    public init() {}

    /// Parses the command line and runs the chosen command, awaiting asynchronous ones.
    ///
    /// Declared here because top-level `await ConvbookCommand.main()` resolves to the
    /// synchronous `ParsableCommand.main()`, which refuses an asynchronous root command.
    public static func start() async {
        do {
            var arguments = Array(CommandLine.arguments.dropFirst())
            // Bare `convbook` at a terminal opens the REPL, as `python` does.
            if arguments.isEmpty && isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 { arguments = ["repl"] }
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // Bad usage exits with status 2 (as `convbook run` promises), not ArgumentParser's 64.
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
