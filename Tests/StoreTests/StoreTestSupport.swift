import ConvbookTestSupport
import Diagnostics
import Foundation
import Notebook
import Testing

@testable import Store

/// Databases, clocks and sample notebooks shared by the store tests.
enum StoreTestSupport {
    /// A fixed instant with whole milliseconds.
    static let now = Date(timeIntervalSince1970: 1_795_000_000.250)

    /// A fresh empty directory under the system's temporary directory.
    static func temporaryDirectory() throws -> URL {
        try PackagePaths.temporaryDirectory("convbook-store-tests")
    }

    /// A store in a fresh file, dated by a fixed clock; returns its path too, to reopen it.
    static func fileStore(clock: @escaping @Sendable () -> Date = { now }) throws -> (NotebookStore, path: String) {
        let path = try temporaryDirectory().appendingPathComponent("test.db").path
        return (try NotebookStore(path: path, clock: clock), path)
    }

    /// PNG-looking bytes (the signature, then `payload` repeated); the store never decodes them.
    static func picture(_ payload: UInt8, size: Int = 300) -> PNGImage {
        PNGImage(bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: payload, count: size))
    }

    /// One output of each kind, showing `picture`.
    static func outputs(showing picture: PNGImage, count: Int = 1) -> [CellOutput] {
        [
            .stream(.stdout, text: "tensor([[19., 25.],\n        [37., 43.]])\n"),
            .displayData(data: MimeBundle(text: "<Figure>", png: picture), metadata: ["width": 240]),
            .executeResult(executionCount: count, data: MimeBundle(text: "56.0"), metadata: JSONObject()),
            .error(name: ExceptionName("RuntimeError"), value: "shapes differ", traceback: ["line 1", "line 2"]),
        ]
    }

    /// A small notebook with markdown, tagged code with outputs and a picture, and a raw cell.
    static func sampleDocument(title: String = "Multiple channels", picture: PNGImage = picture(1)) -> NotebookDocument
    {
        let start = Date(timeIntervalSince1970: 1_790_000_000.123)
        return NotebookDocument(
            id: "sample-notebook", title: title, created: start, updated: start,
            metadata: ["d2l": ["chapter": "Multiple Input and Multiple Output Channels", "section": 7.4]],
            cells: [
                Cell(id: CellID("intro")!, kind: .markdown, source: "# Channels\nEach *channel* is a matrix."),
                Cell(
                    id: CellID("params")!, kind: .code, source: "scale = 1.0", tags: ["parameters"],
                    executionCount: 1, outputs: [], timing: CellTiming(start: start, end: nil)),
                Cell(
                    id: CellID("corr2d")!, kind: .code, source: "d2l.corr2d(X, K)", tags: ["a", "b"],
                    executionCount: 2, outputs: outputs(showing: picture, count: 2),
                    timing: CellTiming(start: start, end: start.addingTimeInterval(0.25)),
                    metadata: ["collapsed": false]),
                Cell(id: CellID("raw-1")!, kind: .raw, source: "raw text"),
            ])
    }
}

/// The error a throwing store call gives, or a recorded issue when it does not throw.
func storeError<T>(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> T
) async -> StoreError? {
    do {
        _ = try await body()
        Issue.record("expected a StoreError, the call succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as StoreError {
        return error
    } catch {
        Issue.record("expected a StoreError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
