/// Why a data set could not be read: what was wrong, and with which file.
///
/// ```swift
/// DatasetError.missing(...)  // "Fashion-MNIST is not installed here: …"
/// ```
public struct DatasetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The categories a caller may handle differently.
    public enum Kind: String, Sendable, Hashable {
        /// The files are not where they should be.
        case missing
        /// A file exists but is not what its format says (truncated, wrong magic number, wrong sizes).
        case malformed
        /// A file could not be opened or read.
        case unreadable
    }

    /// What went wrong.
    public var kind: Kind
    /// The file concerned, when there is one.
    public var path: String?
    /// A complete sentence saying what was wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, path: String? = nil, _ message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { message }
}
