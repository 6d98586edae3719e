import ArgumentParser
import Foundation
import Jupyter

/// `convbook jupyter install|uninstall`: the kernelspec that lets Jupyter clients run Convbook.
struct JupyterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jupyter",
        abstract: "Install or remove the Convbook kernelspec for JupyterLab, VS Code, nbclient and papermill.",
        subcommands: [JupyterInstallCommand.self, JupyterUninstallCommand.self])
}

/// Where to put the kernelspec, as `jupyter kernelspec install` takes it.
struct KernelspecLocationOptions: ParsableArguments {
    @Flag(help: "Install for the current user (the default): $JUPYTER_DATA_DIR or ~/.local/share/jupyter.")
    var user = false

    @Flag(help: "Install into the active Python environment ($VIRTUAL_ENV, $CONDA_PREFIX or python3's sys.prefix).")
    var sysPrefix = false

    @Option(help: "Install under DIR/share/jupyter/kernels.")
    var prefix: String?

    @Option(help: "The kernelspec name (notebooks exported by Convbook name 'convbook').")
    var name: String = Kernelspec.defaultName

    func validate() throws {
        if [user, sysPrefix, prefix != nil].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --user, --sys-prefix and --prefix DIR")
        }
        let valid =
            !name.isEmpty
            && name.unicodeScalars.allSatisfy { scalar in
                switch scalar {
                case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".": true
                default: false
                }
            }
        if !valid { throw ValidationError("--name must be letters, digits, '-', '_' or '.'") }
    }

    var location: Kernelspec.Location {
        if sysPrefix { return .sysPrefix }
        if let prefix { return .prefix(prefix) }
        return .user
    }
}

struct JupyterInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install", abstract: "Write the kernelspec (kernel.json naming this binary, and a logo).")

    @OptionGroup var options: KernelspecLocationOptions

    @Option(help: "The name shown in launchers and kernel pickers.")
    var displayName: String = "Convbook"

    func run() throws {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let spec = Kernelspec(name: options.name, executable: executable, displayName: displayName)
        do {
            let folder = try spec.install(in: try options.location.kernelsDirectory())
            print("Installed kernelspec \(options.name) in \(folder.path)")
        } catch {
            FileHandle.standardError.write(Data("convbook jupyter install: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

struct JupyterUninstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "uninstall", abstract: "Remove the kernelspec.")

    @OptionGroup var options: KernelspecLocationOptions

    func run() throws {
        do {
            if let folder = try Kernelspec.uninstall(name: options.name, from: try options.location.kernelsDirectory())
            {
                print("Removed kernelspec \(options.name) from \(folder.path)")
            } else {
                print("No kernelspec \(options.name) in \(try options.location.kernelsDirectory().path)")
            }
        } catch {
            FileHandle.standardError.write(Data("convbook jupyter uninstall: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
