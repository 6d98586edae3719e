import Foundation
import Testing

@testable import Notebook

/// Paths and helpers shared by the notebook tests.
enum TestSupport {
    /// The package root, found from this file's path (tests may run from any directory).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let fixtures = packageRoot.appendingPathComponent("Tests/NotebookTests/Fixtures")

    static func fixtureBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    /// A fixed instant with whole milliseconds, for reproducible dates.
    static let now = Date(timeIntervalSince1970: 1_795_000_000.250)

    /// A fresh empty directory under the system's temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("convbook-notebook-tests-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A small deterministic random generator (SplitMix64) so property tests are reproducible.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}

/// Decoding `marked` as an `.ipynb` must fail with exactly `message` and `kind`, at the place marked `⚑`
/// in the text (the marker is removed before decoding; without one, the error must have no position).
func assertIPYNBError(
    _ marked: String, kind: NotebookFileError.Kind, _ message: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    var text = marked
    var expected: SourcePosition?
    if let marker = marked.range(of: "⚑") {
        let offset = marked.utf8.distance(from: marked.utf8.startIndex, to: marker.lowerBound)
        text.removeSubrange(marker)
        expected = SourcePosition.locate(offset: offset, in: Array(text.utf8))
    }
    do {
        let notebook = try IPYNBCodec.decode(Array(text.utf8), fileName: "bad.ipynb", now: TestSupport.now)
        Issue.record(
            "expected an error, got a notebook with \(notebook.cells.count) cells", sourceLocation: sourceLocation)
    } catch {
        #expect(error.kind == kind, sourceLocation: sourceLocation)
        #expect(error.message == message, sourceLocation: sourceLocation)
        #expect(error.position == expected, sourceLocation: sourceLocation)
    }
}
