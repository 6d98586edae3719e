import CZMQ

/// A failed ZeroMQ call: which call, on which endpoint, and the library's own words.
public struct ZMQError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The call that failed, e.g. `zmq_bind`.
    public var call: String
    /// The endpoint involved, if any (`tcp://127.0.0.1:5555`).
    public var endpoint: String?
    /// `errno` as ZeroMQ reported it.
    public var code: Int32
    /// `zmq_strerror(code)`.
    public var message: String

    /// The error of the last ZeroMQ call on this thread.
    static func last(_ call: String, endpoint: String? = nil) -> ZMQError {
        let code = zmq_errno()
        return ZMQError(call: call, endpoint: endpoint, code: code, message: String(cString: zmq_strerror(code)))
    }

    /// `zmq_bind tcp://127.0.0.1:5555: Address already in use`.
    public var description: String {
        "\(call)\(endpoint.map { " " + $0 } ?? ""): \(message)"
    }
}
