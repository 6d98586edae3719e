import ArgumentParser
import Foundation
import Jupyter
import Kernel

/// `convbook jupyter-kernel -f CONNECTION_FILE`: Convbook as a Jupyter kernel (what `kernel.json` runs).
struct JupyterKernelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jupyter-kernel",
        abstract: "Run a Jupyter kernel (messaging protocol 5.4 over ZeroMQ) on the given connection file.",
        discussion: """
            Started by Jupyter clients (JupyterLab, VS Code, nbclient, papermill, jupyter console) through the \
            kernelspec that `convbook jupyter install` writes. The cells run in a `convbook kernel` child process, \
            with the server's limits; interrupts come as messages on the control channel.
            """)

    @Option(name: .customShort("f"), help: "The connection file written by the Jupyter client.")
    var connectionFile: String

    @Option(help: "Address-space limit of the child kernel process in bytes (RLIMIT_AS); 0 for none.")
    var memoryLimit: Int = 4 << 30

    @Option(help: "Seed of the session's random generator.")
    var seed: UInt64 = 0

    func run() async throws {
        let connection: ConnectionFile
        do {
            connection = try ConnectionFile(contentsOf: connectionFile)
        } catch {
            FileHandle.standardError.write(Data("convbook jupyter-kernel: \(error)\n".utf8))
            throw ExitCode(2)
        }
        var configuration = KernelConfiguration(executable: "/proc/self/exe")
        configuration.memoryLimitBytes = memoryLimit > 0 ? memoryLimit : nil
        configuration.idleTimeout = nil
        configuration.seed = seed
        // `load_image(name)` reads from the `data/` folder beside the notebook (Jupyter starts kernels there).
        let data = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("data")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: data.path, isDirectory: &isDirectory), isDirectory.boolValue {
            configuration.imageDirectory = data.path
        }
        let options = JupyterKernel.Options(
            configuration: configuration, version: ConvbookCommand.configuration.version)
        let status = await JupyterKernel.serve(connection: connection, options: options)
        Foundation.exit(status)
    }
}
