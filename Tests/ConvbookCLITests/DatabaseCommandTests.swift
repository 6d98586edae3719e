import ConvbookTestSupport
import Foundation
import Notebook
import Testing

/// `convbook list` / `export` on the embedded database: a fresh database is filled with the examples once.
@Suite("convbook list and export", .serialized)
final class DatabaseCommandTests {
    let directory: URL

    init() throws {
        directory = try CLIProcess.temporaryDirectory()
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    private var database: String { directory.appendingPathComponent("convbook.db").path }
    private var examples: String { PackagePaths.root.appendingPathComponent("notebooks").path }

    @Test("a fresh database is filled with the example notebooks on first open, and only then")
    func seedsOnce() async throws {
        let first = try await CLIProcess.run(["list", "--db", database, "--notebooks", examples])
        #expect(first.status == 0)
        let exampleFiles = try FileManager.default.contentsOfDirectory(atPath: examples)
            .filter { $0.hasSuffix(".ipynb") }.sorted()
        #expect(first.stderr.contains("added \(exampleFiles.count) notebooks"))
        // Titled by their first headings (without the number), listed by title.
        let titles = first.stdout.split(separator: "\n").map { $0.components(separatedBy: "  ").last ?? "" }
        let headings = try exampleFiles.map { file in
            try NotebookFiles.read(contentsOf: URL(fileURLWithPath: examples + "/" + file)).title
        }
        #expect(titles == headings.sorted { $0.localizedCaseInsensitiveCompare($1) == .orderedAscending })
        #expect(titles.contains("Multiple input channels"))

        let second = try await CLIProcess.run(["list", "--db", database, "--notebooks", examples])
        #expect(second.status == 0)
        #expect(second.stdout == first.stdout)
        #expect(!second.stderr.contains("added"))
    }

    @Test("run from another directory with no --notebooks, a new database still gets the shipped examples")
    func findsExamplesFromAnywhere() async throws {
        let elsewhere = directory.appendingPathComponent("elsewhere", isDirectory: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let exampleCount = try FileManager.default.contentsOfDirectory(atPath: examples)
            .filter { $0.hasSuffix(".ipynb") }.count
        let result = try await CLIProcess.run(["list", "--db", "new.db"], in: elsewhere)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("added \(exampleCount) notebooks from \(examples)/"), "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == exampleCount)
        // An explicit folder that does not exist seeds nothing, as before.
        let none = try await CLIProcess.run(["list", "--db", "empty.db", "--notebooks", "missing"], in: elsewhere)
        #expect(none.status == 0 && none.stdout.isEmpty && !none.stderr.contains("added"), "\(none.stderr)")
    }

    @Test("an id from `list` exports as a notebook that reads back with the same cells")
    func exportsListedNotebook() async throws {
        let listed = try await CLIProcess.run(["list", "--db", database, "--notebooks", examples])
        let line = try #require(
            listed.stdout.split(separator: "\n").first { $0.hasSuffix("  Multiple input channels") })
        let id = String(try #require(line.split(separator: " ").first))
        let output = directory.appendingPathComponent("out.ipynb").path
        let exported = try await CLIProcess.run(["export", id, "--db", database, "-o", output])
        #expect(exported.status == 0)
        let original = try NotebookFiles.read(
            contentsOf: URL(fileURLWithPath: examples + "/05-multiple-input-channels.ipynb"))
        let back = try NotebookFiles.read(contentsOf: URL(fileURLWithPath: output))
        #expect(back.cells.map(\.source) == original.cells.map(\.source))
    }

    @Test("an unknown id exits 2 with a message")
    func unknownID() async throws {
        let result = try await CLIProcess.run(["export", "no-such-id", "--db", database, "--notebooks", examples])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no-such-id"))
    }
}
