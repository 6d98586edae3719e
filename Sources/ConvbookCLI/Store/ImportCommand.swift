import ArgumentParser
import Foundation
import Notebook
import Store

/// `convbook import FILE...`: adds `.ipynb` and percent-format `.py` notebooks to the database.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add notebook files (.ipynb or percent-format .py) to the database.",
        discussion: """
            Each file is imported on its own: a file that cannot be read is reported and skipped, and the \
            command exits with status 2 after importing the others. Numbers JSON cannot hold (NaN, \
            Infinity, as Python's json module writes them) are stored as null, with a note naming them.
            """)

    @OptionGroup var database: DatabaseOption

    @Argument(help: "The notebook files to import.")
    var files: [String]

    func run() async throws {
        let store = try await database.open()
        var failed = false
        for file in files {
            do {
                var document: NotebookDocument
                do {
                    document = try NotebookFiles.read(contentsOf: URL(fileURLWithPath: file))
                } catch {
                    throw StoreError.file(error)
                }
                if let note = NonFiniteNumber.note(document.replaceNonFiniteNumbers()) {
                    CommandLineOutput.error("convbook import: \(file): \(note)")
                }
                let stored = try await store.importNotebook(document)
                let cells = stored.document.cells.count
                print("\(stored.document.id)\t\(stored.document.title)\t\(cells) cell\(cells == 1 ? "" : "s")\t\(file)")
            } catch {
                CommandLineOutput.error("convbook import: \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(2) }
    }
}
