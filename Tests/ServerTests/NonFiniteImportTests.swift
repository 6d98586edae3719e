import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Notebook
import Testing

@testable import Server

/// Issue 16: importing a notebook whose metadata holds `NaN` or `Infinity` (Python's `json` writes them)
/// succeeds; the values become `null` and the answer says which were replaced.
@Suite struct NonFiniteImportTests {
    static let ipynb = """
        {"nbformat": 4, "nbformat_minor": 5, "metadata": {"scale": NaN, "limits": [Infinity, -Infinity, 1e400]},
         "cells": [{"cell_type": "code", "id": "a", "source": "1 + 1", "metadata": {"ratio": -Infinity},
                    "execution_count": null, "outputs": []}]}
        """

    @Test func importReplacesNonFiniteNumbersAndSaysWhich() async throws {
        try await TestServer().test { client in
            let imported = try await client.execute(
                uri: "/api/notebooks/import?filename=nan.ipynb", method: .post, headers: authorized(),
                body: json(Self.ipynb))
            #expect(imported.status == .created, "\(imported.text)")
            let notes = try imported.json["notes"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(notes.count == 1)
            for path in ["metadata.scale", "metadata.limits[0]", "metadata.limits[2]", "cells[0].metadata.ratio"] {
                #expect(notes.first?.contains(path) == true, "\(path) in \(notes)")
            }
            let id = try #require(try imported.json["id"]?.stringValue)
            let exported = try await client.execute(
                uri: "/api/notebooks/\(id)/export?format=ipynb", method: .get, headers: authorized())
            #expect(exported.status == .ok)
            _ = try JSONSerialization.jsonObject(with: Data(exported.body.readableBytesView))
            #expect(!exported.text.contains("NaN") && !exported.text.contains("Infinity"))

            // A percent-format script with the same values in a cell's metadata.
            let script = "# %% ratio=NaN other=[1e400]\nx = 1\n"
            let fromScript = try await client.execute(
                uri: "/api/notebooks/import?filename=nan.py", method: .post, headers: authorized(),
                body: json(script))
            #expect(fromScript.status == .created, "\(fromScript.text)")
            let scriptNotes = try fromScript.json["notes"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(scriptNotes.first?.contains("cells[0].metadata.ratio") == true, "\(scriptNotes)")

            // A clean notebook has no notes.
            let clean = try await client.execute(
                uri: "/api/notebooks/import?filename=clean.py", method: .post, headers: authorized(),
                body: json("# %%\nx = 1\n"))
            #expect(clean.status == .created)
            #expect(try clean.json["notes"] == nil)
        }
    }
}
