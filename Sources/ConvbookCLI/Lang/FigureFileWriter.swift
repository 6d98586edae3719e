import Figures
import Foundation
import Render

/// Renders figures and writes them as numbered PNG files: `001.png`, `002.png`, …
struct FigureFileWriter {
    /// The directory as the user named it (used in the paths printed back to them).
    let directory: String
    /// How many figures were written so far.
    private(set) var count = 0

    /// Creates the writer and its directory (with any missing parents).
    ///
    /// - Throws: `CocoaError` when the directory cannot be created.
    init(directory: String) throws {
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Renders `figure`, writes it as the next numbered file and returns that file's path.
    mutating func write(_ figure: Figure) throws -> String {
        let image = try Renderer.render(figure)
        count += 1
        let name = String(format: "%03d.png", count)
        let path = (directory as NSString).appendingPathComponent(name)
        try Data(image.png).write(to: URL(fileURLWithPath: path))
        return path
    }
}
