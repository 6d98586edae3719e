import Foundation

extension Interpreter {
    func stringMethod(_ text: String, _ name: String) -> BuiltinFunction? {
        let method: BuiltinFunction.Body
        switch name {
        case "upper": method = { _, _ in .str(text.uppercased()) }
        case "lower": method = { _, _ in .str(text.lowercased()) }
        case "title": method = { _, _ in .str(text.capitalized) }
        case "capitalize": method = { _, _ in .str(text.prefix(1).uppercased() + text.dropFirst().lowercased()) }
        case "strip", "lstrip", "rstrip":
            method = { interpreter, arguments throws(PyError) in
                let values = try arguments.bind(name, ["chars"])
                let characters: Set<Character> =
                    try values[0].orNone.map { (value) throws(PyError) in
                        Set(try interpreter.stringArgument(value, "chars"))
                    }
                    ?? [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"]
                var result = Substring(text)
                if name != "rstrip" { result = result.drop { characters.contains($0) } }
                if name != "lstrip" {
                    while let last = result.last, characters.contains(last) { result = result.dropLast() }
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
                    var parts: [String] = []
                    var rest = Substring(text)
                    while limit < 0 || parts.count < limit, let range = rest.range(of: separator) {
                        parts.append(String(rest[..<range.lowerBound]))
                        rest = rest[range.upperBound...]
                    }
                    parts.append(String(rest))
                    return .list(try ListBox(parts.map { .str($0) }, budget: interpreter.memory))
                }
                let parts = text.split(
                    maxSplits: limit < 0 ? Int.max : limit, omittingEmptySubsequences: true,
                    whereSeparator: \.isWhitespace)
                return .list(try ListBox(parts.map { .str(String($0)) }, budget: interpreter.memory))
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
                if old.isEmpty { return .str(text) }
                if new.utf8.count > old.utf8.count {
                    // At most one occurrence per length of `old`; counted only when that bound is too much.
                    let extra = new.utf8.count - old.utf8.count
                    let most = text.utf8.count / old.utf8.count
                    if !interpreter.memory.fits(MemoryBudget.repeated(extra, most).map { $0 &+ text.utf8.count }) {
                        let occurrences = text.ranges(of: old).count
                        try interpreter.memory.check(
                            MemoryBudget.repeated(extra, occurrences).map { $0 &+ text.utf8.count }, for: .string)
                    }
                }
                return .str(text.replacing(old, with: new))
            }
        case "startswith", "endswith":
            method = { interpreter, arguments throws(PyError) in
                try arguments.expectPositional(name, 1)
                var candidates: [Value] = [arguments.positional[0]]
                if case .tuple(let items) = arguments.positional[0] { candidates = items }
                for candidate in candidates {
                    let part = try interpreter.stringArgument(candidate, "\(name) argument")
                    if name == "startswith" ? text.hasPrefix(part) : text.hasSuffix(part) { return .bool(true) }
                }
                return .bool(false)
            }
        case "find", "index", "count":
            method = { interpreter, arguments throws(PyError) in
                try arguments.expectPositional(name, 1)
                let part = try interpreter.stringArgument(arguments.positional[0], "\(name) argument")
                if name == "count" {
                    if part.isEmpty { return .int(text.count + 1) }
                    return .int(text.ranges(of: part).count)
                }
                if let range = text.range(of: part) {
                    return .int(text.distance(from: text.startIndex, to: range.lowerBound))
                }
                if name == "index" { throw PyError.value("substring not found") }
                return .int(-1)
            }
        case "format":
            method = { interpreter, arguments throws(PyError) in try .str(interpreter.strFormat(text, arguments)) }
        case "isdigit", "isalpha", "isspace", "isalnum", "isupper", "islower":
            method = { _, _ in
                guard !text.isEmpty else { return .bool(false) }
                switch name {
                case "isdigit": return .bool(text.allSatisfy(\.isNumber))
                case "isalpha": return .bool(text.allSatisfy(\.isLetter))
                case "isspace": return .bool(text.allSatisfy(\.isWhitespace))
                case "isalnum": return .bool(text.allSatisfy { $0.isLetter || $0.isNumber })
                case "isupper": return .bool(text.uppercased() == text && text.lowercased() != text)
                default: return .bool(text.lowercased() == text && text.uppercased() != text)
                }
            }
        case "center", "ljust", "rjust", "zfill":
            method = { interpreter, arguments throws(PyError) in
                let values = try arguments.bind(name, ["width", "fillchar"], required: 1)
                let width = try interpreter.intArgument(values[0] ?? .none, "width")
                let fill =
                    try values[1].map { (value) throws(PyError) in try interpreter.stringArgument(value, "fillchar") }
                    ?? (name == "zfill" ? "0" : " ")
                let align = name == "center" ? "^" : name == "ljust" ? "<" : name == "zfill" ? "=" : ">"
                return .str(
                    try interpreter.format(.str(text), "\(fill.first ?? " ")\(align)\(max(0, min(width, 10_000)))"))
            }
        default:
            return nil
        }
        return BuiltinFunction(name, method)
    }

    /// `"{} and {name:.2f}".format(a, name=b)`.
    func strFormat(_ template: String, _ arguments: Arguments) throws(PyError) -> String {
        var result = ""
        var characters = Array(template)[...]
        var autoIndex = 0
        while let character = characters.popFirst() {
            if character == "{" {
                if characters.first == "{" {
                    characters.removeFirst()
                    result.append("{")
                    continue
                }
                var field = ""
                while let next = characters.first, next != "}" { field.append(characters.removeFirst()) }
                guard characters.popFirst() == "}" else {
                    throw PyError.value("Single '{' encountered in format string")
                }
                var spec = ""
                var conversion: Character?
                if let colon = field.firstIndex(of: ":") {
                    spec = String(field[field.index(after: colon)...])
                    field = String(field[..<colon])
                }
                if let bang = field.firstIndex(of: "!") {
                    conversion = field[field.index(after: bang)...].first
                    field = String(field[..<bang])
                }
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
                result.append(character)
            }
        }
        return result
    }
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
