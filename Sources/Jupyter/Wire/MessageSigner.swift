import Crypto

/// Signs and checks Jupyter messages: HMAC-SHA256 over the four JSON frames (header, parent header,
/// metadata, content), written as lowercase hex.
///
/// An empty key turns signing off, as the protocol says: the signature is empty and any is accepted.
///
/// ```swift
/// let signer = MessageSigner(key: Array("secret".utf8))
/// let signature = signer.signature(of: [header, parent, metadata, content])
/// signer.isValid(signature, for: [header, parent, metadata, content])   // true
/// ```
public struct MessageSigner: Sendable {
    private let key: SymmetricKey?

    /// A signer with the connection file's key.
    public init(key: [UInt8]) {
        self.key = key.isEmpty ? nil : SymmetricKey(data: key)
    }

    /// Whether messages are signed at all.
    public var isSigning: Bool { key != nil }

    /// The hex signature of the frames, empty when signing is off.
    public func signature(of frames: [[UInt8]]) -> String {
        guard let key else { return "" }
        var hmac = HMAC<SHA256>(key: key)
        for frame in frames { hmac.update(data: frame) }
        return Self.hex(Array(hmac.finalize()))
    }

    /// Whether `signature` (hex, as received) is the frames' signature; compared in constant time.
    public func isValid(_ signature: [UInt8], for frames: [[UInt8]]) -> Bool {
        guard let key else { return true }
        guard let code = Self.bytes(fromHex: signature), code.count == SHA256.byteCount else { return false }
        var data: [UInt8] = []
        data.reserveCapacity(frames.reduce(0) { $0 + $1.count })
        for frame in frames { data += frame }
        return HMAC<SHA256>.isValidAuthenticationCode(code, authenticating: data, using: key)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func bytes(fromHex text: [UInt8]) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        func nibble(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        var index = 0
        while index < text.count {
            guard let high = nibble(text[index]), let low = nibble(text[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
