import ConvbookTestSupport
import Foundation
import LoopbackHTTP
import Notebook
import Server
import Testing

/// A real `convbook serve` process on a free loopback port with a temporary database, for tests over
/// sockets (the binary that `swift build --build-tests` puts beside the test bundle).
final class LiveServer: @unchecked Sendable {
    // `@unchecked Sendable`: fields are set once in `init`; the process is only signalled after.
    static let token = "feedfacefeedfacefeedfacefeedface"

    let process: Process
    let port: Int
    let databasePath: String
    /// Where the server's standard error (its log) goes.
    let logPath: String
    let directory: URL

    /// Starts a server on a database in `directory` (a fresh temporary one by default).
    init(directory: URL? = nil, extraArguments: [String] = []) throws {
        let directory =
            directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("convbook-live-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        self.directory = directory
        databasePath = directory.appendingPathComponent("live.db").path
        let process = Process()
        process.executableURL = PackagePaths.convbook
        process.arguments =
            [
                "serve", "--port", "0", "--db", databasePath, "--notebooks",
                directory.appendingPathComponent("none").path,
                "--token", Self.token,
            ] + extraArguments
        process.currentDirectoryURL = directory
        let stdout = Pipe()
        process.standardOutput = stdout
        let log = directory.appendingPathComponent("serve-\(UUID()).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        logPath = log.path
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
        var text = ""
        let handle = stdout.fileHandleForReading
        while !text.contains("\n") {
            let data = handle.availableData
            if data.isEmpty { break }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
            let port = Int(text[range].split(separator: ":")[1])
        else {
            process.terminate()
            throw LoopbackHTTPConnection.Failure(description: "the server did not print its URL: \(text)")
        }
        self.port = port
    }

    /// What the server has logged so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Sends SIGKILL and waits for the process to end.
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Sends SIGTERM and waits for the process to end.
    func terminate() {
        process.terminate()
        process.waitUntilExit()
    }

    /// The child processes of `pid` (its kernels), from `/proc`.
    static func children(of pid: Int32) -> [Int32] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { task -> [Int32] in
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? ""
            return text.split(separator: " ").compactMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    /// A new keep-alive connection.
    func connection() throws -> LoopbackHTTPConnection { try LoopbackHTTPConnection(port: port) }

    static var headers: [String: String] { ["Authorization": "Bearer \(token)", "Content-Type": "application/json"] }
}

extension LoopbackHTTPConnection {
    /// A request with the live server's token; the response body parsed as JSON (or null).
    func api(_ method: String, _ path: String, _ body: String = "") throws -> (status: Int, json: JSONValue) {
        let response = try request(method, path, headers: LiveServer.headers, body: Array(body.utf8))
        return (response.status, (try? JSONParser.parse(response.body)) ?? .null)
    }

    /// Creates a notebook and returns its id.
    func createNotebook() throws -> String {
        let created = try api("POST", "/api/notebooks", #"{"title": "live"}"#)
        guard let id = created.json["id"]?.stringValue else { throw Failure(description: "create: \(created.status)") }
        return id
    }

    /// Appends a code cell; returns its id and the new revision.
    func insertCell(notebook: String, index: Int, source: String, revision: Int) throws -> (id: String, revision: Int) {
        let body = JSONWriter.compact(
            .object(
                JSONObject([
                    .init(key: "index", value: .number(Double(index))), .init(key: "type", value: "code"),
                    .init(key: "source", value: .string(source)),
                    .init(key: "revision", value: .number(Double(revision))),
                ])))
        let inserted = try api("POST", "/api/notebooks/\(notebook)/cells", body)
        guard let id = inserted.json["cell"]?["id"]?.stringValue, let new = inserted.json["revision"]?.intValue else {
            throw Failure(description: "insert: \(inserted.status)")
        }
        return (id, new)
    }

    /// Reads server-sent events until `stop` returns true for one; returns every (kind, data) read.
    func readEvents(until stop: (String, JSONValue) -> Bool) throws -> [(String, JSONValue)] {
        var events: [(String, JSONValue)] = []
        var kind = ""
        while true {
            let line = try readLine()
            if line.hasPrefix("event: ") {
                kind = String(line.dropFirst(7))
            } else if line.hasPrefix("data: ") {
                let data = (try? JSONParser.parse(Array(line.dropFirst(6).utf8))) ?? .null
                events.append((kind, data))
                if stop(kind, data) { return events }
            }
        }
    }
}
