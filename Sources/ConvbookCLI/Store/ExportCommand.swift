import ArgumentParser
import Foundation
import Notebook
import Store

/// `convbook export ID`: writes a stored notebook in one of the `NotebookFormat`s.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a notebook from the database to a file or standard output.",
        discussion: """
            The format is --format, or else the extension of the -o file, or else ipynb. Files are written \
            atomically: a failure leaves no half-written file.
            """)

    @OptionGroup var database: DatabaseOption

    @Argument(help: "The notebook's id (as `convbook import` prints it).")
    var id: String

    @Option(
        help: ArgumentHelp(
            "The file format: \(NotebookFormat.all.map(\.name).joined(separator: ", ")).", valueName: "format"))
    var format: FormatArgument?

    @Option(name: .shortAndLong, help: "The file to write (standard output if omitted).")
    var output: String?

    func validate() throws {
        guard let format, let output else { return }
        guard NotebookFormat(fileName: output) == format.format else {
            throw ValidationError("the output file '\(output)' does not end in .\(format.format.fileExtension)")
        }
    }

    func run() async throws {
        ExportRenderers.install()
        let store = try await database.open()
        do {
            if let output {
                try await store.exportNotebook(id: id, to: URL(fileURLWithPath: output), as: format?.format)
            } else {
                let document = try await store.notebook(id: id).document
                print((format?.format ?? .ipynb).write(document), terminator: "")
            }
        } catch {
            CommandLineOutput.error("convbook export: \(error)")
            throw ExitCode(2)
        }
    }
}
