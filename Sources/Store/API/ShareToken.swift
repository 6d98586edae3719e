import Foundation

/// A token that lets anyone holding it read one notebook (outputs included), until it is revoked.
public struct ShareToken: Sendable, Hashable {
    /// The secret: 32 lowercase hex digits (128 random bits).
    public var token: String
    /// The notebook it shows.
    public var notebookID: String
    /// When it was made.
    public var created: Date

    /// Creates a token value.
    public init(token: String, notebookID: String, created: Date) {
        self.token = token
        self.notebookID = notebookID
        self.created = created
    }

    /// Whether `text` has the shape of a token (32 lowercase hex digits), checked before any lookup.
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// A fresh token text from the system's secure random generator.
    static func freshText() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<16).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
        }.joined()
    }
}
