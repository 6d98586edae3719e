import Foundation
import Notebook

/// Convbook's kernelspec: the folder `jupyter kernelspec list` finds, holding `kernel.json` and the logos.
///
/// ```swift
/// let spec = Kernelspec(executable: "/usr/local/bin/convbook")
/// let folder = try spec.install(in: Kernelspec.Location.user.kernelsDirectory())   // …/kernels/convbook
/// ```
public struct Kernelspec: Sendable {
    /// The name clients use (`--kernel convbook`, the notebooks' `kernelspec.name`).
    public var name: String
    /// The absolute path of the `convbook` binary the kernel runs as.
    public var executable: String
    /// The name shown in launchers and kernel pickers.
    public var displayName: String

    /// The default name, which Convbook's exported notebooks name in their metadata.
    public static let defaultName = "convbook"

    /// A kernelspec running `executable jupyter-kernel -f {connection_file}`.
    public init(name: String = Kernelspec.defaultName, executable: String, displayName: String = "Convbook") {
        self.name = name
        self.executable = executable
        self.displayName = displayName
    }

    /// Where a kernelspec goes; each resolves to a `…/share/jupyter/kernels` folder.
    public enum Location: Sendable, Hashable {
        /// The user's Jupyter data folder: `$JUPYTER_DATA_DIR` or `~/.local/share/jupyter`.
        case user
        /// The Python environment in use: `$VIRTUAL_ENV`, `$CONDA_PREFIX`, else `python3`'s `sys.prefix`.
        case sysPrefix
        /// `DIR/share/jupyter/kernels`.
        case prefix(String)

        /// The `kernels` folder of this location.
        public func kernelsDirectory(environment: [String: String] = ProcessInfo.processInfo.environment)
            throws(KernelspecError) -> URL
        {
            switch self {
            case .user:
                if let data = environment["JUPYTER_DATA_DIR"], !data.isEmpty {
                    return URL(fileURLWithPath: data).appendingPathComponent("kernels")
                }
                let home = environment["HOME"] ?? NSHomeDirectory()
                return URL(fileURLWithPath: home).appendingPathComponent(".local/share/jupyter/kernels")
            case .sysPrefix:
                for variable in ["VIRTUAL_ENV", "CONDA_PREFIX"] {
                    if let prefix = environment[variable], !prefix.isEmpty { return Self.kernels(under: prefix) }
                }
                return Self.kernels(under: try Self.pythonPrefix())
            case .prefix(let directory):
                return Self.kernels(under: directory)
            }
        }

        private static func kernels(under prefix: String) -> URL {
            URL(fileURLWithPath: prefix).appendingPathComponent("share/jupyter/kernels")
        }

        private static func pythonPrefix() throws(KernelspecError) -> String {
            let process = Process()
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", "import sys; print(sys.prefix)"]
            process.standardOutput = output
            do { try process.run() } catch { throw .noPython }
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let prefix = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard process.terminationStatus == 0, !prefix.isEmpty else { throw .noPython }
            return prefix
        }
    }

    /// `kernel.json`: the command line, the display name, `language: python` (the cells are Python-flavoured,
    /// so editors highlight them and papermill writes parameters as Python) and `interrupt_mode: message`.
    public var kernelJSON: String {
        let value: JSONValue = [
            "argv": [.string(executable), "jupyter-kernel", "-f", "{connection_file}"],
            "display_name": .string(displayName),
            "language": "python",
            "interrupt_mode": "message",
            "metadata": ["debugger": false],
        ]
        return JSONWriter.jupyter(value)
    }

    /// Writes the kernelspec folder `kernels/<name>` (replacing an older one); returns its path.
    @discardableResult
    public func install(in kernels: URL) throws(KernelspecError) -> URL {
        let folder = kernels.appendingPathComponent(name, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(kernelJSON.utf8).write(to: folder.appendingPathComponent("kernel.json"), options: .atomic)
            for (file, bytes) in KernelLogo.files {
                try Data(bytes).write(to: folder.appendingPathComponent(file), options: .atomic)
            }
        } catch {
            throw .cannotWrite(folder.path, "\(error.localizedDescription)")
        }
        return folder
    }

    /// Removes the kernelspec folder `kernels/<name>`; returns its path, or `nil` if there was none.
    public static func uninstall(name: String, from kernels: URL) throws(KernelspecError) -> URL? {
        let folder = kernels.appendingPathComponent(name, isDirectory: true)
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("kernel.json").path) else {
            return nil
        }
        do {
            try FileManager.default.removeItem(at: folder)
        } catch {
            throw .cannotWrite(folder.path, "\(error.localizedDescription)")
        }
        return folder
    }
}

/// Why a kernelspec could not be installed or removed.
public enum KernelspecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `--sys-prefix` without a virtual environment and without a `python3` to ask.
    case noPython
    /// The folder could not be written or removed; the second text says why.
    case cannotWrite(String, String)

    /// A sentence for the user.
    public var description: String {
        switch self {
        case .noPython:
            "no Python environment found for --sys-prefix (no $VIRTUAL_ENV or $CONDA_PREFIX, and python3 did not answer)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
