import CZlib
import Foundation

/// Encodes opaque pixels as an 8-bit RGB PNG, fast.
///
/// Cairo's own writer (libpng, RGBA, zlib level 6) spent about 0.6 s on the 64-feature-map
/// figure, and zlib's fastest strategy still ~40 ms. A 2× figure is mostly repetition — every
/// cell is a block of equal pixels, rows repeat the row above, the background is flat — so this
/// encoder writes the deflate stream itself with only the matches that repetition needs: "same as
/// the pixel to the left" (distance 3) and "same as the pixel above" (distance one row), in one
/// fixed-Huffman block, in a single linear pass. The result is a standard PNG that any decoder
/// reads (tests decode it with Cairo and compare it with Cairo's writer pixel by pixel).
enum PNGEncoder {
    /// Encodes `height` rows of `width` ARGB32 pixels (`stride` pixels apart); alpha is ignored.
    static func encode(argb pixels: UnsafePointer<UInt32>, width: Int, height: Int, stride: Int) -> [UInt8] {
        let rowBytes = 1 + 3 * width
        var idat: [UInt8] = [0x78, 0x01]  // zlib header: deflate, 32 KB window, no dictionary
        var adler: uLong = adler32(0, nil, 0)
        var writer = DeflateWriter(inputBytes: rowBytes * height)
        writer.write(bits: 0b011, count: 3)  // final block, fixed Huffman codes
        let rowMatches = DeflateWriter.matchCodes(distance: min(rowBytes, DeflateWriter.maxDistance))
        let pixelMatches = DeflateWriter.matchCodes(distance: 3)
        let aboveReachable = rowBytes <= DeflateWriter.maxDistance
        var rowAdler: uLong = 1
        rowMatches.withUnsafeBufferPointer { rowCodes in
            pixelMatches.withUnsafeBufferPointer { pixelCodes in
                for y in 0..<height {
                    let current = pixels + y * stride
                    let above = current - stride
                    if y > 0, aboveReachable, memcmp(current, above, width * 4) == 0 {
                        writer.match(length: rowBytes, codes: rowCodes)
                    } else {
                        writer.literal(0)  // filter type None
                        rowAdler = encodeRow(
                            current, above: y > 0 && aboveReachable ? above : nil, width: width,
                            matches: (pixelCodes, rowCodes), into: &writer)
                    }
                    // A repeated row has the same checksum; combining is cheaper than re-reading it.
                    adler = adler32_combine(adler, rowAdler, off_t(rowBytes))
                }
            }
        }
        writer.write(bits: 0, count: 7)  // end of block (symbol 256)
        let body = writer.finish()
        idat += body
        idat.appendBigEndian(UInt32(truncatingIfNeeded: adler))
        return container(idat: idat, width: width, height: height)
    }

    /// The same image compressed by zlib at `level` (rows unfiltered, as the fast encoder writes
    /// them): the comparison `convbook bench render --encodings` measures the fast encoder against.
    static func encodeWithZlib(
        argb pixels: UnsafePointer<UInt32>, width: Int, height: Int, stride: Int, level: Int32
    ) throws(RenderError) -> [UInt8] {
        let rowBytes = 1 + 3 * width
        var raw = [UInt8](repeating: 0, count: rowBytes * height)
        for y in 0..<height {
            let row = pixels + y * stride
            var offset = y * rowBytes + 1
            for x in 0..<width {
                let pixel = row[x]
                raw[offset] = UInt8(truncatingIfNeeded: pixel >> 16)
                raw[offset + 1] = UInt8(truncatingIfNeeded: pixel >> 8)
                raw[offset + 2] = UInt8(truncatingIfNeeded: pixel)
                offset += 3
            }
        }
        var idat = [UInt8](repeating: 0, count: Int(compressBound(uLong(raw.count))))
        var length = uLongf(idat.count)
        let status = compress2(&idat, &length, raw, uLong(raw.count), level)
        guard status == Z_OK else { throw RenderError(.png, "zlib could not compress the image (status \(status))") }
        idat.removeSubrange(Int(length)...)
        return container(idat: idat, width: width, height: height)
    }

    /// The PNG file around a zlib stream of unfiltered 8-bit RGB rows.
    private static func container(idat: [UInt8], width: Int, height: Int) -> [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png.reserveCapacity(idat.count + 64)
        var header: [UInt8] = []
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8 bits per channel, RGB, deflate, adaptive filtering, no interlace
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", idat, to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// One row: spans equal to the row above become one match, every other pixel is written once
    /// and followed by a match repeating it while the pixels to its right are equal. Returns the
    /// row's Adler-32 checksum (filter byte included), computed on the way.
    private static func encodeRow(
        _ row: UnsafePointer<UInt32>, above: UnsafePointer<UInt32>?, width: Int,
        matches: (pixel: UnsafeBufferPointer<DeflateTables.Code>, row: UnsafeBufferPointer<DeflateTables.Code>),
        into writer: inout DeflateWriter
    ) -> uLong {
        var checksum = RowChecksum()
        var x = 0
        while x < width {
            if let above {
                var same = 0
                while x + same < width, row[x + same] == above[x + same] { same += 1 }
                if same >= 2 {
                    writer.match(length: 3 * same, codes: matches.row)
                    for index in x..<(x + same) { checksum.add(row[index], count: 1) }
                    x += same
                    continue
                }
            }
            let pixel = row[x]
            writer.pixel(pixel)
            var run = 1
            while x + run < width, row[x + run] == pixel { run += 1 }
            if run > 1 { writer.match(length: 3 * (run - 1), codes: matches.pixel) }
            checksum.add(pixel, count: run)
            x += run
        }
        return checksum.value
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        png.appendBigEndian(UInt32(data.count))
        let start = png.count
        png += Array(type.utf8)
        png += data
        let crc = png[start...].withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        png.appendBigEndian(UInt32(truncatingIfNeeded: crc))
    }
}

/// Adler-32 (RFC 1950) of one PNG row — filter byte 0, then R, G, B per pixel — fed pixel runs
/// at a time: a run of `n` equal pixels is added in closed form.
struct RowChecksum {
    private static let modulus: UInt64 = 65521
    /// The running sums; the filter byte 0 leaves `a` at 1 and adds 1 to `b`. Without reduction
    /// they stay far below 2⁶⁴ for rows of up to 2¹⁶ pixels; `value` reduces them once.
    private var a: UInt64 = 1
    private var b: UInt64 = 1

    /// Adds `count` copies of the pixel's red, green and blue bytes.
    @inline(__always)
    mutating func add(_ argb: UInt32, count: Int) {
        let red = UInt64(argb >> 16 & 0xFF)
        let green = UInt64(argb >> 8 & 0xFF)
        let blue = UInt64(argb & 0xFF)
        let sum = red + green + blue
        let n = UInt64(count)
        // Byte by byte, b gains the running a after each byte; per pixel that is 3a + 3r + 2g + b,
        // and over n pixels with a growing by `sum` each time, the arithmetic series below.
        // Wrapping operators: the bounds above make overflow impossible, and skip the checks.
        b = b &+ 3 &* a &* n &+ 3 &* sum &* (n &* (n &- 1) / 2) &+ (3 &* red &+ 2 &* green &+ blue) &* n
        a = a &+ sum &* n
        if b >= 1 << 60 { reduce() }
    }

    private mutating func reduce() {
        a %= Self.modulus
        b %= Self.modulus
    }

    /// The checksum, `b << 16 | a`.
    var value: uLong {
        let a = self.a % Self.modulus
        let b = self.b % Self.modulus
        return uLong(b << 16 | a)
    }
}

extension [UInt8] {
    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(truncatingIfNeeded: value >> 24))
        append(UInt8(truncatingIfNeeded: value >> 16))
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }
}
