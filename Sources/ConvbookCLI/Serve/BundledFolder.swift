import Foundation

/// The folders `convbook` ships beside its code — the web page and the example notebooks — found the same
/// way wherever the program runs.
///
/// The lookup, in order: the folder given on the command line; `CONVBOOK_HOME/<name>`; `./<name>` when it
/// holds the folder's marker file; the `<name>` folder of the package this executable was built in (found by
/// walking up from `.build/<config>/convbook`); `<prefix>/share/convbook/<name>` for an installed
/// `<prefix>/bin/convbook`. The first that holds the marker wins.
enum BundledFolder: String, CaseIterable {
    /// The static page `convbook serve` serves.
    case web
    /// The example notebooks a new database is filled with.
    case notebooks

    /// A file every copy of the folder has.
    var marker: String {
        switch self {
        case .web: "index.html"
        case .notebooks: "01-cross-correlation.ipynb"
        }
    }

    /// The folder's path, or `nil` when none of the places holds it.
    func locate(
        explicit: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: String = CommandLine.arguments.first ?? "",
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) -> String? {
        if let explicit { return explicit }
        for candidate in candidates(
            environment: environment, executable: executable, workingDirectory: workingDirectory)
        where FileManager.default.fileExists(atPath: candidate.appendingPathComponent(marker).path) {
            return candidate.standardizedFileURL.path
        }
        return nil
    }

    /// Where the folder is looked for, in order.
    func candidates(environment: [String: String], executable: String, workingDirectory: String) -> [URL] {
        var places: [URL] = []
        if let home = environment["CONVBOOK_HOME"], !home.isEmpty {
            places.append(URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(rawValue))
        }
        places.append(URL(fileURLWithPath: workingDirectory, isDirectory: true).appendingPathComponent(rawValue))
        var directory = URL(fileURLWithPath: executable, relativeTo: URL(fileURLWithPath: workingDirectory))
            .resolvingSymlinksInPath().deletingLastPathComponent()
        let binary = directory
        for _ in 0..<6 {
            places.append(directory.appendingPathComponent(rawValue))
            directory.deleteLastPathComponent()
        }
        places.append(binary.deletingLastPathComponent().appendingPathComponent("share/convbook/\(rawValue)"))
        return places
    }
}
