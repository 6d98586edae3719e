import Diagnostics

/// What was wrong with a frame or message on the kernel pipes.
public enum KernelProtocolErrorKind: String, ErrorKind {
    /// The length header announces more than the largest allowed frame.
    case frameTooLarge
    /// The length header announces an empty frame.
    case emptyFrame
    /// The frame is not valid JSON.
    case malformedJSON
    /// The JSON is not a message of the protocol (unknown type, missing or mistyped field).
    case invalidMessage

    /// Every message starts `kernel protocol: `.
    public static var subject: String? { "kernel protocol" }
}

/// A frame or message on the kernel pipes that cannot be understood.
///
/// The reader refuses it instead of trusting it: an absurd length is never allocated, a frame that
/// is not a known JSON message is reported, and neither traps.
public typealias KernelProtocolError = KindedError<KernelProtocolErrorKind>
