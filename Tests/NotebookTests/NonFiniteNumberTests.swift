import Foundation
import Testing

@testable import Notebook

/// Issue 16: `NaN`, `Infinity`, `-Infinity` and numbers too large for a double (`1e400`), which Python's
/// `json` writes by default, are read, and written back as `null`, so every file and response is JSON
/// that `JSON.parse` and SQLite's `json_valid` accept.
@Suite("Non-finite numbers")
struct NonFiniteNumberTests {
    /// A notebook holding non-finite numbers in notebook metadata, cell metadata, output metadata and a
    /// JSON output.
    static let ipynb = """
        {"nbformat": 4, "nbformat_minor": 5,
         "metadata": {"scale": NaN, "limits": [Infinity, -Infinity, 1e400, 1.5], "nested": {"x": -1e400}},
         "cells": [{"cell_type": "code", "id": "a", "source": "1 + 1", "metadata": {"ratio": -Infinity},
                    "execution_count": 1,
                    "outputs": [{"output_type": "execute_result", "execution_count": 1,
                                 "metadata": {"v": NaN},
                                 "data": {"text/plain": "2", "application/json": {"y": Infinity}}}]}]}
        """

    @Test("the writer writes null for NaN and the infinities", arguments: [Double.nan, .infinity, -.infinity])
    func writerWritesNull(value: Double) throws {
        let text = JSONWriter.compact(.array([.number(value), .number(1.5)]))
        #expect(text == "[null, 1.5]")
        #expect(JSONWriter.jupyter(.object(["x": .number(value)])) == "{\n \"x\": null\n}\n")
    }

    @Test("a notebook with NaN and Infinity reads, and exports as JSON that a strict parser accepts")
    func exportIsStrictJSON() throws {
        let document = try IPYNBCodec.decode(Array(Self.ipynb.utf8), fileName: "nan.ipynb")
        for text in [IPYNBCodec.encode(document), PercentFormat.encode(document)] {
            #expect(!text.contains("NaN") && !text.contains("Infinity"), "\(text)")
        }
        let exported = IPYNBCodec.encode(document)
        _ = try JSONSerialization.jsonObject(with: Data(exported.utf8))
        let back = try IPYNBCodec.decode(Array(exported.utf8), fileName: "nan.ipynb")
        #expect(back.metadata["scale"] == .null)
        #expect(back.metadata["limits"] == [nil, nil, nil, 1.5])
        #expect(back.cells[0].metadata["ratio"] == .null)
    }

    @Test("replaceNonFiniteNumbers names every replaced value, in file order, and leaves null in its place")
    func replacementIsReported() throws {
        var document = try IPYNBCodec.decode(Array(Self.ipynb.utf8), fileName: "nan.ipynb")
        let replaced = document.replaceNonFiniteNumbers()
        #expect(
            replaced.map(\.description) == [
                "metadata.scale (NaN)", "metadata.limits[0] (Infinity)", "metadata.limits[1] (-Infinity)",
                "metadata.limits[2] (Infinity)", "metadata.nested.x (-Infinity)", "cells[0].metadata.ratio (-Infinity)",
                "cells[0].outputs[0].data['application/json'].y (Infinity)", "cells[0].outputs[0].metadata.v (NaN)",
            ])
        #expect(document.metadata["limits"] == [nil, nil, nil, 1.5])
        #expect(document.replaceNonFiniteNumbers().isEmpty)
        let note = try #require(NonFiniteNumber.note(replaced, limit: 2))
        #expect(
            note
                == "8 numbers JSON cannot hold were replaced by null: metadata.scale (NaN), metadata.limits[0] (Infinity) and 6 more"
        )
        #expect(NonFiniteNumber.note([]) == nil)
        #expect(
            NonFiniteNumber.note(Array(replaced.prefix(1)))
                == "1 number JSON cannot hold was replaced by null: metadata.scale (NaN)")
    }
}
