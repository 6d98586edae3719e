/// A cell's stable identifier, as nbformat 4.5 defines it: 1 to 64 of `A–Z a–z 0–9 _ -`.
///
/// Ids survive edits, reordering and export, so the store, the server and Jupyter can all refer to the
/// same cell.
public struct CellID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The id text.
    public let rawValue: String

    /// The id, or `nil` if `rawValue` does not match `^[A-Za-z0-9_-]{1,64}$`.
    public init?(_ rawValue: String) {
        guard CellID.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// A fresh random id of 12 lowercase letters and digits (about 62 bits, so collisions within a
    /// notebook are practically impossible; callers that must be sure check against the ids in use).
    public static func random() -> CellID {
        var generator = SystemRandomNumberGenerator()
        return random(using: &generator)
    }

    /// A fresh random id drawn from `generator` (for reproducible tests).
    public static func random(using generator: inout some RandomNumberGenerator) -> CellID {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let text = String((0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        return CellID(unchecked: text)
    }

    /// An id derived from a cell's content: the same kind, source and occurrence (how many earlier
    /// cells of the file have the same kind and source) always give the same id.
    ///
    /// Files without ids (percent-format scripts) get these, so regenerating a notebook from its
    /// script keeps every unchanged cell's id and the result diffs cleanly.
    public static func derived(kind: String, source: String, occurrence: Int) -> CellID {
        let digest = ContentHash.sha256(of: [Array("\(kind)\u{0}\(occurrence)\u{0}".utf8), Array(source.utf8)])
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        let text = String(digest.prefix(12).map { alphabet[Int($0) % alphabet.count] })
        return CellID(unchecked: text)
    }

    /// A fresh random id that is not in `taken`.
    public static func random(avoiding taken: Set<CellID>) -> CellID {
        while true {
            let candidate = random()
            if !taken.contains(candidate) { return candidate }
        }
    }

    /// Whether `text` is a valid nbformat cell id.
    public static func isValid(_ text: String) -> Bool {
        let scalars = text.unicodeScalars
        guard (1...64).contains(scalars.count) else { return false }
        return scalars.allSatisfy { scalar in
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
            default: false
            }
        }
    }

    private init(unchecked rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = CellID(text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "invalid cell id '\(text)'"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
