extension Lexer {
    /// Lexes an int or float literal: `42`, `1_000`, `0x1F`, `3.5`, `.5`, `3e-2`.
    mutating func lexNumber() {
        let start = position
        if peek() == UInt8(ascii: "0"), let radix = radixPrefix(peek(1)) {
            position += 2
            let digitsStart = position
            while position < end && (isHexDigit(bytes[position]) || bytes[position] == UInt8(ascii: "_")) {
                position += 1
            }
            let digits = String(decoding: bytes[digitsStart..<position], as: UTF8.self).replacing("_", with: "")
            if let value = Int(digits, radix: radix) {
                tokens.append(Token(.int(value), SourceRange(start, position)))
            } else {
                error("invalid or too large integer literal", SourceRange(start, position))
                tokens.append(Token(.int(0), SourceRange(start, position)))
            }
            return
        }
        var isFloat = false
        consumeDigits()
        if peek() == UInt8(ascii: ".") && !(peek(1) == UInt8(ascii: ".") && peek(2) == UInt8(ascii: ".")) {
            isFloat = true
            position += 1
            consumeDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            let sign = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")
            if isDigit(peek(sign ? 2 : 1)) {
                isFloat = true
                position += sign ? 2 : 1
                consumeDigits()
            }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self).replacing("_", with: "")
        let range = SourceRange(start, position)
        if isIdentifierStart(peek()) {
            error("invalid decimal literal", SourceRange(start, position + 1))
        }
        if isFloat {
            tokens.append(Token(.float(Double(text) ?? 0), range))
        } else if let value = Int(text) {
            if text.count > 1 && text.hasPrefix("0") && value != 0 {
                error(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    range)
            }
            tokens.append(Token(.int(value), range))
        } else {
            error("integer literal too large (integers are limited to 64 bits here)", range)
            tokens.append(Token(.int(0), range))
        }
    }

    private mutating func consumeDigits() {
        while position < end && (isDigit(bytes[position]) || (bytes[position] == UInt8(ascii: "_") && isDigit(peek(1))))
        {
            position += 1
        }
    }

    private func radixPrefix(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "x"), UInt8(ascii: "X"): 16
        case UInt8(ascii: "o"), UInt8(ascii: "O"): 8
        case UInt8(ascii: "b"), UInt8(ascii: "B"): 2
        default: nil
        }
    }

    /// Lexes a string literal whose quote is at `position`; `prefixStart` is where its prefix began.
    mutating func lexString(prefixStart: Int, raw: Bool, formatted: Bool) {
        let quote = bytes[position]
        let triple = peek(1) == quote && peek(2) == quote
        position += triple ? 3 : 1
        let bodyStart = position
        var value: [UInt8] = []
        var braceDepth = 0
        while true {
            guard position < end else {
                let kind = triple ? "unterminated triple-quoted string literal" : "unterminated string literal"
                error(kind, SourceRange(prefixStart, position))
                finishString(prefixStart, bodyStart, position, value, raw: raw, formatted: formatted)
                return
            }
            let byte = bytes[position]
            if byte == quote && braceDepth == 0 {
                if !triple {
                    break
                }
                if peek(1) == quote && peek(2) == quote { break }
            }
            if byte == UInt8(ascii: "\n") && !triple && braceDepth == 0 {
                error("unterminated string literal", SourceRange(prefixStart, position))
                finishString(prefixStart, bodyStart, position, value, raw: raw, formatted: formatted)
                return
            }
            if formatted {
                // Track replacement fields so quotes inside `{...}` do not end the string.
                if byte == UInt8(ascii: "{") {
                    if braceDepth == 0 && peek(1) == UInt8(ascii: "{") {
                        position += 2
                        continue
                    }
                    braceDepth += 1
                } else if byte == UInt8(ascii: "}") && braceDepth > 0 {
                    braceDepth -= 1
                } else if braceDepth > 0 && (byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"")) && byte != quote {
                    position += 1
                    while position < end && bytes[position] != byte && bytes[position] != UInt8(ascii: "\n") {
                        position += 1
                    }
                    // An inner string left open runs to the end: the unterminated-string error above reports it.
                    if position >= end { continue }
                }
                position += 1
                continue
            }
            if byte == UInt8(ascii: "\\") && position + 1 < end {
                if raw {
                    value.append(byte)
                    value.append(bytes[position + 1])
                    position += 2
                } else {
                    lexEscape(into: &value)
                }
                continue
            }
            value.append(byte)
            position += 1
        }
        let bodyEnd = position
        position += triple ? 3 : 1
        finishString(prefixStart, bodyStart, bodyEnd, value, raw: raw, formatted: formatted)
    }

    private mutating func finishString(
        _ start: Int, _ bodyStart: Int, _ bodyEnd: Int, _ value: [UInt8], raw: Bool, formatted: Bool
    ) {
        let range = SourceRange(start, position)
        if formatted {
            tokens.append(Token(.fstring(body: SourceRange(bodyStart, bodyEnd), raw: raw), range))
        } else {
            tokens.append(Token(.string(String(decoding: value, as: UTF8.self)), range))
        }
    }

    /// Processes one backslash escape at `position`, appending its UTF-8 bytes.
    mutating func lexEscape(into value: inout [UInt8]) {
        let next = bytes[position + 1]
        position += 2
        switch next {
        case UInt8(ascii: "n"): value.append(10)
        case UInt8(ascii: "t"): value.append(9)
        case UInt8(ascii: "r"): value.append(13)
        case UInt8(ascii: "0"): value.append(0)
        case UInt8(ascii: "a"): value.append(7)
        case UInt8(ascii: "b"): value.append(8)
        case UInt8(ascii: "f"): value.append(12)
        case UInt8(ascii: "v"): value.append(11)
        case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): value.append(next)
        case UInt8(ascii: "\n"): break
        case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = next == UInt8(ascii: "x") ? 2 : next == UInt8(ascii: "u") ? 4 : 8
            let digitsEnd = min(position + count, end)
            let digits = String(decoding: bytes[position..<digitsEnd], as: UTF8.self)
            if digits.count == count, let code = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(code) {
                value.append(contentsOf: Array(String(Character(scalar)).utf8))
                position = digitsEnd
            } else {
                error("truncated \\\(Character(Unicode.Scalar(next))) escape", SourceRange(position - 2, digitsEnd))
            }
        default:
            value.append(UInt8(ascii: "\\"))
            value.append(next)
        }
    }
}

func isHexDigit(_ byte: UInt8) -> Bool {
    isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
        || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
}
