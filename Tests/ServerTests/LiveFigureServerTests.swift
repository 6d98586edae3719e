import ConvbookTestSupport
import Foundation
import LoopbackHTTP
import Notebook
import Server
import Testing

/// Live figures through a real `convbook serve`: redraws reach the page as `update` events at a bounded
/// rate, a page that connects mid-run gets the latest drawing in its snapshot and then the updates, and
/// the notebook keeps the last drawing once.
@Suite(.serialized, .timeLimit(.minutes(3))) struct LiveFigureServerTests {
    /// Opens the notebook's event stream and reads its snapshot.
    private static func events(_ server: LiveServer, _ notebook: String) throws -> (LoopbackHTTPConnection, JSONValue) {
        let stream = try server.connection()
        try stream.send("GET", "/api/notebooks/\(notebook)/events", headers: LiveServer.headers)
        _ = try stream.readHead()
        let snapshot = try stream.readEvents { kind, _ in kind == "snapshot" }.last?.1 ?? .null
        return (stream, snapshot)
    }

    @Test func tenThousandRedrawsReachThePageAsABoundedNumberOfEvents() async throws {
        let server = try LiveServer()
        defer { server.terminate() }
        let code = """
            h = display(plot([0.0, 1.0], display=False), display_id='loss')
            for i in range(10000):
                h.update(plot([0.0, float(i)], display=False))
            print('done')
            """
        let (events, elapsed, stored, picture) = try await offPool {
            let api = try server.connection()
            let notebook = try api.createNotebook()
            let cell = try api.insertCell(notebook: notebook, index: 0, source: code, revision: 1)
            let (stream, _) = try Self.events(server, notebook)
            let start = Date()
            _ = try api.api("POST", "/api/notebooks/\(notebook)/run", #"{"mode": "cell", "cellId": "\#(cell.id)"}"#)
            let events = try stream.readEvents { kind, data in
                kind == "status" && ["done", "error"].contains(data["status"]?.stringValue ?? "")
            }
            let elapsed = Date().timeIntervalSince(start)
            let stored = try api.api("GET", "/api/notebooks/\(notebook)").json["cells"]?[0]?["outputs"] ?? .null
            let url = stored[0]?["url"]?.stringValue ?? ""
            let picture = try api.request("GET", url, headers: LiveServer.headers)
            return (events, elapsed, stored, picture.status)
        }
        let updates = events.filter { $0.0 == "update" }
        print("server: 10,000 redraws in \(Int(elapsed * 1000)) ms → \(events.count) events, \(updates.count) updates")
        #expect(events.last?.1["status"]?.stringValue == "done")
        #expect(updates.count <= Int(elapsed * 10) + 2, "\(updates.count) updates in \(elapsed) s")
        #expect(events.count < 60, "\(events.count) events")
        #expect(updates.allSatisfy { $0.1["displayId"]?.stringValue == "loss" })
        #expect(updates.last?.1["output"]?["type"]?.stringValue == "image")
        // The notebook keeps one picture, the last drawing, under its display id; it can be loaded.
        let outputs = stored.arrayValue ?? []
        #expect(outputs.count == 2, "\(outputs)")
        #expect(outputs.first?["type"]?.stringValue == "image")
        #expect(outputs.first?["displayId"]?.stringValue == "loss")
        #expect(outputs.first?["sha256"] == updates.last?.1["output"]?["sha256"])
        #expect(picture == 200)
    }

    @Test func aPageOpenedMidRunSeesTheLatestDrawingAndKeepsReceivingRedraws() async throws {
        let server = try LiveServer()
        defer { server.terminate() }
        let code = """
            import time
            h = display(plot([0.0], display=False), display_id='curve')
            points = [0.0]
            for step in range(1, 61):
                time.sleep(0.025)
                points.append(float(step))
                print('step', step)
                h.update(plot(points, display=False))
            """
        let (snapshot, later, pictureStatus, final) = try await offPool {
            let api = try server.connection()
            let notebook = try api.createNotebook()
            let cell = try api.insertCell(notebook: notebook, index: 0, source: code, revision: 1)
            let (first, _) = try Self.events(server, notebook)
            _ = try api.api("POST", "/api/notebooks/\(notebook)/run", #"{"mode": "cell", "cellId": "\#(cell.id)"}"#)
            // Wait for a few redraws, then "reload": a second stream's snapshot.
            var seen = 0
            _ = try first.readEvents { kind, _ in
                if kind == "update" { seen += 1 }
                return seen >= 3
            }
            let (second, snapshot) = try Self.events(server, notebook)
            let url = snapshot["cells"]?[0]?["outputs"]?[0]?["url"]?.stringValue ?? ""
            let picture = try api.request("GET", url, headers: LiveServer.headers)
            let later = try second.readEvents { kind, data in kind == "status" && data["status"]?.stringValue == "done"
            }
            let final = try api.api("GET", "/api/notebooks/\(notebook)").json["cells"]?[0]?["outputs"] ?? .null
            return (snapshot, later, picture.status, final)
        }
        let running = snapshot["cells"]?[0]
        #expect(running?["status"]?.stringValue == "running")
        let outputs = running?["outputs"]?.arrayValue ?? []
        #expect(outputs.first?["type"]?.stringValue == "image")
        #expect(outputs.first?["displayId"]?.stringValue == "curve")
        #expect(outputs.filter { $0["type"]?.stringValue == "image" }.count == 1)
        #expect(pictureStatus == 200, "the snapshot's picture loads (from memory if not saved yet)")
        let updates = later.filter { $0.0 == "update" }
        #expect(updates.count >= 2, "the reloaded page keeps receiving redraws")
        #expect(updates.allSatisfy { $0.1["displayId"]?.stringValue == "curve" })
        #expect(final[0]?["sha256"] == updates.last?.1["output"]?["sha256"])
        #expect(final.arrayValue?.count == 2)
        #expect(final[1]?["text"]?.stringValue?.hasSuffix("step 60\n") == true)
    }

    @Test func clearOutputIsAnEventAndTheStoredOutputsAreCleared() async throws {
        let server = try LiveServer()
        defer { server.terminate() }
        let code = "from IPython.display import clear_output\nprint('a')\nclear_output(wait=True)\nprint('b')"
        let (events, final) = try await offPool {
            let api = try server.connection()
            let notebook = try api.createNotebook()
            let cell = try api.insertCell(notebook: notebook, index: 0, source: code, revision: 1)
            let (stream, _) = try Self.events(server, notebook)
            _ = try api.api("POST", "/api/notebooks/\(notebook)/run", #"{"mode": "cell", "cellId": "\#(cell.id)"}"#)
            let events = try stream.readEvents { kind, data in kind == "status" && data["status"]?.stringValue == "done"
            }
            let final = try api.api("GET", "/api/notebooks/\(notebook)").json["cells"]?[0]?["outputs"] ?? .null
            return (events, final)
        }
        let clears = events.filter { $0.0 == "clear" }
        #expect(clears.count == 1)
        #expect(clears.first?.1["wait"] == JSONValue.bool(true))
        #expect(final.arrayValue?.count == 1)
        #expect(final[0]?["text"]?.stringValue == "b\n")
    }
}
