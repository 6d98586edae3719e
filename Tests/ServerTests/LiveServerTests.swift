import ConvbookTestSupport
import Foundation
import Notebook
import Server
import Store
import Synchronization
import Testing

/// Tests against a real `convbook serve` process over loopback sockets.
@Suite(.serialized) struct LiveServerTests {
    @Test func executionStreamsStatusAndOutputEvents() async throws {
        let server = try LiveServer()
        defer { server.terminate() }
        let events = try await offPool {
            let api = try server.connection()
            let notebook = try api.createNotebook()
            let cell = try api.insertCell(
                notebook: notebook, index: 0, source: "for i in range(3):\n    print('line', i)\n41 + 1", revision: 1)
            let stream = try server.connection()
            try stream.send("GET", "/api/notebooks/\(notebook)/events", headers: LiveServer.headers)
            let head = try stream.readHead()
            #expect(head.status == 200)
            #expect(head.headers["content-type"]?.hasPrefix("text/event-stream") == true)
            _ = try stream.readEvents { kind, _ in kind == "snapshot" }
            let run = try api.api(
                "POST", "/api/notebooks/\(notebook)/run", #"{"mode": "cell", "cellId": "\#(cell.id)"}"#)
            #expect(run.status == 202)
            return try stream.readEvents { kind, data in kind == "status" && data["status"]?.stringValue == "done" }
        }
        let statuses = events.filter { $0.0 == "status" }.compactMap { $0.1["status"]?.stringValue }
        #expect(statuses.first == "queued")
        #expect(statuses.contains("running"))
        #expect(statuses.last == "done")
        let outputs = events.filter { $0.0 == "output" }.compactMap { $0.1["output"] }
        let printed = outputs.filter { $0["type"]?.stringValue == "stream" }.compactMap { $0["text"]?.stringValue }
            .joined()
        #expect(printed == "line 0\nline 1\nline 2\n")
        #expect(outputs.last?["text"]?.stringValue == "42")
    }

    @Test func anInfiniteLoopIsInterruptedQuicklyWhileHealthKeepsAnswering() async throws {
        let server = try LiveServer()
        defer { server.terminate() }
        let (healthTimes, interruptMilliseconds, snapshot) = try await offPool {
            let api = try server.connection()
            let notebook = try api.createNotebook()
            let cell = try api.insertCell(notebook: notebook, index: 0, source: "while True:\n    pass", revision: 1)
            let stream = try server.connection()
            try stream.send("GET", "/api/notebooks/\(notebook)/events", headers: LiveServer.headers)
            _ = try stream.readHead()
            _ = try stream.readEvents { kind, _ in kind == "snapshot" }
            _ = try api.api("POST", "/api/notebooks/\(notebook)/run", #"{"mode": "cell", "cellId": "\#(cell.id)"}"#)
            _ = try stream.readEvents { kind, data in kind == "status" && data["executionCount"] != nil }
            var times: [Double] = []
            for _ in 0..<20 {
                let start = Date()
                let health = try api.api("GET", "/api/health")
                #expect(health.status == 200)
                times.append(Date().timeIntervalSince(start) * 1000)
            }
            // A page that reloads now sees the running cell in its snapshot.
            let second = try server.connection()
            try second.send("GET", "/api/notebooks/\(notebook)/events", headers: LiveServer.headers)
            _ = try second.readHead()
            let snapshot = try second.readEvents { kind, _ in kind == "snapshot" }.last?.1 ?? .null
            let start = Date()
            _ = try api.api("POST", "/api/notebooks/\(notebook)/interrupt")
            _ = try stream.readEvents { kind, data in kind == "status" && data["status"]?.stringValue == "interrupted" }
            return (times, Date().timeIntervalSince(start) * 1000, snapshot)
        }
        print(
            "interrupt → interrupted event: \(Int(interruptMilliseconds)) ms; health p50 while busy: \(healthTimes.sorted()[healthTimes.count / 2]) ms"
        )
        #expect(interruptMilliseconds < 100, "interrupt took \(interruptMilliseconds) ms")
        #expect(healthTimes.sorted()[healthTimes.count / 2] < 50, "health: \(healthTimes)")
        #expect(snapshot["cells"]?[0]?["status"]?.stringValue == "running")
        #expect(snapshot["queue"]?[0] != nil)
    }

    @Test(arguments: [
        ("import torch\nX = torch.zeros(1000000, 1000000)", "RuntimeError"),
        ("def f(n):\n    return f(n + 1)\nf(0)", "RecursionError"),
    ])
    func runawayCellsGetAClearErrorAndTheServerKeepsServing(source: String, expected: String) async throws {
        let server = try LiveServer()
        defer { server.terminate() }
        let pid = server.process.processIdentifier
        let cell = try await offPool {
            let api = try server.connection()
            let notebook = try api.createNotebook()
            let cell = try api.insertCell(notebook: notebook, index: 0, source: source, revision: 1)
            _ = try api.api("POST", "/api/notebooks/\(notebook)/run", #"{"mode": "cell", "cellId": "\#(cell.id)"}"#)
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline {
                let got = try api.api("GET", "/api/notebooks/\(notebook)")
                if let found = got.json["cells"]?[0], ["error", "died"].contains(found["status"]?.stringValue ?? "") {
                    return found
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return JSONValue.null
        }
        let error = cell["outputs"]?.arrayValue?.first { $0["type"]?.stringValue == "error" }
        #expect(error?["name"]?.stringValue == expected, "\(cell)")
        #expect(server.process.isRunning)
        #expect(server.process.processIdentifier == pid)
        let health = try await offPool { try server.connection().api("GET", "/api/health") }
        #expect(health.status == 200)
    }

    @Test func aKernelThatDiesIsReportedAndTheNextRunGetsAFreshOne() async throws {
        let server = try LiveServer()
        defer { server.terminate() }
        let serverPID = server.process.processIdentifier
        let (died, after) = try await offPool {
            let api = try server.connection()
            let notebook = try api.createNotebook()
            let loop = try api.insertCell(
                notebook: notebook, index: 0, source: "x = 1\nwhile True:\n    pass", revision: 1)
            let next = try api.insertCell(notebook: notebook, index: 1, source: "x", revision: loop.revision)
            let stream = try server.connection()
            try stream.send("GET", "/api/notebooks/\(notebook)/events", headers: LiveServer.headers)
            _ = try stream.readHead()
            _ = try stream.readEvents { kind, _ in kind == "snapshot" }
            _ = try api.api("POST", "/api/notebooks/\(notebook)/run", #"{"mode": "cell", "cellId": "\#(loop.id)"}"#)
            _ = try stream.readEvents { kind, data in kind == "status" && data["executionCount"] != nil }
            // The kernel is the server's child process: kill it as a crash would.
            for child in LiveServer.children(of: serverPID) { kill(child, SIGKILL) }
            let died = try stream.readEvents { kind, data in kind == "status" && data["status"]?.stringValue == "died" }
            _ = try api.api("POST", "/api/notebooks/\(notebook)/run", #"{"mode": "cell", "cellId": "\#(next.id)"}"#)
            let after = try stream.readEvents { kind, data in
                kind == "status" && ["done", "error"].contains(data["status"]?.stringValue ?? "")
            }
            return (died, after)
        }
        let message = died.compactMap { $0.1["output"]?["message"]?.stringValue }.first
        #expect(message == "kernel died — restarted")
        // A fresh session: the variable the dead kernel held is gone.
        #expect(after.last?.1["status"]?.stringValue == "error")
        #expect(after.compactMap { $0.1["output"]?["name"]?.stringValue }.first == "NameError")
        #expect(server.process.isRunning)
    }

    @Test func sigtermInterruptsRunningCellsAndKeepsTheirOutput() async throws {
        let server = try LiveServer()
        let (notebook, cell) = try await offPool {
            let api = try server.connection()
            let notebook = try api.createNotebook()
            let cell = try api.insertCell(
                notebook: notebook, index: 0, source: "print('before')\nwhile True:\n    pass", revision: 1)
            let stream = try server.connection()
            try stream.send("GET", "/api/notebooks/\(notebook)/events", headers: LiveServer.headers)
            _ = try stream.readHead()
            _ = try api.api("POST", "/api/notebooks/\(notebook)/run", #"{"mode": "cell", "cellId": "\#(cell.id)"}"#)
            _ = try stream.readEvents { kind, _ in kind == "output" }
            return (notebook, cell.id)
        }
        let start = Date()
        server.terminate()
        let seconds = Date().timeIntervalSince(start)
        print("graceful shutdown with a running cell took \(Int(seconds * 1000)) ms")
        #expect(seconds < 5)
        // A normal shutdown logs no error (cancelling the HTTP server used to log one).
        #expect(!server.log.contains(" error "), "\(server.log)")
        #expect(server.log.contains("convbook serve: stopped"))
        let store = try NotebookStore(path: server.databasePath)
        let cellID = try #require(CellID(cell))
        let document = try await store.notebook(id: notebook).document
        let saved = try #require(document.cell(withID: cellID))
        #expect(saved.outputs.first == .stream(.stdout, text: "before\n"))
        #expect(saved.outputs.contains { if case .error(.keyboardInterrupt, _, _, _) = $0 { true } else { false } })
        #expect(saved.timing?.end != nil)
    }

    @Test func outputsOfARunningCellAreSavedWhileItRuns() async throws {
        let server = try LiveServer()
        defer { server.terminate() }
        let cell = try await offPool {
            let api = try server.connection()
            let notebook = try api.createNotebook()
            let cell = try api.insertCell(
                notebook: notebook, index: 0, source: "print('so far')\nwhile True:\n    pass", revision: 1)
            let stream = try server.connection()
            try stream.send("GET", "/api/notebooks/\(notebook)/events", headers: LiveServer.headers)
            _ = try stream.readHead()
            _ = try api.api("POST", "/api/notebooks/\(notebook)/run", #"{"mode": "cell", "cellId": "\#(cell.id)"}"#)
            _ = try stream.readEvents { kind, _ in kind == "output" }
            Thread.sleep(forTimeInterval: 0.3)
            let got = try api.api("GET", "/api/notebooks/\(notebook)").json["cells"]?[0] ?? .null
            _ = try api.api("POST", "/api/notebooks/\(notebook)/interrupt")
            return got
        }
        #expect(cell["status"]?.stringValue == "running")
        #expect(cell["outputs"]?[0]?["text"]?.stringValue == "so far\n")
    }

    /// kill -9 while 4 clients save, 30 times over: every acknowledged save is there afterwards.
    @Test func acknowledgedSavesSurviveKillNine() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convbook-kill-\(UUID())")
        let clients = 4
        let cycles = 30
        // Each client has its own notebook; every save appends a cell with a unique source.
        let first = try LiveServer(directory: directory)
        let notebooks = try await offPool {
            let api = try first.connection()
            return try (0..<clients).map { _ in try api.createNotebook() }
        }
        first.kill9()
        let acknowledged = Acknowledged()
        try await offPool {
            try Self.killWhileSaving(
                directory: directory, notebooks: notebooks, cycles: cycles, acknowledged: acknowledged)
        }
        let store = try NotebookStore(path: first.databasePath)
        #expect(try await store.integrityCheck() == ["ok"])
        let saves = acknowledged.all
        print("kill -9 test: \(saves.count) acknowledged saves over \(cycles) kills, integrity_check ok")
        #expect(saves.count >= cycles * clients, "only \(saves.count) saves were acknowledged")
        for notebook in notebooks {
            let stored = try await store.notebook(id: notebook).document
            let cells = Dictionary(stored.cells.map { ($0.id.rawValue, $0.source) }, uniquingKeysWith: { a, _ in a })
            for save in saves where save.notebook == notebook {
                #expect(cells[save.cell] == save.source, "acknowledged save \(save.source) is missing")
            }
        }
    }

    /// `cycles` times: start the server, let 4 clients append cells until it is killed with SIGKILL.
    private static func killWhileSaving(
        directory: URL, notebooks: [String], cycles: Int, acknowledged: Acknowledged
    ) throws {
        let clients = notebooks.count
        for cycle in 0..<cycles {
            let server = try LiveServer(directory: directory)
            let group = DispatchGroup()
            for client in 0..<clients {
                group.enter()
                Thread.detachNewThread {
                    defer { group.leave() }
                    guard let api = try? server.connection() else { return }
                    var save = 0
                    while true {
                        guard let current = try? api.api("GET", "/api/notebooks/\(notebooks[client])"),
                            let revision = current.json["revision"]?.intValue,
                            let count = current.json["cells"]?.arrayValue?.count
                        else { return }
                        let source = "saved = \(client * 1_000_000 + cycle * 1000 + save)"
                        guard
                            let inserted = try? api.insertCell(
                                notebook: notebooks[client], index: count, source: source, revision: revision)
                        else { return }
                        acknowledged.add(notebook: notebooks[client], cell: inserted.id, source: source)
                        save += 1
                    }
                }
            }
            // Kill at a random moment after every client could save at least once (slow machines vary).
            let before = acknowledged.all.count
            let patience = Date().addingTimeInterval(5)
            while acknowledged.all.count < before + clients, Date() < patience {
                Thread.sleep(forTimeInterval: 0.01)
            }
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.2))
            server.kill9()
            group.wait()
        }
    }
}

/// The saves the server acknowledged, from several threads.
private final class Acknowledged: Sendable {
    struct Save: Sendable {
        var notebook: String
        var cell: String
        var source: String
    }

    private let saves = Mutex<[Save]>([])

    func add(notebook: String, cell: String, source: String) {
        saves.withLock { $0.append(Save(notebook: notebook, cell: cell, source: source)) }
    }

    var all: [Save] { saves.withLock { $0 } }
}
