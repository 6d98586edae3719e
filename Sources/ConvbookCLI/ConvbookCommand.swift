import ArgumentParser

/// The `convbook` command and its subcommands.
public struct ConvbookCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "convbook",
        abstract: "A notebook server for learning and experimenting with convolutions.",
        version: "0.1.0",
        subcommands: [ImportCommand.self, ExportCommand.self])

    public init() {}

    /// Runs the command line; the executable's only call. (Calling `main()` from top-level code
    /// would pick `ParsableCommand`'s synchronous overload and never run async subcommands.)
    public static func launch() async {
        await main()
    }
}
