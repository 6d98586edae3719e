import Foundation
import Lang
import Render

/// Where `load_image(name)` looks when code runs from the command line.
enum ScriptImageSource {
    /// The `data/` folder next to the script (or the REPL's working directory), then the
    /// repository's `notebooks/data/` under the working directory. Notebook attachments will be
    /// searched first once notebooks run cells.
    static func make(scriptDirectory: URL, workingDirectory: URL) -> DirectoryImageSource {
        let candidates = [
            DirectoryImageSource.Directory(
                url: scriptDirectory.appendingPathComponent("data", isDirectory: true), label: "data/"),
            DirectoryImageSource.Directory(
                url: workingDirectory.appendingPathComponent("notebooks/data", isDirectory: true),
                label: "notebooks/data/"),
        ]
        var seen = Set<String>()
        let directories = candidates.filter { seen.insert($0.url.standardizedFileURL.path).inserted }
        return DirectoryImageSource(directories: directories) { bytes in try ImageLoader.tensor(fromPNG: bytes) }
    }

    /// The source for a script at `path` (relative to the working directory or absolute), or for
    /// code typed at the REPL when `path` is nil.
    static func make(scriptPath path: String?) -> DirectoryImageSource {
        let workingDirectory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        guard let path else { return make(scriptDirectory: workingDirectory, workingDirectory: workingDirectory) }
        let script = URL(fileURLWithPath: path, relativeTo: workingDirectory)
        return make(scriptDirectory: script.deletingLastPathComponent(), workingDirectory: workingDirectory)
    }
}
