import Crypto

/// SHA-256 names for content: PNG outputs (kept once in the store and served as
/// `/api/outputs/{sha256}.png`) and the ids derived from a cell's text.
///
/// The hashing itself is swift-crypto's; this type only fixes how a digest is written down.
public enum ContentHash {
    /// The SHA-256 digest of `bytes` as 64 lowercase hex digits.
    public static func sha256Hex(of bytes: some Sequence<UInt8>) -> String {
        hex(sha256(of: [Array(bytes)]))
    }

    /// The SHA-256 digest of the pieces hashed one after another, as if they were joined.
    public static func sha256(of pieces: [[UInt8]]) -> [UInt8] {
        var hasher = SHA256()
        for piece in pieces { hasher.update(data: piece) }
        return Array(hasher.finalize())
    }

    /// Bytes as lowercase hex digits, two per byte.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
