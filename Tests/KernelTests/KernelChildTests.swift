import Foundation
import Testing

@testable import Kernel

/// The child's side of the protocol, spoken to directly.
@Suite("Kernel child process", .serialized, .timeLimit(.minutes(1)))
struct KernelChildTests {
    @Test("a garbage frame is refused and the kernel keeps serving; a broken header ends it")
    func garbageFrames() async throws {
        let process = try KernelProcess(configuration: KernelTestSupport.configuration(), serial: 1)
        var events = process.events.makeAsyncIterator()
        guard case .message(.ready(let pid))? = await events.next() else {
            Issue.record("no ready message")
            return
        }
        #expect(pid == process.processIdentifier)
        process.sendRaw(FrameCodec.frame(Array("not json at all".utf8)))
        guard case .message(.protocolError(let message))? = await events.next() else {
            Issue.record("garbage was not refused")
            return
        }
        #expect(message.contains("not valid JSON"))
        process.send(.execute(run: 1, CellRun(cellID: "a", code: "1 + 1")))
        var sawResult = false
        while case .message(let message)? = await events.next() {
            if case .output(1, .executeResult(_, let data, _)) = message { sawResult = data.text == "2" }
            if case .finished = message { break }
        }
        #expect(sawResult)
        process.sendRaw([0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3])
        guard case .message(.protocolError(let fatal))? = await events.next() else {
            Issue.record("an absurd length was not refused")
            return
        }
        #expect(fatal.contains("more than the limit"))
        guard case .exited(let how)? = await events.next() else {
            Issue.record("the kernel did not stop")
            return
        }
        #expect(how == "exit status 2")
    }

    @Test("fd 1 of the child points at stderr, and many printed lines arrive intact")
    func protocolChannelProtected() async throws {
        let process = try KernelProcess(configuration: KernelTestSupport.configuration(), serial: 2)
        var events = process.events.makeAsyncIterator()
        _ = await events.next()
        // Stray writes to fd 1 (a library's printf) land on stderr, not in the frame pipe.
        let fd = "/proc/\(process.processIdentifier)/fd/"
        let stdout = try FileManager.default.destinationOfSymbolicLink(atPath: fd + "1")
        let stderr = try FileManager.default.destinationOfSymbolicLink(atPath: fd + "2")
        #expect(stdout == stderr)
        process.send(.execute(run: 1, CellRun(cellID: "a", code: "for i in range(50):\n    print('line', i)")))
        var text = ""
        loop: while let event = await events.next() {
            switch event {
            case .message(.output(_, .stream(_, let chunk))): text += chunk
            case .message(.finished): break loop
            case .exited: Issue.record("the kernel exited")
            default: continue
            }
        }
        #expect(text == (0..<50).map { "line \($0)\n" }.joined())
        process.send(.shutdown)
        while let event = await events.next() {
            if case .exited(let how) = event { #expect(how == "exit status 0") }
        }
    }

    @Test("a kernel whose parent goes away exits, even in the middle of a cell")
    func orphanExits() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: KernelTestSupport.executable)
        process.arguments = ["kernel"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let request = KernelRequest.execute(run: 1, CellRun(cellID: "a", code: "while True: pass")).payload
        try input.fileHandleForWriting.write(contentsOf: Data(FrameCodec.frame(request)))
        try await Task.sleep(for: .milliseconds(300))
        #expect(process.isRunning)
        // The server dying closes the kernel's standard input.
        try input.fileHandleForWriting.close()
        var exited = false
        for _ in 0..<100 where !exited {
            try await Task.sleep(for: .milliseconds(20))
            exited = !process.isRunning
        }
        #expect(exited)
        if exited { #expect(process.terminationStatus == 0) } else { process.terminate() }
    }
}
