import Diagnostics

/// A failure to draw or read a picture.
public struct RenderError: KindedError {
    /// The category of a rendering error.
    public enum Kind: String, Sendable, Hashable {
        /// Cairo reported an error (out of memory, a surface it could not create).
        case cairo
        /// Bytes that are not a readable PNG.
        case png
        /// A picture too large to handle.
        case limit
    }

    /// The category.
    public var kind: Kind
    /// A complete sentence.
    public var message: String

    /// Creates an error.
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

}
