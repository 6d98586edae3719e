import Foundation
import Tensors

/// Finds pictures by name in a few directories, searched in order (for `convbook run`: the
/// script's `data/` folder, then `notebooks/data/`).
///
/// Names are relative paths such as `"sample.png"` or `"edges/stripes"` (`.png` is added when the
/// name has no extension). Absolute paths, `..`, hidden files and symbolic links that lead out of
/// a directory are refused, so a cell reads only the pictures it was given.
///
/// ```swift
/// let source = DirectoryImageSource(
///     directories: [.init(url: scriptData, label: "data/")]) { bytes in try ImageLoader.tensor(fromPNG: bytes) }
/// ```
public struct DirectoryImageSource: ImageSource {
    /// Turns the bytes of a PNG file into a `(C, H, W)` tensor in [0, 1].
    public typealias Decoder = @Sendable ([UInt8]) throws -> Tensor

    /// A directory to search and how messages name it (a short relative name, not a server path).
    public struct Directory: Sendable, Hashable {
        /// Where the directory is.
        public var url: URL
        /// How error messages name it, e.g. `notebooks/data/`.
        public var label: String

        /// Creates a search directory.
        public init(url: URL, label: String) {
            self.url = url
            self.label = label
        }
    }

    /// The largest file read, so a huge file cannot exhaust memory before decoding refuses it.
    public static let maximumFileBytes = 32 << 20

    /// The directories searched, in order.
    public let directories: [Directory]
    private let decode: Decoder

    /// Creates a source that searches `directories` in order and decodes files with `decode`.
    public init(directories: [Directory], decode: @escaping Decoder) {
        self.directories = directories
        self.decode = decode
    }

    public func image(named name: String) throws(ImageSourceError) -> Tensor {
        let components = try Self.components(of: name)
        var candidates = [components]
        if let last = components.last, !last.contains(".") {
            candidates.insert(Array(components.dropLast()) + [last + ".png"], at: 0)
        }
        for directory in directories {
            for candidate in candidates {
                let url = candidate.reduce(directory.url) { $0.appendingPathComponent($1) }
                guard let bytes = try read(url, inside: directory.url, name: name) else { continue }
                do {
                    return try decode(bytes)
                } catch {
                    throw ImageSourceError(.unreadable, "load_image: '\(name)' cannot be loaded: \(error)")
                }
            }
        }
        throw ImageSourceError(.notFound, notFoundMessage(name))
    }

    /// The path components of a picture name; throws for names that could leave the directories.
    static func components(of name: String) throws(ImageSourceError) -> [String] {
        func refuse(_ why: String) -> ImageSourceError {
            ImageSourceError(.refused, "load_image: the name '\(name)' is refused: \(why)")
        }
        guard !name.isEmpty else { throw ImageSourceError(.refused, "load_image: the picture name is empty") }
        guard name.utf8.count <= 255 else { throw refuse("names are at most 255 bytes long") }
        guard !name.hasPrefix("/"), !name.hasPrefix("~") else {
            throw refuse("give a name inside the data folder (e.g. 'sample.png'), not an absolute path")
        }
        guard !name.contains("\\"), !name.contains("\0"), !name.contains(":") else {
            throw refuse("use '/' between folder names and no '\\', ':' or NUL characters")
        }
        let components = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for component in components {
            guard component != "..", component != "." else {
                throw refuse("'.' and '..' cannot appear in it; pictures are read only from the data folders")
            }
            guard !component.isEmpty else { throw refuse("it has an empty folder name ('//' or a trailing '/')") }
            guard !component.hasPrefix(".") else { throw refuse("hidden files are not read") }
        }
        if let last = components.last, let dot = last.lastIndex(of: ".") {
            let suffix = last[last.index(after: dot)...].lowercased()
            guard suffix == "png" else { throw refuse("load_image reads PNG files only") }
        }
        return components
    }

    /// The bytes of a regular file at `url` that really lies inside `directory`; `nil` when there
    /// is no such file.
    private func read(_ url: URL, inside directory: URL, name: String) throws(ImageSourceError) -> [UInt8]? {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return nil
        }
        let root = directory.resolvingSymlinksInPath().standardizedFileURL.path
        let resolved = url.resolvingSymlinksInPath().standardizedFileURL.path
        guard resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw ImageSourceError(
                .refused, "load_image: the name '\(name)' is refused: it links outside the data folder")
        }
        let size = (try? manager.attributesOfItem(atPath: resolved)[.size] as? Int) ?? 0
        guard size <= Self.maximumFileBytes else {
            throw ImageSourceError(
                .unreadable,
                "load_image: '\(name)' is \(size >> 20) MB; the limit is \(Self.maximumFileBytes >> 20) MB")
        }
        guard let data = manager.contents(atPath: resolved) else {
            throw ImageSourceError(.unreadable, "load_image: '\(name)' cannot be read")
        }
        return [UInt8](data)
    }

    private func notFoundMessage(_ name: String) -> String {
        let places = directories.map(\.label).joined(separator: " or ")
        var message = "load_image: no picture named '\(name)' in \(places.isEmpty ? "any data folder" : places)"
        let available = availableNames()
        if !available.isEmpty {
            let shown = available.prefix(12).joined(separator: ", ")
            message += "; available: \(shown)\(available.count > 12 ? ", …" : "")"
        }
        return message
    }

    /// The PNG files directly inside the directories, sorted, for the not-found message.
    private func availableNames() -> [String] {
        var names = Set<String>()
        for directory in directories {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.url.path)) ?? []
            for entry in entries where entry.lowercased().hasSuffix(".png") && !entry.hasPrefix(".") {
                names.insert(entry)
            }
        }
        return names.sorted()
    }
}
