import CZMQ
import Foundation

/// One ZeroMQ socket; it owns its C handle and closes it when released.
///
/// ZeroMQ sockets are not thread-safe: a socket is used by the thread that created it only
/// (``SocketThread`` creates each socket on its own thread and never lets it out). The type is
/// therefore not `Sendable`.
final class ZMQSocket {
    /// The socket types Jupyter's channels use.
    enum Kind {
        case router, xpub, rep, dealer, sub, req

        var value: Int32 {
            switch self {
            case .router: ZMQ_ROUTER
            case .xpub: ZMQ_XPUB
            case .rep: ZMQ_REP
            case .dealer: ZMQ_DEALER
            case .sub: ZMQ_SUB
            case .req: ZMQ_REQ
            }
        }
    }

    private let handle: UnsafeMutableRawPointer

    /// Creates a socket of `kind` in `context`, with a short linger so closing never hangs for long.
    init(context: ZMQContext, kind: Kind) throws(ZMQError) {
        guard let handle = zmq_socket(context.handle, kind.value) else { throw ZMQError.last("zmq_socket") }
        self.handle = handle
        try setOption(ZMQ_LINGER, Int32(1000))
    }

    deinit {
        zmq_close(handle)
    }

    /// Sets an integer option (`ZMQ_LINGER`, `ZMQ_XPUB_VERBOSE`, `ZMQ_ROUTER_HANDOVER`, …).
    func setOption(_ option: Int32, _ value: Int32) throws(ZMQError) {
        var value = value
        guard zmq_setsockopt(handle, option, &value, MemoryLayout<Int32>.size) == 0 else {
            throw ZMQError.last("zmq_setsockopt")
        }
    }

    /// Sets a bytes option (`ZMQ_SUBSCRIBE`, `ZMQ_IDENTITY`).
    func setOption(_ option: Int32, bytes: [UInt8]) throws(ZMQError) {
        let status = bytes.withUnsafeBytes { zmq_setsockopt(handle, option, $0.baseAddress, $0.count) }
        guard status == 0 else { throw ZMQError.last("zmq_setsockopt") }
    }

    /// Binds to an endpoint such as `tcp://127.0.0.1:5555` or `ipc:///tmp/kernel-1`.
    func bind(_ endpoint: String) throws(ZMQError) {
        guard zmq_bind(handle, endpoint) == 0 else { throw ZMQError.last("zmq_bind", endpoint: endpoint) }
    }

    /// Connects to an endpoint (the client side, used by tests).
    func connect(_ endpoint: String) throws(ZMQError) {
        guard zmq_connect(handle, endpoint) == 0 else { throw ZMQError.last("zmq_connect", endpoint: endpoint) }
    }

    /// Sends a multipart message; `false` if it could not be queued (e.g. a ROUTER peer that left).
    @discardableResult
    func send(_ frames: [[UInt8]]) -> Bool {
        for (index, frame) in frames.enumerated() {
            let flags = index < frames.count - 1 ? ZMQ_SNDMORE : 0
            var status: Int32
            repeat {
                status = frame.withUnsafeBytes { zmq_send(handle, $0.baseAddress, $0.count, flags) }
            } while status < 0 && zmq_errno() == EINTR
            if status < 0 { return false }
        }
        return true
    }

    /// Receives one multipart message; `nil` when none is waiting (with `wait: false`) or the wait was cut.
    func receive(wait: Bool) -> [[UInt8]]? {
        var frames: [[UInt8]] = []
        while true {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            let flags = wait || !frames.isEmpty ? 0 : ZMQ_DONTWAIT
            var size: Int32
            repeat {
                size = zmq_msg_recv(&message, handle, flags)
            } while size < 0 && zmq_errno() == EINTR
            guard size >= 0 else { return nil }
            let data = zmq_msg_data(&message)
            frames.append(
                data.map { Array(UnsafeRawBufferPointer(start: $0, count: Int(size))) } ?? [])
            if zmq_msg_more(&message) == 0 { return frames }
        }
    }

    /// Waits until this socket has a message or `descriptor` is readable; returns which.
    func poll(alongside descriptor: Int32, timeoutMilliseconds: Int = -1) -> (socket: Bool, descriptor: Bool) {
        var items = [
            zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0),
            zmq_pollitem_t(socket: nil, fd: descriptor, events: Int16(ZMQ_POLLIN), revents: 0),
        ]
        let status = zmq_poll(&items, 2, timeoutMilliseconds)
        guard status > 0 else { return (false, false) }
        return (items[0].revents & Int16(ZMQ_POLLIN) != 0, items[1].revents & Int16(ZMQ_POLLIN) != 0)
    }

    /// Waits up to `timeoutMilliseconds` for a message on this socket alone.
    func poll(timeoutMilliseconds: Int) -> Bool {
        var item = zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        return zmq_poll(&item, 1, timeoutMilliseconds) > 0 && item.revents & Int16(ZMQ_POLLIN) != 0
    }
}
