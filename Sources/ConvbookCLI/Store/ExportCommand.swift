import ArgumentParser
import Foundation
import Notebook
import Store

/// `convbook export ID`: writes a stored notebook as `.ipynb`, percent-format `.py` or standalone HTML.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a notebook from the database to a file or standard output.",
        discussion: """
            The format is --format, or else the extension of the -o file, or else ipynb. Files are written \
            atomically: a failure leaves no half-written file.
            """)

    /// The formats a notebook can be exported in.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case ipynb, py, html

        var fileFormat: NotebookFiles.Format {
            switch self {
            case .ipynb: .ipynb
            case .py: .percent
            case .html: .html
            }
        }
    }

    @OptionGroup var database: DatabaseOption

    @Argument(help: "The notebook's id (as `convbook import` prints it).")
    var id: String

    @Option(help: "The file format.")
    var format: Format?

    @Option(name: .shortAndLong, help: "The file to write (standard output if omitted).")
    var output: String?

    func validate() throws {
        guard let format, let output else { return }
        guard let implied = NotebookFiles.Format(fileName: output), implied == format.fileFormat else {
            throw ValidationError("the output file '\(output)' does not end in .\(format.rawValue)")
        }
    }

    func run() async throws {
        let store = try await database.open()
        do {
            if let output {
                try await store.exportNotebook(id: id, to: URL(fileURLWithPath: output))
            } else {
                let document = try await store.notebook(id: id).document
                print(Self.text(of: document, as: format ?? .ipynb), terminator: "")
            }
        } catch {
            CommandLineOutput.error("convbook export: \(error)")
            throw ExitCode(2)
        }
    }

    static func text(of document: NotebookDocument, as format: Format) -> String {
        switch format {
        case .ipynb: IPYNBCodec.encode(document)
        case .py: PercentFormat.encode(document)
        case .html: HTMLExporter.render(document)
        }
    }
}
