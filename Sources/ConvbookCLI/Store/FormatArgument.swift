import ArgumentParser
import Notebook

/// A `--format` value: one of `NotebookFormat.all`, by its short name.
struct FormatArgument: ExpressibleByArgument, Sendable {
    /// The format named.
    let format: NotebookFormat

    init?(argument: String) {
        guard let format = NotebookFormat.named(argument.lowercased()) else { return nil }
        self.format = format
    }

    static var allValueStrings: [String] { NotebookFormat.all.map(\.name) }
}
