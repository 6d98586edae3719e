/// A Python `str` is a sequence of code points, and two strings are equal when their code points
/// are: `len("e\u0301")` is 2 and `"e\u0301" != "\u00e9"`. Swift's `String` counts and compares
/// grapheme clusters under canonical equivalence, so the language never uses its `count`, `==`,
/// `hasPrefix` or `range(of:)` on a `str`: it works on `unicodeScalars` (one per code point) and on
/// the UTF-8 bytes, whose equality and order are exactly the code points' (UTF-8 is
/// self-synchronising, so a byte match of one valid string inside another starts and ends on code
/// points).
extension String {
    /// `len(text)`: the number of code points.
    var codePointCount: Int { unicodeScalars.count }

    /// Python's `==`: the same code points.
    func hasSameCodePoints(as other: String) -> Bool {
        utf8.count == other.utf8.count && utf8.elementsEqual(other.utf8)
    }

    /// -1, 0 or 1 as `self` sorts before, with or after `other`, code point by code point.
    func codePointOrder(_ other: String) -> Int {
        var left = utf8.makeIterator()
        var right = other.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let a?, let b?): if a != b { return a < b ? -1 : 1 }
            }
        }
    }

    /// `text.startswith(part)`.
    func startsWithCodePoints(_ part: String) -> Bool {
        utf8.starts(with: part.utf8)
    }

    /// `text.endswith(part)`.
    func endsWithCodePoints(_ part: String) -> Bool {
        utf8.count >= part.utf8.count && utf8.suffix(part.utf8.count).elementsEqual(part.utf8)
    }

    /// The code point at `position` (negative counts from the end), walking only as far as it
    /// lies from the end it is counted from; nil when out of range.
    func codePoint(at position: Int) -> Unicode.Scalar? {
        let scalars = unicodeScalars
        if position >= 0 {
            guard let index = scalars.index(scalars.startIndex, offsetBy: position, limitedBy: scalars.endIndex),
                index < scalars.endIndex
            else { return nil }
            return scalars[index]
        }
        guard let index = scalars.index(scalars.endIndex, offsetBy: position, limitedBy: scalars.startIndex) else {
            return nil
        }
        return scalars[index]
    }

    /// The code points `start`, `start + step`, … (`count` of them, all in range), in one walk.
    func codePoints(from start: Int, step: Int, count: Int) -> String {
        guard count > 0 else { return "" }
        let scalars = unicodeScalars
        var index = scalars.index(scalars.startIndex, offsetBy: start)
        if step == 1 { return String(scalars[index..<scalars.index(index, offsetBy: count)]) }
        var result = String.UnicodeScalarView()
        for offset in 0..<count {
            if offset > 0 { index = scalars.index(index, offsetBy: step) }
            result.append(scalars[index])
        }
        return String(result)
    }

    /// The UTF-8 byte offsets where `needle` (not empty) occurs, left to right and not
    /// overlapping, as Python's `find`, `count`, `split` and `replace` see them: at most `limit`
    /// of them are handed to `visit`, with the bytes of the whole text. Linear in both lengths
    /// (Knuth–Morris–Pratt), so no text makes it quadratic.
    func forEachOccurrence(
        of needle: String, limit: Int = .max, _ visit: (_ offset: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Void
    ) {
        var text = self
        var needle = needle
        text.withUTF8 { haystack in
            needle.withUTF8 { pattern in
                let length = pattern.count
                guard length > 0, length <= haystack.count, limit > 0 else { return }
                var found = 0
                if length == 1 {
                    let byte = pattern[0]
                    for offset in 0..<haystack.count where haystack[offset] == byte {
                        visit(offset, haystack)
                        found += 1
                        if found == limit { return }
                    }
                    return
                }
                // failure[i]: the length of the longest proper border of pattern[0...i].
                var failure = [Int](repeating: 0, count: length)
                var border = 0
                for i in 1..<length {
                    while border > 0 && pattern[i] != pattern[border] { border = failure[border - 1] }
                    if pattern[i] == pattern[border] { border += 1 }
                    failure[i] = border
                }
                var matched = 0
                for offset in 0..<haystack.count {
                    while matched > 0 && haystack[offset] != pattern[matched] { matched = failure[matched - 1] }
                    if haystack[offset] == pattern[matched] { matched += 1 }
                    if matched == length {
                        visit(offset + 1 - length, haystack)
                        found += 1
                        if found == limit { return }
                        matched = 0
                    }
                }
            }
        }
    }

    /// The UTF-8 byte offset of the first occurrence of `needle` (not empty), or nil.
    func firstOccurrence(of needle: String) -> Int? {
        var result: Int?
        forEachOccurrence(of: needle, limit: 1) { offset, _ in result = offset }
        return result
    }

    /// The number of code points in the first `byteOffset` UTF-8 bytes.
    func codePointCount(inFirst byteOffset: Int) -> Int {
        utf8.prefix(byteOffset).reduce(0) { count, byte in byte & 0xC0 == 0x80 ? count : count + 1 }
    }
}

extension Unicode.Scalar {
    /// Python's `str.isspace` for one code point: White_Space, and the separators `\x1c`–`\x1f`.
    var isPythonSpace: Bool {
        properties.isWhitespace || (0x1C...0x1F).contains(value)
    }

    /// Python's `str.isalpha` for one code point: a letter (categories Lu, Ll, Lt, Lm, Lo).
    var isPythonAlpha: Bool {
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    /// Python's `str.isdigit` for one code point: a decimal or other digit (`"²"`, not `"½"`).
    var isPythonDigit: Bool {
        properties.numericType == .decimal || properties.numericType == .digit
    }

    /// Python's `str.isprintable` for one code point, which decides what `repr` escapes: not a
    /// control, format, surrogate, private-use, unassigned or separator code point (but the space).
    var isPythonPrintable: Bool {
        if value == 0x20 { return true }
        switch properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator,
            .spaceSeparator:
            return false
        default:
            return true
        }
    }
}
