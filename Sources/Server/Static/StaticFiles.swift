import Foundation

/// Files served from one folder, with path traversal impossible.
///
/// A request path is split into components; empty, `.`, `..`, hidden and backslash- or NUL-bearing
/// components are refused outright. The joined path is then canonicalised (`realpath`, which resolves
/// every symlink) and must lie under the canonical root followed by a separator, so a symlink pointing
/// out of the folder is refused too. Only regular files are served: no directory listings.
struct StaticFiles: Sendable {
    /// The folder's canonical path, or `nil` if it does not exist.
    let root: String?

    /// Serves files under `directory`.
    init(directory: String) {
        root = Self.canonical(directory)
    }

    /// The canonical path of a servable file for the request path components, or `nil`.
    func resolve(_ components: [Substring]) -> String? {
        guard let root, !components.isEmpty else { return nil }
        for component in components {
            if component.isEmpty || component == "." || component == ".." || component.hasPrefix(".")
                || component.contains("\\") || component.contains("\0")
            {
                return nil
            }
        }
        let joined = root + "/" + components.joined(separator: "/")
        guard let resolved = Self.canonical(joined), resolved.hasPrefix(root + "/") else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue
        else { return nil }
        return resolved
    }

    /// The bytes of a resolved file (static files are small; they are read whole).
    func contents(of path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    /// `realpath(3)`: absolute, symlinks resolved; `nil` if the path does not exist.
    static func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The content type for a file name's extension.
    /// The media type each file extension is served as; anything else is `application/octet-stream`.
    static let contentTypes: [(extensions: [String], type: String)] = [
        (["html", "htm"], "text/html; charset=utf-8"), (["js", "mjs"], "text/javascript; charset=utf-8"),
        (["css"], "text/css; charset=utf-8"), (["json", "map"], "application/json; charset=utf-8"),
        (["svg"], "image/svg+xml"), (["png"], "image/png"), (["ico"], "image/x-icon"), (["woff2"], "font/woff2"),
        (["txt"], "text/plain; charset=utf-8"),
    ]

    static func contentType(of path: String) -> String {
        let fileExtension = (path as NSString).pathExtension.lowercased()
        return contentTypes.first { $0.extensions.contains(fileExtension) }?.type ?? "application/octet-stream"
    }
}
