import Diagnostics

/// The category of a rendering error.
public enum RenderErrorKind: String, ErrorKind {
    /// Cairo reported an error (out of memory, a surface it could not create).
    case cairo
    /// Bytes that are not a readable PNG.
    case png
    /// A picture too large to handle.
    case limit
}

/// A failure to draw or read a picture.
public typealias RenderError = KindedError<RenderErrorKind>
