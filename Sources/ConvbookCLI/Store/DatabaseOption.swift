import ArgumentParser
import Foundation
import Store

/// The `--db PATH` option shared by the commands that use the notebook database.
struct DatabaseOption: ParsableArguments {
    @Option(name: .customLong("db"), help: "The notebook database file (created if missing).")
    var path: String = NotebookStore.defaultFileName

    /// Opens the database, or prints why it cannot and exits with status 2.
    func open() throws -> NotebookStore {
        do {
            return try NotebookStore(path: path)
        } catch {
            CommandLineOutput.error("convbook: cannot open the database '\(path)': \(error)")
            throw ExitCode(2)
        }
    }
}

/// Where commands write messages for people.
enum CommandLineOutput {
    /// Writes a line to standard error.
    static func error(_ line: String) {
        var standardError = StandardError()
        print(line, to: &standardError)
    }

    private struct StandardError: TextOutputStream {
        mutating func write(_ string: String) {
            FileHandle.standardError.write(Data(string.utf8))
        }
    }
}
