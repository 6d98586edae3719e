import ArgumentParser
import Foundation
import LoopbackHTTP
import Server
import Store
import Synchronization

/// `convbook bench server`: the server suite of issue 6 over real loopback sockets.
///
/// Starts a server in this process (temporary database, the executor `convbook serve` uses) and drives
/// it with `LoopbackHTTPConnection`, a keep-alive HTTP/1.1 client:
/// - execute round trip: `POST …/run` of a toy cell, then wait for its `done` event on an open event
///   stream (p50 and p99 over `--samples` runs);
/// - `GET` of a 50-cell notebook (cells with outputs) from `--connections` connections, one thread
///   each, for `--seconds`: requests per second.
struct BenchServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server", abstract: "Benchmark the HTTP server: execute round trip and notebook GETs.")

    @Option(help: "Execute round trips timed (after 20 warm-up runs).")
    var samples: Int = 500

    @Option(help: "Seconds of GET load.")
    var seconds: Double = 5

    @Option(help: "Concurrent keep-alive connections for the GET load.")
    var connections: Int = 2

    func validate() throws {
        guard samples > 0, seconds > 0, connections > 0 else {
            throw ValidationError("--samples, --seconds and --connections must be positive")
        }
    }

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convbook-bench-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try NotebookStore(path: directory.appendingPathComponent("bench.db").path)
        var configuration = ServerConfiguration(token: ServerConfiguration.freshToken())
        configuration.port = 0
        configuration.webDirectory = directory.path
        let services = ServerServices(store: store, executor: ServeExecutor.make(), configuration: configuration)
        let boundPort = Mutex(0)
        let app = ConvbookServer.application(services: services) { port in boundPort.withLock { $0 = port } }
        let runner = ServerRunner(application: app, services: services)
        let server = Task { try await runner.run() }
        defer { server.cancel() }
        var port = 0
        for _ in 0..<500 where port == 0 {
            try await Task.sleep(for: .milliseconds(10))
            port = boundPort.withLock { $0 }
        }
        guard port > 0 else { throw ValidationError("the server did not start") }
        let load = ServerLoad(port: port, token: configuration.token ?? "")
        let samples = self.samples
        let seconds = self.seconds
        let connections = self.connections
        let lines = try await ServerLoad.onThread {
            var lines: [String] = []
            lines.append(try load.executeRoundTrips(samples: samples))
            lines.append(try load.notebookGets(seconds: seconds, connections: connections))
            return lines
        }
        for line in lines { print(line) }
        await runner.stop()
        try await server.value
    }
}
