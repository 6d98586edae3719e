import Foundation

extension Interpreter {
    func stringMethod(_ text: String, _ name: String) -> BuiltinFunction? {
        let method: BuiltinFunction.Body
        switch name {
        case "upper": method = { _, _ in .str(text.uppercased()) }
        case "lower": method = { _, _ in .str(pythonLower(text)) }
        case "title": method = { _, _ in .str(pythonTitle(text)) }
        case "capitalize":
            method = { _, _ in
                let scalars = text.unicodeScalars
                guard let first = scalars.first else { return .str("") }
                var result = first.properties.titlecaseMapping
                var index = scalars.index(after: scalars.startIndex)
                while index < scalars.endIndex {
                    result += lowercaseMapping(scalars, at: index)
                    index = scalars.index(after: index)
                }
                return .str(result)
            }
        case "strip", "lstrip", "rstrip":
            method = { interpreter, arguments throws(PyError) in
                let values = try arguments.bind(name, ["chars"])
                let characters = try values[0].orNone.map { (value) throws(PyError) in
                    Set(try interpreter.stringArgument(value, "chars").unicodeScalars)
                }
                let strips = { (scalar: Unicode.Scalar) in characters?.contains(scalar) ?? scalar.isPythonSpace }
                var result = Substring(text).unicodeScalars
                if name != "rstrip" { result = result.drop(while: strips) }
                if name != "lstrip" {
                    while let last = result.last, strips(last) { result = result.dropLast() }
                }
                return .str(String(result))
            }
        case "split":
            method = { interpreter, arguments throws(PyError) in
                let values = try arguments.bind("split", ["sep", "maxsplit"])
                let limit =
                    try values[1].orNone.map { (value) throws(PyError) in try interpreter.intArgument(value, "maxsplit")
                    } ?? -1
                if let separatorValue = values[0].orNone {
                    let separator = try interpreter.stringArgument(separatorValue, "sep")
                    guard !separator.isEmpty else { throw PyError.value("empty separator") }
                    var parts: [Value] = []
                    var start = 0
                    let length = separator.utf8.count
                    text.forEachOccurrence(of: separator, limit: limit < 0 ? .max : limit) { offset, bytes in
                        parts.append(
                            .str(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)))
                        start = offset + length
                    }
                    parts.append(.str(String(decoding: text.utf8.dropFirst(start), as: UTF8.self)))
                    return .list(try ListBox(parts, budget: interpreter.memory))
                }
                let parts = splitWhitespace(text, limit: limit < 0 ? .max : limit)
                return .list(try ListBox(parts.map { .str($0) }, budget: interpreter.memory))
            }
        case "splitlines":
            method = { interpreter, arguments throws(PyError) in
                let values = try arguments.bind("splitlines", ["keepends"])
                let keepEnds = try values[0].orNone.map { (value) throws(PyError) in try interpreter.truthy(value) }
                let lines = splitLines(text, keepEnds: keepEnds ?? false)
                return .list(try ListBox(lines.map { .str($0) }, budget: interpreter.memory))
            }
        case "join":
            method = { interpreter, arguments throws(PyError) in
                try arguments.expectPositional("join", 1)
                var parts: [String] = []
                var bytes = 0
                for item in try interpreter.iterateAll(arguments.positional[0]) {
                    guard case .str(let part) = item else {
                        throw PyError.type(
                            "sequence item \(parts.count): expected str instance, \(typeName(of: item)) found")
                    }
                    bytes += part.utf8.count + (parts.isEmpty ? 0 : text.utf8.count)
                    try interpreter.memory.check(bytes, for: .string)
                    parts.append(part)
                }
                return .str(parts.joined(separator: text))
            }
        case "replace":
            method = { interpreter, arguments throws(PyError) in
                let values = try arguments.bind("replace", ["old", "new"], required: 2)
                let old = try interpreter.stringArgument(values[0] ?? .none, "replace() argument 1")
                let new = try interpreter.stringArgument(values[1] ?? .none, "replace() argument 2")
                if old.isEmpty {
                    // `new` before every code point and at the end, as Python inserts it.
                    let slots = text.codePointCount + 1
                    try interpreter.memory.check(
                        MemoryBudget.repeated(new.utf8.count, slots).map { $0 &+ text.utf8.count }, for: .string)
                    var result = new
                    for scalar in text.unicodeScalars {
                        result.unicodeScalars.append(scalar)
                        result += new
                    }
                    return .str(result)
                }
                if new.utf8.count > old.utf8.count {
                    // At most one occurrence per length of `old`; counted only when that bound is too much.
                    let extra = new.utf8.count - old.utf8.count
                    let most = text.utf8.count / old.utf8.count
                    if !interpreter.memory.fits(MemoryBudget.repeated(extra, most).map { $0 &+ text.utf8.count }) {
                        var occurrences = 0
                        text.forEachOccurrence(of: old) { _, _ in occurrences += 1 }
                        try interpreter.memory.check(
                            MemoryBudget.repeated(extra, occurrences).map { $0 &+ text.utf8.count }, for: .string)
                    }
                }
                var result: [UInt8] = []
                var start = 0
                text.forEachOccurrence(of: old) { offset, bytes in
                    result.append(contentsOf: bytes[start..<offset])
                    result.append(contentsOf: new.utf8)
                    start = offset + old.utf8.count
                }
                result.append(contentsOf: text.utf8.dropFirst(start))
                return .str(String(decoding: result, as: UTF8.self))
            }
        case "startswith", "endswith":
            method = { interpreter, arguments throws(PyError) in
                try arguments.expectPositional(name, 1)
                var candidates: [Value] = [arguments.positional[0]]
                if case .tuple(let items) = arguments.positional[0] { candidates = items }
                for candidate in candidates {
                    let part = try interpreter.stringArgument(candidate, "\(name) argument")
                    if name == "startswith" ? text.startsWithCodePoints(part) : text.endsWithCodePoints(part) {
                        return .bool(true)
                    }
                }
                return .bool(false)
            }
        case "find", "index", "count":
            method = { interpreter, arguments throws(PyError) in
                let values = try arguments.bind(name, ["sub", "start", "end"], required: 1)
                let part = try interpreter.stringArgument(values[0] ?? .none, "\(name) argument")
                // `start` and `end` bound the search as a slice would, in code points.
                var window = text
                var first = 0
                if values[1].orNone != nil || values[2].orNone != nil {
                    let length = text.codePointCount
                    var start =
                        try values[1].orNone.map { (value) throws(PyError) in
                            try interpreter.intArgument(value, "start")
                        } ?? 0
                    var end =
                        try values[2].orNone.map { (value) throws(PyError) in
                            try interpreter.intArgument(value, "end")
                        } ?? length
                    if start < 0 { start = max(0, start + length) }
                    end = end < 0 ? max(0, end + length) : min(end, length)
                    // Nothing is found where the window is shorter than `sub`, or past the end.
                    guard start <= end, end - start >= part.codePointCount else {
                        if name == "index" { throw PyError.value("substring not found") }
                        return .int(name == "count" ? 0 : -1)
                    }
                    first = start
                    window = text.codePoints(from: start, step: 1, count: end - start)
                }
                if name == "count" {
                    if part.isEmpty { return .int(window.codePointCount + 1) }
                    var occurrences = 0
                    window.forEachOccurrence(of: part) { _, _ in occurrences += 1 }
                    return .int(occurrences)
                }
                if part.isEmpty { return .int(first) }
                if let offset = window.firstOccurrence(of: part) {
                    return .int(first + window.codePointCount(inFirst: offset))
                }
                if name == "index" { throw PyError.value("substring not found") }
                return .int(-1)
            }
        case "format":
            method = { interpreter, arguments throws(PyError) in try .str(interpreter.strFormat(text, arguments)) }
        case "isdigit", "isdecimal", "isnumeric", "isalpha", "isspace", "isalnum", "isupper", "islower":
            method = { _, _ in
                let scalars = text.unicodeScalars
                guard !scalars.isEmpty else { return .bool(false) }
                switch name {
                case "isdigit": return .bool(scalars.allSatisfy(\.isPythonDigit))
                case "isdecimal": return .bool(scalars.allSatisfy { $0.properties.numericType == .decimal })
                case "isnumeric": return .bool(scalars.allSatisfy { $0.properties.numericType != nil })
                case "isalpha": return .bool(scalars.allSatisfy(\.isPythonAlpha))
                case "isspace": return .bool(scalars.allSatisfy(\.isPythonSpace))
                case "isalnum":
                    return .bool(scalars.allSatisfy { $0.isPythonAlpha || $0.properties.numericType != nil })
                default: return .bool(hasOnlyCase(text, upper: name == "isupper"))
                }
            }
        case "center", "ljust", "rjust", "zfill":
            method = { interpreter, arguments throws(PyError) in
                let values = try arguments.bind(name, ["width", "fillchar"], required: 1)
                let width = try interpreter.intArgument(values[0] ?? .none, "width")
                var fill: Unicode.Scalar = name == "zfill" ? "0" : " "
                if let value = values[1] {
                    let scalars = try interpreter.stringArgument(value, "fillchar").unicodeScalars
                    guard let first = scalars.first, scalars.count == 1 else {
                        throw PyError.type("The fill character must be exactly one character long")
                    }
                    fill = first
                }
                let length = text.codePointCount
                guard width > length else { return .str(text) }
                let padding = width - length
                let padBytes = MemoryBudget.repeated(UTF8.width(fill), padding)
                let total = padBytes.flatMap { bytes in
                    let (sum, overflow) = bytes.addingReportingOverflow(text.utf8.count)
                    return overflow ? nil : sum
                }
                try interpreter.memory.check(total, for: .string)
                let left: Int
                switch name {
                case "ljust": left = 0
                case "rjust", "zfill": left = padding
                // Python puts the odd one on the left when the width is odd.
                default: left = padding / 2 + (padding & width & 1)
                }
                let pad = { (count: Int) in String(repeating: Character(fill), count: count) }
                if name == "zfill", let sign = text.unicodeScalars.first, sign == "+" || sign == "-" {
                    return .str(String(sign) + pad(left) + String(text.unicodeScalars.dropFirst()))
                }
                return .str(pad(left) + text + pad(padding - left))
            }
        default:
            return nil
        }
        return BuiltinFunction(name, method)
    }

    /// `"{} and {name:.2f}".format(a, name=b)`.
    func strFormat(_ template: String, _ arguments: Arguments) throws(PyError) -> String {
        var result = ""
        var characters = template.unicodeScalars[...]
        var autoIndex = 0
        while let character = characters.popFirst() {
            if character == "{" {
                if characters.first == "{" {
                    characters.removeFirst()
                    result.append("{")
                    continue
                }
                var fieldText = String.UnicodeScalarView()
                while let next = characters.first, next != "}" { fieldText.append(characters.removeFirst()) }
                guard characters.popFirst() == "}" else {
                    throw PyError.value("Single '{' encountered in format string")
                }
                var spec = ""
                var conversion: Unicode.Scalar?
                if let colon = fieldText.firstIndex(of: ":") {
                    spec = String(fieldText[fieldText.index(after: colon)...])
                    fieldText = String.UnicodeScalarView(fieldText[..<colon])
                }
                if let bang = fieldText.firstIndex(of: "!") {
                    conversion = fieldText[fieldText.index(after: bang)...].first
                    fieldText = String.UnicodeScalarView(fieldText[..<bang])
                }
                let field = String(fieldText)
                var value: Value
                if field.isEmpty {
                    guard autoIndex < arguments.positional.count else {
                        throw PyError.index("Replacement index \(autoIndex) out of range for positional args tuple")
                    }
                    value = arguments.positional[autoIndex]
                    autoIndex += 1
                } else if let index = Int(field) {
                    guard index >= 0 && index < arguments.positional.count else {
                        throw PyError.index("Replacement index \(index) out of range for positional args tuple")
                    }
                    value = arguments.positional[index]
                } else {
                    guard let keyword = arguments.keyword(field) else { throw try keyError(.str(field)) }
                    value = keyword
                }
                if conversion == "r" {
                    value = .str(try repr(value))
                } else if conversion == "s" {
                    value = .str(try str(value))
                }
                try memory.append(try format(value, spec), to: &result)
            } else if character == "}" {
                if characters.first == "}" { characters.removeFirst() }
                result.append("}")
            } else {
                result.unicodeScalars.append(character)
            }
        }
        return result
    }
}

/// Python's `str.split()` without a separator: the runs between whitespace code points, at most
/// `limit` splits; the rest after the last split keeps its trailing whitespace.
func splitWhitespace(_ text: String, limit: Int) -> [String] {
    var parts: [String] = []
    var rest = Substring(text).unicodeScalars
    while true {
        rest = rest.drop(while: \.isPythonSpace)
        guard !rest.isEmpty else { break }
        if parts.count == limit {
            parts.append(String(rest))
            break
        }
        let end = rest.firstIndex(where: \.isPythonSpace) ?? rest.endIndex
        parts.append(String(rest[..<end]))
        rest = rest[end...]
    }
    return parts
}

/// Python's `str.title`: each code point after a cased one lowercased, every other one titlecased.
func pythonTitle(_ text: String) -> String {
    let scalars = text.unicodeScalars
    var result = ""
    var previousIsCased = false
    var index = scalars.startIndex
    while index < scalars.endIndex {
        let scalar = scalars[index]
        result += previousIsCased ? lowercaseMapping(scalars, at: index) : scalar.properties.titlecaseMapping
        previousIsCased = scalar.properties.isCased
        index = scalars.index(after: index)
    }
    return result
}

/// Python's `str.lower`: the full lowercase mapping of every code point, with capital sigma
/// made final (`ς`) at the end of a word as Python makes it.
func pythonLower(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard scalars.contains("\u{3A3}") else { return text.lowercased() }
    var result = ""
    var index = scalars.startIndex
    while index < scalars.endIndex {
        result += lowercaseMapping(scalars, at: index)
        index = scalars.index(after: index)
    }
    return result
}

/// The lowercase of the code point at `index`, where a capital sigma is final (`ς`) when a cased
/// code point comes before it and none after it, skipping case-ignorable ones (Unicode's
/// Final_Sigma condition, which Python's `lower`, `capitalize` and `title` apply).
func lowercaseMapping(_ scalars: String.UnicodeScalarView, at index: String.Index) -> String {
    let scalar = scalars[index]
    guard scalar == "\u{3A3}" else { return scalar.properties.lowercaseMapping }
    let before = scalars[..<index].last { !$0.properties.isCaseIgnorable }
    let after = scalars[scalars.index(after: index)...].first { !$0.properties.isCaseIgnorable }
    let isFinal = (before?.properties.isCased ?? false) && !(after?.properties.isCased ?? false)
    return isFinal ? "\u{3C2}" : "\u{3C3}"
}

/// Python's `str.isupper` (`upper`) or `str.islower`: some cased code point, and none of the other
/// case or titlecase.
func hasOnlyCase(_ text: String, upper: Bool) -> Bool {
    var cased = false
    for scalar in text.unicodeScalars {
        let properties = scalar.properties
        if (upper ? properties.isLowercase : properties.isUppercase) || properties.generalCategory == .titlecaseLetter {
            return false
        }
        if upper ? properties.isUppercase : properties.isLowercase { cased = true }
    }
    return cased
}

/// Python's `str.splitlines`: the lines of `text`, split at `\n`, `\r`, `\r\n`, `\v`, `\f`,
/// `\x1c`–`\x1e`, `\x85`, U+2028 and U+2029, each with its line break when `keepEnds`; a break
/// at the very end makes no empty last line.
func splitLines(_ text: String, keepEnds: Bool) -> [String] {
    let scalars = Array(text.unicodeScalars)
    var lines: [String] = []
    var start = 0
    var index = 0
    while index < scalars.count {
        guard isLineBreak(scalars[index]) else {
            index += 1
            continue
        }
        let breakLength = scalars[index] == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n" ? 2 : 1
        let end = keepEnds ? index + breakLength : index
        lines.append(String(String.UnicodeScalarView(scalars[start..<end])))
        index += breakLength
        start = index
    }
    if start < scalars.count { lines.append(String(String.UnicodeScalarView(scalars[start...]))) }
    return lines
}

private func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0A...0x0D, 0x1C...0x1E, 0x85, 0x2028, 0x2029: true
    default: false
    }
}
