import Foundation
import Kernel
import Lang
import Notebook

/// Convbook as a Jupyter kernel: Jupyter's requests adapted onto a ``KernelManager`` session.
///
/// The cells run in a `convbook kernel` child process exactly as the server runs them (limits,
/// streamed and coalesced output, interrupts tied to runs, the memory cap, a crashed evaluator
/// reported as `KernelDied` and replaced); this actor only translates messages.
///
/// Shell requests are handled one at a time in arrival order, each between an iopub `busy` and
/// `idle` status; control requests (`interrupt`, `shutdown`, `kernel_info`) are handled as they
/// come, even while a cell runs. After a cell fails with `stop_on_error`, the execute requests that
/// had already arrived are answered `aborted`, as JupyterLab's Run All expects.
public actor JupyterKernel {
    /// How the kernel is set up.
    public struct Options: Sendable {
        /// How the child kernel process is started.
        public var configuration: KernelConfiguration
        /// Convbook's version, in `kernel_info_reply`.
        public var version: String

        /// Creates options.
        public init(configuration: KernelConfiguration, version: String) {
            self.configuration = configuration
            self.version = version
        }
    }

    /// The session id of the single notebook session this kernel serves.
    static let notebookID = "jupyter"

    let channels: JupyterChannels
    let manager: KernelManager
    let options: Options
    var executionCount = 0
    var history = ExecutionHistory()
    /// Execute requests up to this shell arrival number are aborted (set after a failed cell).
    var abortThrough = 0
    private var shutdownWaiters: [CheckedContinuation<Void, Never>] = []
    private var isShuttingDown = false

    init(channels: JupyterChannels, manager: KernelManager, options: Options) {
        self.channels = channels
        self.manager = manager
        self.options = options
    }

    /// Serves a kernel on the sockets of `connection` until a `shutdown_request`; returns the exit status.
    ///
    /// SIGINT is ignored (the kernelspec says `interrupt_mode: message`: interrupts come on the control
    /// channel), so a Ctrl-C meant for a console in the same process group cannot kill the kernel.
    public static func serve(connection: ConnectionFile, options: Options) async -> Int32 {
        signal(SIGINT, SIG_IGN)
        let context: ZMQContext
        let channels: JupyterChannels
        do {
            context = try ZMQContext()
            channels = try JupyterChannels(
                connection: connection, context: context, kernelSession: UUID().uuidString.lowercased())
        } catch {
            FileHandle.standardError.write(Data("convbook jupyter-kernel: \(error)\n".utf8))
            return 1
        }
        let manager = KernelManager(configuration: options.configuration)
        let kernel = JupyterKernel(channels: channels, manager: manager, options: options)
        do {
            try await manager.start(notebookID: notebookID)
        } catch {
            FileHandle.standardError.write(Data("convbook jupyter-kernel: \(error)\n".utf8))
        }
        let shellTask = Task {
            for await received in channels.shell { await kernel.handle(received, on: .shell) }
        }
        let controlTask = Task {
            for await received in channels.control { await kernel.handle(received, on: .control) }
        }
        await kernel.waitForShutdown()
        shellTask.cancel()
        controlTask.cancel()
        await manager.shutdown()
        channels.close()
        context.terminate()
        return 0
    }

    private func waitForShutdown() async {
        if isShuttingDown { return }
        await withCheckedContinuation { shutdownWaiters.append($0) }
    }

    // MARK: - Dispatch

    /// One request from the shell or the control channel, between a `busy` and an `idle` status: cells run from
    /// shell, interrupts come on control, and every other request is answered on the channel it came on.
    func handle(_ received: JupyterChannels.Received, on channel: JupyterChannels.Channel) async {
        let request = received.message
        publish("status", ["execution_state": "busy"], parent: request)
        switch (request.type, channel) {
        case ("execute_request", .shell):
            await execute(request, sequence: received.sequence)
        case ("interrupt_request", .control):
            await manager.interrupt(notebookID: Self.notebookID)
            reply(to: request, type: "interrupt_reply", content: ["status": "ok"], on: .control)
        case ("shutdown_request", _):
            shutdown(request, on: channel)
        default:
            if let (type, content) = await answer(request) {
                reply(to: request, type: type, content: content, on: channel)
            }
        }
        publish("status", ["execution_state": "idle"], parent: request)
    }

    private func shutdown(_ request: JupyterMessage, on channel: JupyterChannels.Channel) {
        let restart: JSONValue = request.content["restart"] ?? false
        let content: JSONObject = ["status": "ok", "restart": restart]
        reply(to: request, type: "shutdown_reply", content: content, on: channel)
        publish("shutdown_reply", content, parent: request)
        isShuttingDown = true
        for waiter in shutdownWaiters { waiter.resume() }
        shutdownWaiters.removeAll()
    }

    // MARK: - Sending

    func reply(to request: JupyterMessage, type: String, content: JSONObject, on channel: JupyterChannels.Channel) {
        var metadata = JSONObject()
        if let status = content["status"] { metadata["status"] = status }
        let message = JupyterMessage.reply(
            to: request, type: type, content: content, session: channels.kernelSession, metadata: metadata)
        channels.reply(message, on: channel)
    }

    func publish(_ type: String, _ content: JSONObject, parent: JupyterMessage) {
        channels.publish(
            JupyterMessage.make(type: type, content: content, parent: parent, session: channels.kernelSession))
    }
}
