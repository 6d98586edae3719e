import CZMQ
import ConvbookTestSupport
import Foundation
import Notebook
import Testing

@testable import Jupyter

/// `convbook jupyter-kernel` as a process, driven over real ZeroMQ sockets as a Jupyter client drives it
/// (the clients from PyPI are driven by `Tests/Jupyter/`).
@Suite("convbook jupyter-kernel over ZeroMQ", .serialized)
struct JupyterKernelProcessTests {
    /// A running kernel with a shell DEALER and an iopub SUB connected to it; stopped with ``stop()``.
    final class Client {
        let process = Process()
        let context: ZMQContext
        let shell: ZMQSocket
        let iopub: ZMQSocket
        let signer: MessageSigner
        let directory: URL

        init() throws {
            let key = UUID().uuidString
            signer = MessageSigner(key: Array(key.utf8))
            directory = try PackagePaths.temporaryDirectory("convbook-jupyter-kernel")
            let ports = try (0..<5).map { _ in try Self.freePort() }
            let connection = """
                {"transport": "tcp", "ip": "127.0.0.1", "shell_port": \(ports[0]), "iopub_port": \(ports[1]),
                 "stdin_port": \(ports[2]), "control_port": \(ports[3]), "hb_port": \(ports[4]),
                 "signature_scheme": "hmac-sha256", "key": "\(key)"}
                """
            let file = directory.appendingPathComponent("kernel.json")
            try Data(connection.utf8).write(to: file)
            process.executableURL = PackagePaths.convbook
            process.arguments = ["jupyter-kernel", "-f", file.path, "--memory-limit", String(2 << 30)]
            process.currentDirectoryURL = directory
            try process.run()
            context = try ZMQContext()
            shell = try ZMQSocket(context: context, kind: .dealer)
            try shell.connect("tcp://127.0.0.1:\(ports[0])")
            iopub = try ZMQSocket(context: context, kind: .sub)
            try iopub.setOption(ZMQ_SUBSCRIBE, bytes: [])
            try iopub.connect("tcp://127.0.0.1:\(ports[1])")
        }

        static func freePort() throws -> Int {
            let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(socket) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
            }
            _ = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
            }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        func send(_ type: String, _ content: JSONObject, signer: MessageSigner? = nil) -> JupyterMessage {
            let message = JupyterMessage.make(type: type, content: content, parent: nil, session: "test")
            shell.send(WireCodec.encode(message, signer: signer ?? self.signer))
            return message
        }

        /// The next shell reply (to `request`, when given), or `nil` after `seconds`.
        func reply(to request: JupyterMessage? = nil, within seconds: Double = 60) -> JupyterMessage? {
            let deadline = Date(timeIntervalSinceNow: seconds)
            while shell.poll(timeoutMilliseconds: max(1, Int(deadline.timeIntervalSinceNow * 1000))),
                let frames = shell.receive(wait: true)
            {
                var replayGuard = ReplayGuard()
                guard let reply = try? WireCodec.decode(frames, signer: signer, replayGuard: &replayGuard) else {
                    continue
                }
                if request == nil || reply.parentHeader["msg_id"]?.stringValue == request?.id { return reply }
            }
            return nil
        }

        /// Waits for the kernel's `iopub_welcome`: from then on iopub delivers everything (protocol 5.4).
        func waitForWelcome() -> Bool {
            var replayGuard = ReplayGuard()
            while iopub.poll(timeoutMilliseconds: 60_000), let frames = iopub.receive(wait: true) {
                let message = try? WireCodec.decode(frames, signer: signer, replayGuard: &replayGuard)
                if message?.type == "iopub_welcome" { return true }
            }
            return false
        }

        /// The iopub messages answering `request`, up to its idle status.
        func iopub(for request: JupyterMessage) -> [JupyterMessage] {
            var messages: [JupyterMessage] = []
            var replayGuard = ReplayGuard()
            while iopub.poll(timeoutMilliseconds: 60_000), let frames = iopub.receive(wait: true) {
                guard let message = try? WireCodec.decode(frames, signer: signer, replayGuard: &replayGuard),
                    message.parentHeader["msg_id"]?.stringValue == request.id
                else { continue }
                messages.append(message)
                if message.type == "status", message.content["execution_state"] == "idle" { break }
            }
            return messages
        }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test("kernel_info, then an execute in Jupyter's order: busy, execute_input, outputs, idle")
    func executeOrder() throws {
        let client = try Client()
        defer { client.stop() }
        var info: JupyterMessage?
        for _ in 0..<50 where info == nil {
            _ = client.send("kernel_info_request", [:])
            info = client.reply(within: 0.5)
        }
        let reply = try #require(info)
        #expect(reply.content["protocol_version"] == "5.4")
        #expect(reply.content["language_info"]?.objectValue?["file_extension"] == ".py")
        #expect(client.waitForWelcome())
        let request = client.send("execute_request", ["code": "print('hi')\n6 * 7", "silent": false])
        let executeReply = try #require(client.reply(to: request))
        #expect(executeReply.content["status"] == "ok")
        let types = client.iopub(for: request).map(\.type)
        #expect(types == ["status", "execute_input", "stream", "execute_result", "status"])
    }

    @Test("a message signed with another key gets no answer, and the kernel still answers signed ones")
    func badSignature() throws {
        let client = try Client()
        defer { client.stop() }
        var ready = false
        for _ in 0..<50 where !ready {
            _ = client.send("kernel_info_request", [:])
            ready = client.reply(within: 0.5) != nil
        }
        #expect(ready)
        let forged = client.send("kernel_info_request", [:], signer: MessageSigner(key: Array("wrong".utf8)))
        #expect(client.reply(to: forged, within: 1) == nil)
        let signed = client.send("kernel_info_request", [:])
        #expect(client.reply(to: signed) != nil)
    }
}
