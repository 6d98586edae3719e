import Foundation
import LoopbackHTTP
import Notebook
import Server
import Synchronization

/// The load the server benchmark applies, over blocking sockets on their own threads.
struct ServerLoad: Sendable {
    let port: Int
    let token: String

    var headers: [String: String] { ["Authorization": "Bearer \(token)", "Content-Type": "application/json"] }

    /// Runs blocking work on a new thread, off the cooperative pool.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }

    /// p50 and p99 of POST run + wait for `done` on the event stream, for a toy cell.
    func executeRoundTrips(samples: Int) throws -> String {
        let api = try LoopbackHTTPConnection(port: port)
        let notebook = try createNotebook(api, title: "round trip")
        let cell = try insertCell(api, notebook: notebook, index: 0, source: "1 + 1", revision: 1).id
        let events = try LoopbackHTTPConnection(port: port)
        try events.send("GET", "/api/notebooks/\(notebook)/events", headers: headers)
        guard try events.readHead().status == 200 else {
            throw LoopbackHTTPConnection.Failure(description: "no events")
        }
        let body = Array(#"{"mode": "cell", "cellId": "\#(cell)"}"#.utf8)
        var times: [Double] = []
        for index in 0..<(samples + 20) {
            let start = ContinuousClock.now
            let response = try api.request("POST", "/api/notebooks/\(notebook)/run", headers: headers, body: body)
            guard response.status == 202 else {
                throw LoopbackHTTPConnection.Failure(description: "run answered \(response.status)")
            }
            while true {
                let line = try events.readLine()
                if line.hasPrefix("data: "), line.contains(#""status": "done""#) || line.contains(#""status": "error""#)
                {
                    break
                }
            }
            let elapsed = ContinuousClock.now - start
            if index >= 20 {
                times.append(Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) / 1e15)
            }
        }
        times.sort()
        var report = BenchReport(shape: "execute round trip (POST run + done event)")
        report.add("samples", times.count)
        report.add("p50_ms", percentile(times, 0.50))
        report.add("p99_ms", percentile(times, 0.99))
        return report.json
    }

    /// Requests per second of GET of a 50-cell notebook whose cells have outputs.
    func notebookGets(seconds: Double, connections: Int) throws -> String {
        let api = try LoopbackHTTPConnection(port: port)
        let notebook = try createNotebook(api, title: "fifty cells")
        var revision = 1
        var last = ""
        for index in 0..<50 {
            let source = "import torch\nx\(index) = torch.arange(6.0).reshape(2, 3) * \(index)\nx\(index)"
            let inserted = try insertCell(api, notebook: notebook, index: index, source: source, revision: revision)
            revision = inserted.revision
            last = inserted.id
        }
        _ = try api.request(
            "POST", "/api/notebooks/\(notebook)/run", headers: headers, body: Array(#"{"mode": "all"}"#.utf8))
        while true {
            let response = try api.request("GET", "/api/notebooks/\(notebook)", headers: headers)
            if response.text.contains(#""id": "\#(last)""#), !response.text.contains(#""status": "queued""#),
                !response.text.contains(#""status": "running""#)
            {
                break
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let size = try api.request("GET", "/api/notebooks/\(notebook)", headers: headers).body.count
        let counts = Counts(connections)
        let deadline = Date().addingTimeInterval(seconds)
        let group = DispatchGroup()
        for connection in 0..<connections {
            group.enter()
            Thread.detachNewThread { [self] in
                defer { group.leave() }
                guard let client = try? LoopbackHTTPConnection(port: port) else { return }
                var done = 0
                while Date() < deadline {
                    guard let response = try? client.request("GET", "/api/notebooks/\(notebook)", headers: headers),
                        response.status == 200
                    else { break }
                    done += 1
                }
                counts.set(connection, done)
            }
        }
        group.wait()
        var report = BenchReport(shape: "GET 50-cell notebook")
        report.add("connections", connections)
        report.add("response_bytes", size)
        report.add("requests_per_second", Double(counts.total) / seconds, digits: 0)
        return report.json
    }

    private func createNotebook(_ api: LoopbackHTTPConnection, title: String) throws -> String {
        let response = try api.request(
            "POST", "/api/notebooks", headers: headers, body: Array(#"{"title": "\#(title)"}"#.utf8))
        guard let id = (try? JSONParser.parse(response.body))?.objectValue?["id"]?.stringValue else {
            throw LoopbackHTTPConnection.Failure(description: "create answered \(response.status)")
        }
        return id
    }

    private func insertCell(
        _ api: LoopbackHTTPConnection, notebook: String, index: Int, source: String, revision: Int
    ) throws -> (id: String, revision: Int) {
        let body = JSONWriter.compact(
            .object(
                JSONObject([
                    .init(key: "index", value: .number(Double(index))), .init(key: "type", value: "code"),
                    .init(key: "source", value: .string(source)),
                    .init(key: "revision", value: .number(Double(revision))),
                ])))
        let response = try api.request(
            "POST", "/api/notebooks/\(notebook)/cells", headers: headers, body: Array(body.utf8))
        let json = (try? JSONParser.parse(response.body))?.objectValue
        guard let id = json?["cell"]?.objectValue?["id"]?.stringValue, let new = json?["revision"]?.intValue else {
            throw LoopbackHTTPConnection.Failure(description: "insert answered \(response.status)")
        }
        return (id, new)
    }

    private func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
    }
}

/// Per-connection request counts, written by the load threads.
private final class Counts: Sendable {
    private let values: Mutex<[Int]>

    init(_ count: Int) { values = Mutex(Array(repeating: 0, count: count)) }

    func set(_ index: Int, _ value: Int) { values.withLock { $0[index] = value } }

    var total: Int { values.withLock { $0.reduce(0, +) } }
}
