/// Decoding one character from the bytes read so far.
enum UTF8Decoding: Equatable {
    case incomplete
    case scalar(Unicode.Scalar)

    /// The character the bytes make, `incomplete` while more bytes are due; malformed bytes give U+FFFD.
    static func scalar(_ bytes: [UInt8]) -> UTF8Decoding {
        guard let first = bytes.first else { return .incomplete }
        let expected =
            switch first {
            case 0..<0x80: 1
            case 0xC2..<0xE0: 2
            case 0xE0..<0xF0: 3
            case 0xF0..<0xF5: 4
            default: 1
            }
        if bytes.count < expected && bytes.dropFirst().allSatisfy({ $0 & 0xC0 == 0x80 }) { return .incomplete }
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&iterator), bytes.count == expected { return .scalar(scalar) }
        return .scalar("\u{FFFD}")
    }
}
