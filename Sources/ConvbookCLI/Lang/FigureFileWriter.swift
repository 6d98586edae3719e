import Foundation

/// Writes pictures as numbered PNG files: `001.png`, `002.png`, …
struct FigureFileWriter {
    /// The directory as the user named it (used in the paths printed back to them).
    let directory: String
    /// How many pictures were written so far.
    private(set) var count = 0

    /// Creates the writer and its directory (with any missing parents).
    ///
    /// - Throws: `CocoaError` when the directory cannot be created.
    init(directory: String) throws {
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Writes PNG bytes as the next numbered file and returns that file's path.
    mutating func write(png: [UInt8]) throws -> String {
        count += 1
        let name = String(format: "%03d.png", count)
        let path = (directory as NSString).appendingPathComponent(name)
        try Data(png).write(to: URL(fileURLWithPath: path))
        return path
    }
}
