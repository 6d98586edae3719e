/// The one shape of Convbook's simple errors: a kind the caller switches on (which Python exception, which
/// HTTP status, whether to retry) and a complete sentence for the person reading it.
///
/// `TensorError`, `FigureError`, `RenderError`, `ImageSourceError` and `KernelProtocolError` are this type,
/// each with its module's own kinds; a module adds its helpers in an extension of its alias.
/// (`NotebookFileError` says more: the file, the byte position and the JSON path.)
///
/// ```swift
/// public enum FigureErrorKind: String, ErrorKind { case empty, shape }
/// public typealias FigureError = KindedError<FigureErrorKind>
/// throw FigureError(.empty, "show() needs at least one tensor")
/// ```
public struct KindedError<K: ErrorKind>: Error, Sendable, Hashable, CustomStringConvertible {
    /// The categories of this error.
    public typealias Kind = K

    /// Which category this one is.
    public var kind: Kind
    /// A complete sentence saying what was wrong.
    public var message: String

    /// An error of `kind` saying `message`.
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// An error of `kind` saying `message`.
    public init(_ kind: Kind, _ message: String) {
        self.init(kind: kind, message: message)
    }

    /// The message, after the kind's ``ErrorKind/subject`` if it has one.
    public var description: String { Kind.subject.map { "\($0): \(message)" } ?? message }
}

/// The categories of one module's ``KindedError``, named by their raw string (logs and JSON use it).
public protocol ErrorKind: RawRepresentable, Sendable, Hashable where RawValue == String {
    /// Words the description puts before every message (`kernel protocol: …`), or `nil` for none.
    static var subject: String? { get }
}

extension ErrorKind {
    /// No subject: the description is the message.
    public static var subject: String? { nil }
}
