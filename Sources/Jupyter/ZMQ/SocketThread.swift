import Foundation
import Synchronization

/// A ZeroMQ socket together with the one thread that owns it.
///
/// The socket is created, bound, read, written and closed on that thread only, as ZeroMQ requires.
/// Other threads hand it messages through ``send(_:)``: a locked outbox plus a byte on a wake-up
/// pipe that the owner polls alongside the socket. Received messages go to `onReceive`, called on
/// the owner thread; whatever it returns is sent at once (a heartbeat echo, an iopub welcome).
///
/// ```swift
/// let heartbeat = try SocketThread(context: context, kind: .rep, endpoint: "tcp://127.0.0.1:5555",
///                                  name: "heartbeat") { frames in frames }   // echo
/// ```
final class SocketThread: Sendable {
    /// Called on the owner thread with each received multipart message; returns frames to send back at once.
    typealias Receiver = @Sendable ([[UInt8]]) -> [[UInt8]]?

    private struct Outbox {
        var messages: [[[UInt8]]] = []
        var stopping = false
    }

    private let outbox = Mutex(Outbox())
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the owner thread, which creates the socket, applies `options` and binds it; throws the
    /// first error of those steps (the thread has then ended).
    init(
        context: ZMQContext, kind: ZMQSocket.Kind, endpoint: String, options: [(Int32, Int32)] = [],
        name: String, onReceive: @escaping Receiver
    ) throws(ZMQError) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else {
            throw ZMQError(call: "pipe", endpoint: nil, code: errno, message: String(cString: strerror(errno)))
        }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        wakeRead = descriptors[0]
        wakeWrite = descriptors[1]
        let started = Mutex<Result<Void, ZMQError>?>(nil)
        let startedSignal = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            let socket: ZMQSocket
            do throws(ZMQError) {
                socket = try ZMQSocket(context: context, kind: kind)
                for (option, value) in options { try socket.setOption(option, value) }
                try socket.bind(endpoint)
            } catch {
                started.withLock { $0 = .failure(error) }
                startedSignal.signal()
                finished.signal()
                return
            }
            started.withLock { $0 = .success(()) }
            startedSignal.signal()
            run(socket, onReceive: onReceive)
            finished.signal()
        }
        thread.name = "jupyter \(name)"
        thread.start()
        startedSignal.wait()
        if case .failure(let error)? = started.withLock({ $0 }) {
            close(wakeRead)
            close(wakeWrite)
            throw error
        }
    }

    /// Queues a multipart message for the owner thread to send; safe from any thread.
    func send(_ frames: [[UInt8]]) {
        let queued = outbox.withLock { outbox in
            guard !outbox.stopping else { return false }
            outbox.messages.append(frames)
            return outbox.messages.count == 1
        }
        // One byte per empty-to-non-empty transition is enough: the owner drains the whole outbox.
        if queued { wake() }
    }

    /// Sends what is queued, closes the socket and ends the thread; returns once it has.
    func stop() {
        outbox.withLock { $0.stopping = true }
        wake()
        finished.wait()
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    private func run(_ socket: ZMQSocket, onReceive: Receiver) {
        var drain = [UInt8](repeating: 0, count: 64)
        while true {
            let ready = socket.poll(alongside: wakeRead)
            if ready.descriptor {
                while read(wakeRead, &drain, drain.count) > 0 {}
                let (messages, stopping) = outbox.withLock { outbox in
                    defer { outbox.messages.removeAll() }
                    return (outbox.messages, outbox.stopping)
                }
                for message in messages { socket.send(message) }
                if stopping {
                    close(wakeRead)
                    close(wakeWrite)
                    return
                }
            }
            if ready.socket {
                while let frames = socket.receive(wait: false) {
                    if let answer = onReceive(frames) { socket.send(answer) }
                }
            }
        }
    }
}
