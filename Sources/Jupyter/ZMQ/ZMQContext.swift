import CZMQ

/// A ZeroMQ context: the I/O threads behind a process's sockets.
///
/// Unlike sockets, a context is thread-safe (ZeroMQ's guarantee), so it is shared freely.
public final class ZMQContext: @unchecked Sendable {
    // `@unchecked Sendable`: libzmq documents contexts as thread-safe; the handle is never reassigned.
    let handle: UnsafeMutableRawPointer

    /// Creates a context with ZeroMQ's defaults (one I/O thread).
    public init() throws(ZMQError) {
        guard let handle = zmq_ctx_new() else { throw ZMQError.last("zmq_ctx_new") }
        self.handle = handle
    }

    /// Ends the context once every socket is closed, waiting for their linger periods (pending
    /// messages, such as a last reply, are delivered first).
    public func terminate() {
        while zmq_ctx_term(handle) != 0, zmq_errno() == EINTR {}
    }
}
