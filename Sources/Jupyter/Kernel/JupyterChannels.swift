import CZMQ
import Foundation
import Synchronization

/// The five sockets of a Jupyter kernel, each owned by its own thread, and the checks every received
/// message passes (signature, replay) before it reaches the kernel.
///
/// - shell and control: ROUTER; requests go to the `shell`/`control` streams, replies go back through
///   ``reply(_:on:)``.
/// - iopub: XPUB, so subscriptions are seen; each new subscriber gets an `iopub_welcome` (protocol 5.4).
/// - stdin: ROUTER, bound so clients can connect; Convbook never asks for input.
/// - heartbeat: REP, echoing every ping on its own thread, whatever the kernel is doing.
final class JupyterChannels: Sendable {
    /// Which ROUTER socket a reply goes out on.
    enum Channel: Sendable { case shell, control }

    /// A request, with its arrival number on the shell channel (0 on control).
    struct Received: Sendable {
        var message: JupyterMessage
        var sequence: Int
    }

    let signer: MessageSigner
    let kernelSession: String
    /// Shell requests in arrival order.
    let shell: AsyncStream<Received>
    /// Control requests in arrival order.
    let control: AsyncStream<Received>
    /// How many shell requests have been accepted so far (`stop_on_error` aborts up to this number).
    var shellReceived: Int { counters.shellReceived.load(ordering: .sequentiallyConsistent) }

    /// What the socket threads share: the replay guard of all channels, the shell arrival count.
    private final class Counters: Sendable {
        let replayGuard = Mutex(ReplayGuard())
        let shellReceived = Atomic<Int>(0)
    }

    private let counters = Counters()
    private let shellSocket: SocketThread
    private let controlSocket: SocketThread
    private let stdinSocket: SocketThread
    private let iopubSocket: SocketThread
    private let heartbeatSocket: SocketThread

    /// Binds the five sockets of `connection` in `context`.
    init(connection: ConnectionFile, context: ZMQContext, kernelSession: String) throws(ZMQError) {
        let signer = MessageSigner(key: connection.key)
        self.signer = signer
        self.kernelSession = kernelSession
        let (shell, shellInbox) = AsyncStream.makeStream(of: Received.self, bufferingPolicy: .unbounded)
        let (control, controlInbox) = AsyncStream.makeStream(of: Received.self, bufferingPolicy: .unbounded)
        self.shell = shell
        self.control = control
        let counters = counters
        @Sendable func accept(_ frames: [[UInt8]], channel: String) -> JupyterMessage? {
            do throws(JupyterWireError) {
                return try counters.replayGuard.withLock { replayGuard throws(JupyterWireError) in
                    try WireCodec.decode(frames, signer: signer, replayGuard: &replayGuard)
                }
            } catch {
                FileHandle.standardError.write(
                    Data("convbook jupyter-kernel: refused a \(channel) message: \(error)\n".utf8))
                return nil
            }
        }
        // Sockets are bound in the order a client's connect attempts are least likely to race.
        heartbeatSocket = try SocketThread(
            context: context, kind: .rep, endpoint: connection.endpoint(port: connection.heartbeatPort),
            name: "heartbeat"
        ) { frames in frames }
        iopubSocket = try SocketThread(
            context: context, kind: .xpub, endpoint: connection.endpoint(port: connection.iopubPort),
            options: [(ZMQ_XPUB_VERBOSE, 1)], name: "iopub"
        ) { frames in
            // A subscription is one frame: 1, then the topic (0 is an unsubscription).
            guard let frame = frames.first, frame.first == 1 else { return nil }
            let topic = Array(frame.dropFirst())
            var welcome = JupyterMessage.make(
                type: "iopub_welcome", content: ["subscription": .string(String(decoding: topic, as: UTF8.self))],
                parent: nil, session: kernelSession)
            welcome.identities = [topic]
            return WireCodec.encode(welcome, signer: signer)
        }
        shellSocket = try SocketThread(
            context: context, kind: .router, endpoint: connection.endpoint(port: connection.shellPort),
            options: [(ZMQ_ROUTER_HANDOVER, 1)], name: "shell"
        ) { frames in
            guard let message = accept(frames, channel: "shell") else { return nil }
            let sequence = counters.shellReceived.add(1, ordering: .sequentiallyConsistent).newValue
            shellInbox.yield(Received(message: message, sequence: sequence))
            return nil
        }
        controlSocket = try SocketThread(
            context: context, kind: .router, endpoint: connection.endpoint(port: connection.controlPort),
            options: [(ZMQ_ROUTER_HANDOVER, 1)], name: "control"
        ) { frames in
            guard let message = accept(frames, channel: "control") else { return nil }
            controlInbox.yield(Received(message: message, sequence: 0))
            return nil
        }
        stdinSocket = try SocketThread(
            context: context, kind: .router, endpoint: connection.endpoint(port: connection.stdinPort),
            options: [(ZMQ_ROUTER_HANDOVER, 1)], name: "stdin"
        ) { _ in nil }
    }

    /// Sends a reply on the channel its request came from.
    func reply(_ message: JupyterMessage, on channel: Channel) {
        let frames = WireCodec.encode(message, signer: signer)
        switch channel {
        case .shell: shellSocket.send(frames)
        case .control: controlSocket.send(frames)
        }
    }

    /// Publishes a message on iopub under the topic `kernel.<session>.<msg_type>`.
    func publish(_ message: JupyterMessage) {
        var message = message
        message.identities = [Array("kernel.\(kernelSession).\(message.type)".utf8)]
        iopubSocket.send(WireCodec.encode(message, signer: signer))
    }

    /// Sends what is queued on every socket, then closes them all.
    func close() {
        for socket in [shellSocket, controlSocket, iopubSocket, stdinSocket, heartbeatSocket] { socket.stop() }
    }
}
