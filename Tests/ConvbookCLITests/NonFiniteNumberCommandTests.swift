import ConvbookTestSupport
import Foundation
import Notebook
import Testing

/// Issue 16: `convbook run` and `convbook import` accept notebooks whose metadata holds `NaN` or
/// `Infinity`, write only valid JSON (`null` in their place) and say which values were replaced.
@Suite("NaN and Infinity in notebook files", .serialized)
final class NonFiniteNumberCommandTests {
    let directory: URL

    init() throws {
        directory = try CLIProcess.temporaryDirectory()
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    static let ipynb = """
        {"nbformat": 4, "nbformat_minor": 5, "metadata": {"scale": NaN, "limits": [Infinity, 1e400]},
         "cells": [{"cell_type": "code", "id": "a", "source": "1 + 1", "metadata": {"ratio": -Infinity},
                    "execution_count": null, "outputs": []}]}
        """

    private func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("run --output writes JSON that a strict parser reads, and notes the replaced values")
    func runWritesValidJSON() async throws {
        let input = try write("nan.ipynb", Self.ipynb)
        let output = directory.appendingPathComponent("out.ipynb")
        let result = try await CLIProcess.run(["run", input, "--output", output.path])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOf: output, encoding: .utf8)
        #expect(!text.contains("NaN") && !text.contains("Infinity"))
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let metadata = parsed?["metadata"] as? [String: Any]
        #expect(metadata?["scale"] is NSNull)
        #expect(result.stderr.contains("metadata.scale"), "\(result.stderr)")
        #expect(result.stderr.contains("cells[0].metadata.ratio"), "\(result.stderr)")
        #expect(result.stderr.contains("null"), "\(result.stderr)")
    }

    @Test("import stores the notebook and notes the replaced values")
    func importNotes() async throws {
        let input = try write("nan.ipynb", Self.ipynb)
        let database = directory.appendingPathComponent("nan.db").path
        let empty = directory.appendingPathComponent("no-examples").path
        let result = try await CLIProcess.run(["import", input, "--db", database, "--notebooks", empty])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("nan.ipynb"))
        #expect(result.stderr.contains("metadata.limits[1]"), "\(result.stderr)")
        let exported = directory.appendingPathComponent("back.ipynb").path
        let id = String(try #require(result.stdout.split(separator: "\t").first))
        let export = try await CLIProcess.run(["export", id, "--db", database, "-o", exported])
        #expect(export.status == 0, "\(export.stderr)")
        _ = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: exported)))
    }
}
