/// A strict JSON reader (RFC 8259) with byte positions in its errors and a nesting limit.
///
/// It never recurses deeper than `maxDepth`, so a hostile file cannot overflow the stack. Like Python's
/// `json` module it also accepts `NaN`, `Infinity` and `-Infinity`, which Jupyter may have written, and a
/// repeated key keeps its last value. Strings must be valid UTF-8; an unpaired `\u` surrogate becomes U+FFFD.
public struct JSONParser {
    /// The default nesting limit: far beyond any real notebook (which nest about ten deep).
    public static let defaultMaxDepth = 512

    private let bytes: [UInt8]
    private let maxDepth: Int
    private(set) var index: Int

    init(bytes: [UInt8], start: Int, maxDepth: Int) {
        self.bytes = bytes
        self.index = start
        self.maxDepth = maxDepth
    }

    /// Parses a complete JSON text; anything but whitespace after the value is an error.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: bytes, start: 0, maxDepth: maxDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.index < bytes.count {
            throw JSONSyntaxError("unexpected \(parser.describeCurrent()) after the JSON value", at: parser.index)
        }
        return value
    }

    /// Parses one JSON value starting at `start` (after optional whitespace) and returns it with the offset
    /// just past it, leaving the rest of the text alone.
    public static func parsePrefix(
        _ bytes: [UInt8], from start: Int, maxDepth: Int = defaultMaxDepth
    ) throws(JSONSyntaxError) -> (value: JSONValue, end: Int) {
        var parser = JSONParser(bytes: bytes, start: start, maxDepth: maxDepth)
        parser.skipWhitespace()
        let value = try parser.parseValue(depth: 0)
        return (value, parser.index)
    }

    // MARK: - Values

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard index < bytes.count else { throw JSONSyntaxError("unexpected end of text, expected a value", at: index) }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["):
            return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"):
            try expectWord("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return .null
        case UInt8(ascii: "N"):
            try expectWord("NaN")
            return .number(.nan)
        case UInt8(ascii: "I"):
            try expectWord("Infinity")
            return .number(.infinity)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try parseNumber())
        default:
            throw JSONSyntaxError("unexpected \(describeCurrent()), expected a value", at: index)
        }
    }

    private mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        try checkDepth(depth)
        index += 1  // {
        var object = JSONObject()
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            index += 1
            return .object(object)
        }
        while true {
            guard peek(UInt8(ascii: "\"")) else {
                throw JSONSyntaxError("expected a string key in quotes, found \(describeCurrent())", at: index)
            }
            let key = try parseString()
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else {
                throw JSONSyntaxError(
                    "expected ':' after the key \(MessageQuoting.quote(key)), found \(describeCurrent())", at: index)
            }
            index += 1
            skipWhitespace()
            object[key] = try parseValue(depth: depth)
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                index += 1
                skipWhitespace()
            } else if peek(UInt8(ascii: "}")) {
                index += 1
                return .object(object)
            } else {
                throw JSONSyntaxError(
                    "expected ',' or '}' after an object member, found \(describeCurrent())", at: index)
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        try checkDepth(depth)
        index += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                index += 1
                skipWhitespace()
            } else if peek(UInt8(ascii: "]")) {
                index += 1
                return .array(elements)
            } else {
                throw JSONSyntaxError(
                    "expected ',' or ']' after an array element, found \(describeCurrent())", at: index)
            }
        }
    }

    private func checkDepth(_ depth: Int) throws(JSONSyntaxError) {
        if depth > maxDepth {
            throw JSONSyntaxError("JSON nested deeper than \(maxDepth) levels", at: index, isDepthLimit: true)
        }
    }

    // MARK: - Scalars

    private mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = index
        if peek(UInt8(ascii: "-")) {
            index += 1
            if peek(UInt8(ascii: "I")) {
                try expectWord("Infinity")
                return -.infinity
            }
        }
        guard index < bytes.count, isDigit(bytes[index]) else {
            throw JSONSyntaxError("expected a digit in the number, found \(describeCurrent())", at: index)
        }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) {
                throw JSONSyntaxError("numbers may not have leading zeros", at: start)
            }
        } else {
            skipDigits()
        }
        if peek(UInt8(ascii: ".")) {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw JSONSyntaxError("expected a digit after the decimal point, found \(describeCurrent())", at: index)
            }
            skipDigits()
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            index += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else {
                throw JSONSyntaxError("expected a digit in the exponent, found \(describeCurrent())", at: index)
            }
            skipDigits()
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text) else { throw JSONSyntaxError("the number \(text) is out of range", at: start) }
        return value
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = index
        index += 1  // opening quote
        var scalars: [UInt8] = []
        var runStart = index
        while true {
            guard index < bytes.count else { throw JSONSyntaxError("unterminated string", at: start) }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                scalars.append(contentsOf: bytes[runStart..<index])
                index += 1
                break
            } else if byte == UInt8(ascii: "\\") {
                scalars.append(contentsOf: bytes[runStart..<index])
                try parseEscape(into: &scalars)
                runStart = index
            } else if byte < 0x20 {
                throw JSONSyntaxError(
                    "control character U+\(hex4(UInt32(byte))) must be escaped inside a string", at: index)
            } else {
                index += 1
            }
        }
        guard let string = String(validating: scalars, as: UTF8.self) else {
            throw JSONSyntaxError("the string is not valid UTF-8", at: start)
        }
        return string
    }

    private mutating func parseEscape(into output: inout [UInt8]) throws(JSONSyntaxError) {
        let escapeStart = index
        index += 1  // backslash
        guard index < bytes.count else { throw JSONSyntaxError("unterminated string", at: escapeStart) }
        let letter = bytes[index]
        index += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(letter)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var code = try parseHex4(escapeStart: escapeStart)
            if (0xD800...0xDBFF).contains(code), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                bytes[index + 1] == UInt8(ascii: "u")
            {
                let saved = index
                index += 2
                let low = try parseHex4(escapeStart: saved)
                if (0xDC00...0xDFFF).contains(low) {
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    index = saved  // not a pair: the high surrogate stands alone, the next escape is read on its own
                }
            }
            let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
            output.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw JSONSyntaxError("invalid escape '\\\(describe(letter))' in a string", at: escapeStart)
        }
    }

    private mutating func parseHex4(escapeStart: Int) throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw JSONSyntaxError("incomplete \\u escape", at: escapeStart) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw JSONSyntaxError("invalid hex digit in a \\u escape", at: index)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    // MARK: - Locating a path

    /// Moves from the start of a container to the start of its member `component`; `false` if there is none.
    mutating func step(into component: JSONPath.Component) -> Bool {
        do throws(JSONSyntaxError) {
            switch component {
            case .key(let wanted):
                guard peek(UInt8(ascii: "{")) else { return false }
                index += 1
                skipWhitespace()
                while peek(UInt8(ascii: "\"")) {
                    let key = try parseString()
                    skipWhitespace()
                    guard peek(UInt8(ascii: ":")) else { return false }
                    index += 1
                    skipWhitespace()
                    if key == wanted { return true }
                    _ = try parseValue(depth: 1)
                    skipWhitespace()
                    guard peek(UInt8(ascii: ",")) else { return false }
                    index += 1
                    skipWhitespace()
                }
                return false
            case .index(let wanted):
                guard peek(UInt8(ascii: "[")) else { return false }
                index += 1
                skipWhitespace()
                var position = 0
                while index < bytes.count, !peek(UInt8(ascii: "]")) {
                    if position == wanted { return true }
                    _ = try parseValue(depth: 1)
                    skipWhitespace()
                    guard peek(UInt8(ascii: ",")) else { return false }
                    index += 1
                    skipWhitespace()
                    position += 1
                }
                return false
            }
        } catch {
            return false
        }
    }

    // MARK: - Helpers

    private mutating func expectWord(_ word: StaticString) throws(JSONSyntaxError) {
        let start = index
        let expected = word.withUTF8Buffer { Array($0) }
        guard index + expected.count <= bytes.count, bytes[index..<index + expected.count].elementsEqual(expected)
        else {
            throw JSONSyntaxError("unexpected \(describeCurrent()), expected a value", at: start)
        }
        index += expected.count
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func skipDigits() {
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

    private func describeCurrent() -> String {
        index < bytes.count ? "'\(describe(bytes[index]))'" : "end of text"
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return String(UnicodeScalar(byte)) }
        return "\\x" + String(byte, radix: 16, uppercase: true)
    }

    private func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
