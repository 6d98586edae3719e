import Foundation
import Notebook
import Testing

@testable import Store

#if os(Linux)
    import Glibc

    /// A writer process killed with SIGKILL mid-edit: every edit it was told had committed must be in the
    /// file afterwards, and the file must pass SQLite's integrity check.
    ///
    /// The writer is this test binary itself, started again to run only `writerUntilKilled`, which is
    /// enabled by an environment variable and otherwise skipped.
    @Suite("A killed writer loses no acknowledged edit")
    struct KilledWriterTests {
        static let databaseVariable = "CONVBOOK_STORE_KILL_DB"
        static let notebookVariable = "CONVBOOK_STORE_KILL_NOTEBOOK"

        @Test(
            "child role: append cells and save outputs until killed, printing each acknowledged edit",
            .enabled(if: ProcessInfo.processInfo.environment[databaseVariable] != nil))
        func writerUntilKilled() async throws {
            let environment = ProcessInfo.processInfo.environment
            let store = try NotebookStore(path: environment[Self.databaseVariable] ?? "")
            let id = environment[Self.notebookVariable] ?? ""
            var summary = try await store.summary(id: id)
            var revision = summary.revision
            for step in 0..<100_000 {
                let cell = CellID("p\(ProcessInfo.processInfo.processIdentifier)-\(step)")!
                revision = try await store.insertCell(
                    notebook: id, at: summary.cellCount, cell: Cell(id: cell, kind: .code, source: "\(step)"),
                    expectedRevision: revision)
                summary.cellCount += 1
                let picture = StoreTestSupport.picture(UInt8(step % 251), size: 2000)
                try await store.saveOutputs(
                    notebook: id, cell: cell, outputs: [.displayData(data: MimeBundle(text: "x", png: picture))],
                    executionCount: step, timing: nil)
                // Unbuffered, so a line written is in the pipe even if the process dies right after.
                FileHandle.standardOutput.write(Data("ACK \(revision) \(cell) \(picture.sha256)\n".utf8))
            }
        }

        @Test("kill -9 during saves, three times: acknowledged edits survive and the file is sound")
        func killedWriter() async throws {
            let (store, path) = try StoreTestSupport.fileStore()
            let id = try await store.createNotebook(title: "Crash").document.id
            let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            var acknowledged: [(revision: Int, cell: CellID, sha256: String)] = []
            for cycle in 0..<3 {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = ["--testing-library", "swift-testing", "--filter", "writerUntilKilled"]
                var environment = ProcessInfo.processInfo.environment
                environment[Self.databaseVariable] = path
                environment[Self.notebookVariable] = id
                process.environment = environment
                let output = Pipe()
                process.standardOutput = output
                process.standardError = FileHandle.nullDevice
                try process.run()
                var text = ""
                var seen = 0
                // Kill after a different number of edits each cycle, mid-stream.
                while seen < 20 + 7 * cycle {
                    let data = output.fileHandleForReading.availableData
                    if data.isEmpty { break }
                    text += String(decoding: data, as: UTF8.self)
                    seen = text.split(separator: "\n").filter { $0.hasPrefix("ACK ") }.count
                }
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                text += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                let lines = text.split(separator: "\n").filter { $0.hasPrefix("ACK ") }
                #expect(lines.count >= 20 + 7 * cycle, "the writer stopped early: \(text.suffix(500))")
                for line in lines {
                    let fields = line.split(separator: " ")
                    guard fields.count == 4, let revision = Int(fields[1]), let cell = CellID(String(fields[2])) else {
                        Issue.record("unreadable line \(line)")
                        continue
                    }
                    acknowledged.append((revision, cell, String(fields[3])))
                }
                #expect(process.terminationReason == .uncaughtSignal)

                let reopened = try NotebookStore(path: path)
                #expect(try await reopened.integrityCheck() == ["ok"])
                let stored = try await reopened.notebook(id: id)
                #expect(stored.revision >= (acknowledged.last?.revision ?? 0))
                for edit in acknowledged {
                    let cell = stored.document.cell(withID: edit.cell)
                    #expect(cell != nil, "acknowledged cell \(edit.cell) is missing")
                    #expect(cell?.outputs.first?.data?.png?.sha256 == edit.sha256)
                }
                #expect(
                    try await StoreInspection.positions(reopened, notebook: id)
                        == Array(0..<stored.document.cells.count))
            }
        }
    }
#endif
