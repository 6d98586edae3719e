/// Writes a deflate (RFC 1951) block with the fixed Huffman codes: literals and matches, packed
/// least-significant bit first into a buffer sized for the worst case (9 bits per input byte).
struct DeflateWriter: ~Copyable {
    /// The farthest back a match may reach.
    static let maxDistance = 32768

    private let output: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var count = 0
    private var bits: UInt64 = 0
    private var bitCount = 0
    private let literals: [DeflateTables.Code] = DeflateTables.literals

    /// A writer for a stream that encodes at most `inputBytes` bytes.
    init(inputBytes: Int) {
        capacity = inputBytes + inputBytes / 4 + 64
        output = .allocate(capacity: capacity)
    }

    deinit { output.deallocate() }

    /// Appends the low `count` bits of `value` (at most 32).
    @inline(__always)
    mutating func write(bits value: UInt32, count bitsToWrite: Int) {
        bits |= UInt64(value) &<< UInt64(bitCount)
        bitCount &+= bitsToWrite
        if bitCount >= 32 {
            // The capacity bound (9 bits per input byte) makes this check never fail; it keeps a
            // logic error from writing out of bounds.
            guard count + 4 <= capacity else { return }
            UnsafeMutableRawPointer(output + count).storeBytes(
                of: UInt32(truncatingIfNeeded: bits).littleEndian, as: UInt32.self)
            count += 4
            bits >>= 32
            bitCount -= 32
        }
    }

    /// A literal byte.
    @inline(__always)
    mutating func literal(_ byte: UInt8) {
        let code = literals.withUnsafeBufferPointer { $0[Int(byte)] }
        write(bits: code.bits, count: code.count)
    }

    /// Three literals: the red, green and blue bytes of an ARGB32 pixel, in one write.
    @inline(__always)
    mutating func pixel(_ argb: UInt32) {
        let (red, green, blue) = literals.withUnsafeBufferPointer {
            ($0[Int(argb >> 16 & 0xFF)], $0[Int(argb >> 8 & 0xFF)], $0[Int(argb & 0xFF)])
        }
        // At most 27 bits, so one write keeps the 64-bit accumulator from overflowing.
        write(
            bits: red.bits | green.bits << UInt32(red.count) | blue.bits << UInt32(red.count + green.count),
            count: red.count + green.count + blue.count)
    }

    /// The codes of every match length 3…258 at one distance, each length code joined with the
    /// distance code so a match piece is a single write.
    static func matchCodes(distance: Int) -> [DeflateTables.Code] {
        let distanceCode = DeflateTables.distance(distance)
        return DeflateTables.lengths.map { length in
            DeflateTables.Code(
                bits: length.bits | distanceCode.bits << UInt32(length.count), count: length.count + distanceCode.count)
        }
    }

    /// Repeats `length` bytes (any length ≥ 3) from the distance `codes` were made for (see
    /// ``matchCodes(distance:)``), in pieces of at most 258.
    @inline(__always)
    mutating func match(length: Int, codes: UnsafeBufferPointer<DeflateTables.Code>) {
        var remaining = length
        while remaining > 0 {
            var piece = min(remaining, 258)
            if remaining - piece > 0 && remaining - piece < 3 { piece = remaining - 3 }
            let code = codes[piece]
            write(bits: code.bits, count: code.count)
            remaining -= piece
        }
    }

    /// Pads to a whole byte and returns the stream.
    consuming func finish() -> [UInt8] {
        while bitCount > 0, count < capacity {
            output[count] = UInt8(truncatingIfNeeded: bits)
            count += 1
            bits >>= 8
            bitCount = max(0, bitCount - 8)
        }
        return Array(UnsafeBufferPointer(start: output, count: count))
    }
}

/// The fixed Huffman codes of RFC 1951 §3.2.6, bit-reversed for LSB-first packing, with the extra
/// bits of lengths and distances folded in.
enum DeflateTables {
    struct Code {
        var bits: UInt32
        var count: Int
    }

    static func reversed(_ code: UInt32, _ count: Int) -> UInt32 {
        var result: UInt32 = 0
        for bit in 0..<count where code & (1 << UInt32(bit)) != 0 { result |= 1 << UInt32(count - 1 - bit) }
        return result
    }

    /// The Huffman code of literal/length symbol 0…287.
    static func symbol(_ symbol: Int) -> Code {
        switch symbol {
        case 0...143: Code(bits: reversed(UInt32(0x30 + symbol), 8), count: 8)
        case 144...255: Code(bits: reversed(UInt32(0x190 + symbol - 144), 9), count: 9)
        case 256...279: Code(bits: reversed(UInt32(symbol - 256), 7), count: 7)
        default: Code(bits: reversed(UInt32(0xC0 + symbol - 280), 8), count: 8)
        }
    }

    static let literals: [Code] = (0..<256).map(symbol)

    /// Length 3…258 → its symbol's code followed by the extra bits (indices 0…2 unused).
    static let lengths: [Code] = {
        let bases = [
            3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
            227,
        ]
        let extras = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5]
        var table = [Code](repeating: Code(bits: 0, count: 0), count: 259)
        for (index, base) in bases.enumerated() {
            let code = symbol(257 + index)
            for extra in 0..<(1 << extras[index]) where base + extra <= 257 {
                table[base + extra] = Code(
                    bits: code.bits | UInt32(extra) << UInt32(code.count), count: code.count + extras[index])
            }
        }
        table[258] = symbol(285)
        return table
    }()

    /// Distance 1…32768 → its 5-bit code followed by the extra bits.
    static func distance(_ distance: Int) -> Code {
        let bases = [
            1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
            4097, 6145, 8193, 12289, 16385, 24577,
        ]
        let index = (bases.lastIndex { $0 <= distance }) ?? 0
        let extraCount = index < 4 ? 0 : index / 2 - 1
        let extra = UInt32(distance - bases[index])
        return Code(bits: reversed(UInt32(index), 5) | extra << 5, count: 5 + extraCount)
    }
}
