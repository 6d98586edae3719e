import Foundation

/// Finds the web page's folder.
enum WebDirectory {
    /// `explicit` if given; else `./web` when it holds `index.html`; else the `web` folder of the package
    /// this executable was built in (found by walking up from `.build/<config>/convbook`); else `web`.
    static func locate(explicit: String?) -> String {
        if let explicit { return explicit }
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: "web/index.html") { return "web" }
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent("web")
            if fileManager.fileExists(atPath: candidate.appendingPathComponent("index.html").path) {
                return candidate.path
            }
            directory.deleteLastPathComponent()
        }
        return "web"
    }
}
