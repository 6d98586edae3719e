import Foundation

/// Python's format-spec mini-language: `[[fill]align][sign][#][0][width][,|_][.precision][type]`.
struct FormatSpec {
    var fill: Character = " "
    var align: Character?
    var sign: Character = "-"
    var alternate = false
    var width = 0
    var grouping: Character?
    var precision: Int?
    var type: Character?

    init(_ text: String) throws(PyError) {
        // Code points, so that any one (a combining mark too) can be the fill.
        var characters = text.unicodeScalars.map(Character.init)[...]
        if characters.count >= 2, "<>=^".contains(characters[characters.startIndex + 1]) {
            fill = characters.removeFirst()
            align = characters.removeFirst()
        } else if let first = characters.first, "<>=^".contains(first) {
            align = characters.removeFirst()
        }
        if let first = characters.first, "+- ".contains(first) { sign = characters.removeFirst() }
        if characters.first == "#" {
            alternate = true
            characters.removeFirst()
        }
        if characters.first == "0" {
            if align == nil {
                fill = "0"
                align = "="
            }
            characters.removeFirst()
        }
        var digits = ""
        while let first = characters.first, first.isASCII, first.isNumber { digits.append(characters.removeFirst()) }
        width = min(Int(digits) ?? 0, 10_000)
        if let first = characters.first, first == "," || first == "_" { grouping = characters.removeFirst() }
        if characters.first == "." {
            characters.removeFirst()
            var precisionDigits = ""
            while let first = characters.first, first.isASCII, first.isNumber {
                precisionDigits.append(characters.removeFirst())
            }
            guard let value = Int(precisionDigits) else { throw PyError.value("Format specifier missing precision") }
            precision = min(value, 1000)
        }
        if let first = characters.first {
            type = characters.removeFirst()
            _ = first
        }
        guard characters.isEmpty else { throw PyError.value("Invalid format specifier '\(text)'") }
    }

    /// Pads `body` (with its sign split off as `prefix`) to the width, counted in code points.
    func pad(_ body: String, prefix: String = "", defaultAlign: Character) -> String {
        let total = prefix.codePointCount + body.codePointCount
        guard width > total else { return prefix + body }
        let padding = width - total
        switch align ?? defaultAlign {
        case "<": return prefix + body + String(repeating: fill, count: padding)
        case "^":
            let left = padding / 2
            return String(repeating: fill, count: left) + prefix + body + String(repeating: fill, count: padding - left)
        case "=": return prefix + String(repeating: fill, count: padding) + body
        default: return String(repeating: fill, count: padding) + prefix + body
        }
    }
}

extension Interpreter {
    /// `format(value, spec)`.
    func format(_ value: Value, _ specText: String) throws(PyError) -> String {
        if specText.isEmpty { return try str(value) }
        let spec = try FormatSpec(specText)
        switch value {
        case .bool(let flag) where spec.type == nil || spec.type == "s":
            return spec.pad(flag ? "True" : "False", defaultAlign: "<")
        case .int(let number) where spec.type.map({ "dbxXoncs".contains($0) }) ?? true:
            return try formatInteger(number, spec)
        case .bool(let flag):
            return try formatInteger(flag ? 1 : 0, spec)
        case .int(let number):
            return try formatFloat(Double(number), spec)
        case .float(let number):
            return try formatFloat(number, spec)
        case .str(let text):
            guard spec.type == nil || spec.type == "s" else {
                throw PyError.value(
                    "Unknown format code '\(spec.type.map(String.init) ?? "")' for object of type 'str'")
            }
            let body = spec.precision.map { String(text.unicodeScalars.prefix($0)) } ?? text
            return spec.pad(body, defaultAlign: "<")
        case .tensor(let box) where box.tensor.count == 1:
            return try format(try tensorItem(box.tensor), specText)
        default:
            return spec.pad(try str(value), defaultAlign: "<")
        }
    }

    private func formatInteger(_ number: Int, _ spec: FormatSpec) throws(PyError) -> String {
        let magnitude = number.magnitude
        var body: String
        var prefix = number < 0 ? "-" : spec.sign == "+" ? "+" : spec.sign == " " ? " " : ""
        switch spec.type {
        case "b": body = String(magnitude, radix: 2); if spec.alternate { prefix += "0b" }
        case "o": body = String(magnitude, radix: 8); if spec.alternate { prefix += "0o" }
        case "x": body = String(magnitude, radix: 16); if spec.alternate { prefix += "0x" }
        case "X": body = String(magnitude, radix: 16).uppercased(); if spec.alternate { prefix += "0X" }
        case "c":
            guard let scalar = Unicode.Scalar(UInt32(truncatingIfNeeded: number)) else {
                throw PyError(.overflowError, "%c arg not in range(0x110000)")
            }
            body = String(Character(scalar))
            prefix = ""
        default: body = String(magnitude)
        }
        if let grouping = spec.grouping { body = groupDigits(body, grouping) }
        return spec.pad(body, prefix: prefix, defaultAlign: ">")
    }

    private func formatFloat(_ number: Double, _ spec: FormatSpec) throws(PyError) -> String {
        let negative = number.sign == .minus && !(number == 0 && spec.type == nil && false)
        let magnitude = abs(number)
        let prefix = negative && !number.isNaN ? "-" : spec.sign == "+" ? "+" : spec.sign == " " ? " " : ""
        var body: String
        let precision = spec.precision ?? 6
        switch spec.type {
        case "f", "F":
            body = cFormat("%.\(precision)f", magnitude)
        case "e", "E":
            body = cFormat("%.\(precision)e", magnitude)
        case "g", "G":
            body = cFormat("%.\(max(precision, 1))g", magnitude)
            if spec.alternate && !body.contains(".") { body += "." }
        case "%":
            body = cFormat("%.\(precision)f", magnitude * 100) + "%"
        case nil:
            if let explicit = spec.precision {
                body = cFormat("%.\(max(explicit, 1))g", magnitude)
            } else {
                body = pythonFloatRepr(magnitude)
            }
        case "n":
            body = cFormat("%.\(max(precision, 1))g", magnitude)
        default:
            throw PyError.value("Unknown format code '\(spec.type.map(String.init) ?? "")' for object of type 'float'")
        }
        if magnitude.isInfinite { body = "inf" } else if magnitude.isNaN { body = "nan" }
        if spec.type == "E" || spec.type == "G" || spec.type == "F" { body = body.uppercased() }
        if let grouping = spec.grouping {
            let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            if let integerPart = parts.first, integerPart.allSatisfy({ $0.isNumber }) {
                body = groupDigits(String(integerPart), grouping) + (parts.count > 1 ? "." + parts[1] : "")
            }
        }
        return spec.pad(body, prefix: prefix, defaultAlign: ">")
    }

    private func groupDigits(_ digits: String, _ separator: Character) -> String {
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(separator) }
            result.append(character)
        }
        return result
    }

    /// Renders f-string parts.
    func formatParts(_ parts: [FStringPart]) throws(PyError) -> String {
        var result = ""
        for part in parts {
            switch part {
            case .literal(let text):
                result += text
            case .field(let expression, let conversion, let specParts, let debugText):
                let value = try evaluate(expression)
                if let debugText { result += debugText }
                let spec = try formatParts(specParts)
                switch conversion {
                case "r", "a": try memory.append(try format(.str(try repr(value)), spec), to: &result)
                case "s": try memory.append(try format(.str(try str(value)), spec), to: &result)
                default: try memory.append(try format(value, spec), to: &result)
                }
            }
        }
        return result
    }

    /// `"%d items, %.2f" % (n, x)` — printf-style formatting.
    func percentFormat(_ format: String, _ arguments: Value) throws(PyError) -> String {
        var values: [Value]
        if case .tuple(let items) = arguments { values = items } else { values = [arguments] }
        var result = ""
        var characters = format.unicodeScalars.map(Character.init)[...]
        while let character = characters.popFirst() {
            guard character == "%" else {
                result.append(character)
                continue
            }
            var specText = ""
            while let next = characters.first, !"diouxXeEfFgGcrsa%".contains(next) {
                specText.append(characters.removeFirst())
            }
            guard let conversion = characters.popFirst() else { throw PyError.value("incomplete format") }
            if conversion == "%" {
                result += "%"
                continue
            }
            guard !values.isEmpty else { throw PyError.type("not enough arguments for format string") }
            let value = values.removeFirst()
            var spec = specText
            if spec.hasPrefix("-") { spec = "<" + spec.dropFirst() }
            // Text is right-aligned in its width unless `-` says otherwise, as numbers are.
            let textSpec = spec.isEmpty || spec.hasPrefix("<") ? spec : ">" + spec
            let part: String
            switch conversion {
            case "s": part = try self.format(.str(try str(value)), textSpec)
            case "r", "a": part = try self.format(.str(try repr(value)), textSpec)
            case "i", "u", "d": part = try self.format(try toInt(value), spec + "d")
            default: part = try self.format(value, spec + String(conversion))
            }
            try memory.append(part, to: &result)
        }
        if !values.isEmpty, case .tuple = arguments {
            throw PyError.type("not all arguments converted during string formatting")
        }
        return result
    }

    private func toInt(_ value: Value) throws(PyError) -> Value {
        switch value {
        case .float(let number):
            guard let exact = Int(exactly: number.rounded(.towardZero)) else { throw PyError.overflow() }
            return .int(exact)
        case .int, .bool: return value
        default: throw PyError.type("%d format: a real number is required, not \(typeName(of: value))")
        }
    }
}

/// Formats one double with a C format such as `%.3f` (correctly rounded, as Python's are).
func cFormat(_ format: String, _ number: Double) -> String {
    String(format: format, number)
}
