import ArgumentParser

/// The `convbook` command and its subcommands.
public struct ConvbookCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "convbook",
        abstract: "A notebook server for learning and experimenting with convolutions.",
        version: "0.1.0",
        subcommands: [BenchCommand.self])

    public init() {}
}
