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

    /// The package root, found from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The built binary: in the same directory as the test bundle (`.build/debug/`).
    static var binary: URL {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            bundleDirectory.appendingPathComponent("convbook"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("convbook"),
            packageRoot.appendingPathComponent(".build/debug/convbook"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    /// Starts `convbook arguments…` in `directory` with its output going to pipes.
    static func start(_ arguments: [String], in directory: URL = packageRoot) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = binary
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
    static func run(_ arguments: [String], in directory: URL = packageRoot) async throws -> Result {
        try await offPool {
            let (process, stdout, stderr) = try start(arguments, in: directory)
            return finish(process, stdout, stderr)
        }
    }

    /// Runs blocking work (waiting for a process) on a new thread, so that tests waiting for subprocesses do not
    /// occupy the few threads of Swift's cooperative pool that other tests' tasks need to resume.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Swift.Result { try body() }) }
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
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("convbook-cli-tests-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
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
