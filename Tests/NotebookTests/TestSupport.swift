import ConvbookTestSupport
import Foundation
import Testing

@testable import Notebook

/// Paths and helpers shared by the notebook tests.
enum TestSupport {
    /// The package root.
    static let packageRoot = PackagePaths.root

    static let fixtures = packageRoot.appendingPathComponent("Tests/NotebookTests/Fixtures")

    static func fixtureBytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    /// A fixed instant with whole milliseconds, for reproducible dates.
    static let now = Date(timeIntervalSince1970: 1_795_000_000.250)

    /// A fresh empty directory under the system's temporary directory.
    static func temporaryDirectory() throws -> URL {
        try PackagePaths.temporaryDirectory("convbook-notebook-tests")
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
