import Foundation

/// The bytes of a PNG picture and their SHA-256, computed once.
///
/// The hash names the image in the store (kept once however many cells show it) and in the server's
/// URLs (`/api/outputs/{sha256}.png`).
public struct PNGImage: Sendable, Hashable, Codable {
    /// The PNG file bytes.
    public let bytes: [UInt8]
    /// SHA-256 of `bytes`, 64 lowercase hex digits.
    public let sha256: String

    /// Wraps PNG bytes and hashes them. The bytes are not decoded or checked.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        self.sha256 = ContentHash.sha256Hex(of: bytes)
    }

    /// Width and height from the PNG header, or `nil` if the bytes do not start like a PNG.
    public var size: (width: Int, height: Int)? {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 24, Array(bytes[0..<8]) == signature else { return nil }
        func bigEndian(_ offset: Int) -> Int {
            bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        }
        return (bigEndian(16), bigEndian(20))
    }

    public static func == (lhs: PNGImage, rhs: PNGImage) -> Bool { lhs.sha256 == rhs.sha256 && lhs.bytes == rhs.bytes }
    public func hash(into hasher: inout Hasher) { hasher.combine(sha256) }

    /// Encoded as a base64 string, compact in JSON; the hash is recomputed on decoding.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "PNG bytes are not valid base64"))
        }
        self.init(bytes: [UInt8](data))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Data(bytes).base64EncodedString())
    }
}
