import Foundation

/// Where things are in the package, for tests that read its files or run the built binary.
public enum PackagePaths {
    /// The package root, found from this file's path (tests may run from any directory).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `convbook` binary that `swift build --build-tests` puts beside the test bundle
    /// (`.build/debug/`), with the package's own build folder as the last resort.
    public static var convbook: URL {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            bundleDirectory.appendingPathComponent("convbook"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("convbook"),
            root.appendingPathComponent(".build/debug/convbook"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// A fresh empty directory under the system's temporary directory, named `prefix-UUID`.
    public static func temporaryDirectory(_ prefix: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
