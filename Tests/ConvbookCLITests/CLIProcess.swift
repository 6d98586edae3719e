import ConvbookTestSupport
import Foundation
import Synchronization

/// Runs the `convbook` binary that `swift build --build-tests` puts beside the test bundle.
enum CLIProcess {
    /// What a finished run printed and its exit status.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Starts `convbook arguments…` in `directory` with its output going to pipes.
    static func start(_ arguments: [String], in directory: URL = PackagePaths.root) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = PackagePaths.convbook
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, stdout, stderr)
    }

    /// Runs `convbook arguments…` to the end, waiting on a thread of its own.
    static func run(_ arguments: [String], in directory: URL = PackagePaths.root) async throws -> Result {
        try await offPool {
            let (process, stdout, stderr) = try start(arguments, in: directory)
            return finish(process, stdout, stderr)
        }
    }

    /// Reads both pipes to their ends (concurrently, so neither fills up) and waits for the exit.
    static func finish(_ process: Process, _ stdout: Pipe, _ stderr: Pipe) -> Result {
        let errorText = ReadBuffer()
        let handle = stderr.fileHandleForReading
        let reader = Thread { errorText.data = handle.readDataToEndOfFile() }
        reader.start()
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorText.finished { usleep(1000) }
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorText.data ?? Data(), as: UTF8.self))
    }

    /// A fresh empty temporary directory.
    static func temporaryDirectory() throws -> URL {
        try PackagePaths.temporaryDirectory("convbook-cli-tests")
    }
}

/// Data read on another thread; `nil` until the reader is done.
private final class ReadBuffer: Sendable {
    private let storage = Mutex<Data?>(nil)

    var data: Data? {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }

    var finished: Bool { data != nil }
}
