extension Parser {
    /// Splits an f-string body into literal text and replacement fields, parsing each field's
    /// expression with a sub-lexer over the same source so ranges stay exact.
    mutating func parseFStringBody(_ body: SourceRange, raw: Bool) throws(Failure) -> [FStringPart] {
        let bytes = source.bytes
        var parts: [FStringPart] = []
        let end = min(body.end, bytes.count)
        var position = min(body.start, end)
        try parseFStringParts(bytes, &position, end, raw: raw, specDepth: 0, into: &parts)
        return parts
    }

    /// How deeply format specs may nest replacement fields (`f'{x:{w}}'` is one level), as in CPython.
    private static let maximumSpecDepth = 2

    /// Literal text and replacement fields up to `end` (or, inside a format spec, up to its closing `}`).
    private mutating func parseFStringParts(
        _ bytes: [UInt8], _ position: inout Int, _ end: Int, raw: Bool, specDepth: Int,
        into parts: inout [FStringPart]
    ) throws(Failure) {
        let inSpec = specDepth > 0
        var literal: [UInt8] = []
        func flush() {
            if !literal.isEmpty {
                parts.append(.literal(String(decoding: literal, as: UTF8.self)))
                literal.removeAll()
            }
        }
        while position < end {
            let byte = bytes[position]
            if byte == UInt8(ascii: "{") {
                if !inSpec && position + 1 < end && bytes[position + 1] == UInt8(ascii: "{") {
                    literal.append(byte)
                    position += 2
                    continue
                }
                flush()
                if specDepth >= Self.maximumSpecDepth {
                    throw fail("f-string: expressions nested too deeply", SourceRange(position, position + 1))
                }
                parts.append(try parseReplacementField(bytes, &position, end, raw: raw, specDepth: specDepth))
                continue
            }
            if byte == UInt8(ascii: "}") {
                if !inSpec && position + 1 < end && bytes[position + 1] == UInt8(ascii: "}") {
                    literal.append(byte)
                    position += 2
                    continue
                }
                if inSpec { break }
                throw fail("f-string: single '}' is not allowed", SourceRange(position, position + 1))
            }
            if byte == UInt8(ascii: "\\") && !raw && position + 1 < end {
                var lexer = Lexer(source: source, range: SourceRange(position, end), layout: false)
                lexer.lexEscape(into: &literal)
                position = lexer.position
                continue
            }
            literal.append(byte)
            position += 1
        }
        flush()
    }

    /// Parses `{expression[=][!conversion][:spec]}` starting at the `{`.
    private mutating func parseReplacementField(
        _ bytes: [UInt8], _ position: inout Int, _ end: Int, raw: Bool, specDepth: Int
    ) throws(Failure) -> FStringPart {
        let open = position
        position += 1
        // Find the end of the expression: a top-level `!`, `:` or `}` (or `=` before them).
        var depth = 0
        var cursor = position
        var expressionEnd = -1
        while cursor < end {
            let byte = bytes[cursor]
            switch byte {
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: ")"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: "}"):
                if depth == 0 { expressionEnd = cursor } else { depth -= 1 }
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                cursor += 1
                while cursor < end && bytes[cursor] != byte { cursor += 1 }
                if cursor >= end {
                    throw fail("f-string: unterminated string", SourceRange(open, end))
                }
            case UInt8(ascii: "!"):
                if depth == 0 && !(cursor + 1 < end && bytes[cursor + 1] == UInt8(ascii: "=")) {
                    expressionEnd = cursor
                }
            case UInt8(ascii: ":"):
                if depth == 0 { expressionEnd = cursor }
            default: break
            }
            if expressionEnd >= 0 { break }
            cursor += 1
        }
        guard expressionEnd >= 0 else {
            throw fail("f-string: expecting '}'", SourceRange(open, end))
        }
        var expressionRange = SourceRange(position, expressionEnd)
        var debugText: String?
        // `{x=}` prints `x=` followed by the repr.
        var trimmedEnd = expressionEnd
        while trimmedEnd > position && bytes[trimmedEnd - 1] == UInt8(ascii: " ") { trimmedEnd -= 1 }
        if trimmedEnd > position && bytes[trimmedEnd - 1] == UInt8(ascii: "=")
            && !(trimmedEnd - 2 >= position
                && [UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">")].contains(
                    bytes[trimmedEnd - 2]))
        {
            debugText = source.text(in: SourceRange(position, expressionEnd))
            expressionRange = SourceRange(position, trimmedEnd - 1)
        }
        let expression = try parseEmbeddedExpression(expressionRange)
        position = expressionEnd
        var conversion: Character?
        if bytes[position] == UInt8(ascii: "!") {
            guard position + 1 < end else { throw fail("f-string: expecting '}'", SourceRange(open, end)) }
            let letter = Character(Unicode.Scalar(bytes[position + 1]))
            guard "rsa".contains(letter) else {
                throw fail(
                    "f-string: invalid conversion character '\(letter)': expected 's', 'r', or 'a'",
                    SourceRange(position, position + 2))
            }
            conversion = letter
            position += 2
        }
        var spec: [FStringPart] = []
        if position < end && bytes[position] == UInt8(ascii: ":") {
            position += 1
            try parseFStringParts(bytes, &position, end, raw: raw, specDepth: specDepth + 1, into: &spec)
        }
        guard position < end && bytes[position] == UInt8(ascii: "}") else {
            throw fail("f-string: expecting '}'", SourceRange(open, min(position + 1, end)))
        }
        position += 1
        if debugText != nil && conversion == nil && spec.isEmpty { conversion = "r" }
        return .field(expression, conversion: conversion, spec: spec, debugText: debugText)
    }

    private mutating func parseEmbeddedExpression(_ range: SourceRange) throws(Failure) -> Expr {
        var lexer = Lexer(source: source, range: range, layout: false)
        var subTokens = lexer.tokenize()
        if let problem = lexer.errors.first {
            errors.append(problem)
            throw Failure()
        }
        if subTokens.count == 1 {
            throw fail("f-string: valid expression required before '}'", SourceRange(range.start - 1, range.end + 1))
        }
        subTokens[subTokens.count - 1] = Token(.end, .at(range.end))
        var parser = Parser(source: source, tokens: subTokens)
        parser.depth = depth
        parser.chain = chain
        do throws(Failure) {
            let expression = try parser.parseExpressionList()
            if !parser.atEnd {
                throw parser.fail("f-string: invalid syntax", parser.current.range)
            }
            return expression
        } catch {
            errors += parser.errors
            throw error
        }
    }
}
