import Diagnostics

/// A frame or message on the kernel pipes that cannot be understood.
///
/// The reader refuses it instead of trusting it: an absurd length is never allocated, a frame that
/// is not a known JSON message is reported, and neither traps.
public struct KernelProtocolError: KindedError {
    /// What was wrong.
    public enum Kind: String, Sendable, Hashable {
        /// The length header announces more than the largest allowed frame.
        case frameTooLarge
        /// The length header announces an empty frame.
        case emptyFrame
        /// The frame is not valid JSON.
        case malformedJSON
        /// The JSON is not a message of the protocol (unknown type, missing or mistyped field).
        case invalidMessage
    }

    /// What was wrong.
    public var kind: Kind
    /// A sentence saying what exactly, e.g. `frame of 4294967295 bytes exceeds the limit of 67108864`.
    public var message: String

    /// Creates an error of the given kind.
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// `kernel protocol: <message>`.
    public var description: String { "kernel protocol: \(message)" }
}
