import Diagnostics
import Tensors

/// Where `load_image(name)` finds pictures: provided by the host, because the language cannot
/// decode PNG files (decoding lives in `Render`) and should not decide which files a cell may read.
///
/// ```swift
/// let source = DirectoryImageSource(directories: [dataDirectory]) { bytes in
///     try ImageLoader.tensor(fromPNG: bytes)
/// }
/// let session = Session(imageSource: source)
/// session.run("X = load_image('sample.png')")   // X.shape == (3, 64, 96)
/// ```
public protocol ImageSource: Sendable {
    /// The picture called `name` as a `(C, H, W)` float tensor with values in [0, 1].
    ///
    /// - Throws: ``ImageSourceError`` when the name is refused, not found or not a readable image.
    func image(named name: String) throws(ImageSourceError) -> Tensor
}

/// The category of the failure; each becomes a different Python exception.
public enum ImageSourceErrorKind: String, ErrorKind {
    /// No picture has that name (`FileNotFoundError`).
    case notFound
    /// The name is not allowed, e.g. it leaves the data directories (`ValueError`).
    case refused
    /// The file exists but is not a picture that can be loaded (`OSError`).
    case unreadable
}

/// Why `load_image(name)` could not load a picture.
public typealias ImageSourceError = KindedError<ImageSourceErrorKind>

extension ImageSourceError {
    /// The Python exception class the language raises for this error.
    var pythonName: ExceptionName {
        switch kind {
        case .notFound: .fileNotFoundError
        case .refused: .valueError
        case .unreadable: .osError
        }
    }
}
