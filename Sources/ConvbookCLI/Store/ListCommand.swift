import ArgumentParser
import Foundation
import Store

/// `convbook list`: the notebooks in the database, one line each (id, cells, updated, title).
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the notebooks in the database (their ids are what `convbook export` takes).")

    @OptionGroup var database: DatabaseOption

    func run() async throws {
        let store = try await database.open()
        let notebooks: [NotebookSummary]
        do {
            notebooks = try await store.listNotebooks()
        } catch {
            CommandLineOutput.error("convbook list: \(error)")
            throw ExitCode(2)
        }
        for line in Self.lines(for: notebooks) {
            print(line)
        }
    }

    /// One aligned line per notebook: id, cell count, last update (UTC, to the minute), title.
    static func lines(for notebooks: [NotebookSummary]) -> [String] {
        let idWidth = notebooks.map(\.id.count).max() ?? 0
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return notebooks.map { notebook in
            let id = notebook.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
            let cells = String(notebook.cellCount).leftPadded(to: 4)
            let updated = String(formatter.string(from: notebook.updated).prefix(16))
            return "\(id)  \(cells) cells  \(updated)  \(notebook.title)"
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
