import ArgumentParser
import Foundation
import Store

/// The `--db PATH` option shared by the commands that use the notebook database.
struct DatabaseOption: ParsableArguments {
    @Option(name: .customLong("db"), help: "The notebook database file (created if missing).")
    var path: String = NotebookStore.defaultFileName

    @Option(
        name: .customLong("notebooks"),
        help: ArgumentHelp(
            "The example notebooks a new, empty database is filled with (skipped if the folder is missing; "
                + "default: the examples shipped with convbook, found like the web page).",
            valueName: "DIR"))
    var explicitExamples: String?

    /// The examples folder: `--notebooks`, else the one shipped with convbook (`BundledFolder`), if any.
    var examples: String? { BundledFolder.notebooks.locate(explicit: explicitExamples) }

    /// Opens the database, or prints why it cannot and exits with status 2.
    ///
    /// A fresh (empty) database is first filled with the notebooks in `--notebooks`, as the server
    /// does on its first start; files that cannot be imported are reported and skipped.
    func open() async throws -> NotebookStore {
        let store: NotebookStore
        do {
            store = try NotebookStore(path: path)
        } catch {
            CommandLineOutput.error("convbook: cannot open the database '\(path)': \(error)")
            throw ExitCode(2)
        }
        var isDirectory: ObjCBool = false
        guard let examples, FileManager.default.fileExists(atPath: examples, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            return store
        }
        do {
            let report = try await store.seedIfEmpty(from: URL(fileURLWithPath: examples, isDirectory: true))
            if report.seeded {
                CommandLineOutput.error(
                    "convbook: new database '\(path)': added \(report.imported.count) notebooks from \(examples)/")
            }
            for failure in report.failures {
                CommandLineOutput.error("convbook: skipped \(failure)")
            }
        } catch {
            CommandLineOutput.error("convbook: cannot fill the new database '\(path)': \(error)")
            throw ExitCode(2)
        }
        return store
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
