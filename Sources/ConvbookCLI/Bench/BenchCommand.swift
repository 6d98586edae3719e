import ArgumentParser

/// `convbook bench …`: performance suites, run on a release build, one JSON object per line.
///
/// Each suite is a subcommand; add new ones (`lang`, `render`, `server`, `grad`, `fma`) to
/// `subcommands` and reuse ``BenchTimer`` and ``BenchReport`` for timing and output.
public struct BenchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Convbook's performance (build with -c release).",
        subcommands: [
            BenchConvCommand.self, BenchLangCommand.self, RenderBenchCommand.self, BenchGradCommand.self,
            BenchNormCommand.self, BenchServerCommand.self, BenchFMACommand.self, BenchBookCommand.self,
            BenchTrainCommand.self, BenchJSONCommand.self,
        ])

    public init() {}
}
