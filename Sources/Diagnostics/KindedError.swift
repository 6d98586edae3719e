/// The one shape of Convbook's simple errors: a kind the caller switches on (which Python exception, which
/// HTTP status, whether to retry) and a complete sentence for the person reading it.
///
/// `TensorError`, `FigureError`, `RenderError`, `ImageSourceError`, `KernelProtocolError` and
/// `NotebookFileError` are this pattern; each module keeps its own kinds. The sentence is the description
/// unless a type says where the error came from (a file name, a protocol).
///
/// ```swift
/// public struct FigureError: KindedError {
///     public enum Kind: String, Sendable, Hashable { case empty, shape }
///     public var kind: Kind
///     public var message: String
///     public init(kind: Kind, message: String) { … }
/// }
/// throw FigureError(.empty, "show() needs at least one tensor")
/// ```
public protocol KindedError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The categories of this error, named by their raw string (logs and JSON use it).
    associatedtype Kind: RawRepresentable, Sendable, Hashable where Kind.RawValue == String
    /// Which category this one is.
    var kind: Kind { get }
    /// A complete sentence saying what was wrong.
    var message: String { get }
    /// An error of `kind` saying `message`.
    init(kind: Kind, message: String)
}

extension KindedError {
    /// An error of `kind` saying `message`.
    public init(_ kind: Kind, _ message: String) {
        self.init(kind: kind, message: message)
    }

    /// The message.
    public var description: String { message }
}
