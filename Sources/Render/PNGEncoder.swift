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
        var row = [UInt8](repeating: 0, count: rowBytes)  // filter byte 0 (None), then RGB
        let body = row.withUnsafeMutableBufferPointer { rowBuffer -> [UInt8] in
            var writer = DeflateWriter(inputBytes: rowBytes * height)
            writer.write(bits: 0b011, count: 3)  // final block, fixed Huffman codes
            let rowMatches = DeflateWriter.matchCodes(distance: min(rowBytes, DeflateWriter.maxDistance))
            let pixelMatches = DeflateWriter.matchCodes(distance: 3)
            let aboveReachable = rowBytes <= DeflateWriter.maxDistance
            var rowAdler: uLong = 1
            for y in 0..<height {
                let current = pixels + y * stride
                let above = current - stride
                if y > 0, aboveReachable, memcmp(current, above, width * 4) == 0 {
                    rowMatches.withUnsafeBufferPointer { writer.match(length: rowBytes, codes: $0) }
                } else {
                    fill(rowBuffer, from: current, width: width)
                    rowAdler = adler32(1, rowBuffer.baseAddress, uInt(rowBytes))
                    writer.literal(0)
                    pixelMatches.withUnsafeBufferPointer { pixelCodes in
                        rowMatches.withUnsafeBufferPointer { rowCodes in
                            encodeRow(
                                current, above: y > 0 && aboveReachable ? above : nil, width: width,
                                matches: (pixelCodes, rowCodes), into: &writer)
                        }
                    }
                }
                // A repeated row has the same checksum; combining is cheaper than re-reading it.
                adler = adler32_combine(adler, rowAdler, off_t(rowBytes))
            }
            writer.write(bits: 0, count: 7)  // end of block (symbol 256)
            return writer.finish()
        }
        idat += body
        idat.appendBigEndian(UInt32(truncatingIfNeeded: adler))

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

    /// Writes the RGB bytes of a row after its filter byte (for the checksum).
    private static func fill(_ row: UnsafeMutableBufferPointer<UInt8>, from pixels: UnsafePointer<UInt32>, width: Int) {
        guard let base = row.baseAddress else { return }
        for x in 0..<width {
            let pixel = pixels[x]
            let byte = base + 1 + 3 * x
            byte[0] = UInt8(truncatingIfNeeded: pixel >> 16)
            byte[1] = UInt8(truncatingIfNeeded: pixel >> 8)
            byte[2] = UInt8(truncatingIfNeeded: pixel)
        }
    }

    /// One row: spans equal to the row above become one match, every other pixel is written once
    /// and followed by a match repeating it while the pixels to its right are equal.
    private static func encodeRow(
        _ row: UnsafePointer<UInt32>, above: UnsafePointer<UInt32>?, width: Int,
        matches: (pixel: UnsafeBufferPointer<DeflateTables.Code>, row: UnsafeBufferPointer<DeflateTables.Code>),
        into writer: inout DeflateWriter
    ) {
        var x = 0
        while x < width {
            if let above {
                var same = 0
                while x + same < width, row[x + same] == above[x + same] { same += 1 }
                if same >= 2 {
                    writer.match(length: 3 * same, codes: matches.row)
                    x += same
                    continue
                }
            }
            let pixel = row[x]
            writer.pixel(pixel)
            var run = 1
            while x + run < width, row[x + run] == pixel { run += 1 }
            if run > 1 { writer.match(length: 3 * (run - 1), codes: matches.pixel) }
            x += run
        }
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

extension [UInt8] {
    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(truncatingIfNeeded: value >> 24))
        append(UInt8(truncatingIfNeeded: value >> 16))
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }
}
