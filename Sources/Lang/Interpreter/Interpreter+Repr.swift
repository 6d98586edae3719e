extension Interpreter {
    /// `repr(value)`, as Python prints it.
    func repr(_ value: Value) throws(PyError) -> String {
        reprDepth += 1
        defer { reprDepth -= 1 }
        guard reprDepth <= Interpreter.maximumContainerDepth else {
            throw PyError(.recursionError, "maximum recursion depth exceeded while getting the repr of an object")
        }
        switch value {
        case .str(let text): return pythonStringRepr(text)
        case .list(let box):
            // A list that contains itself prints as `[...]` there, as in Python.
            let identity = ObjectIdentifier(box)
            if reprInProgress.contains(identity) { return "[...]" }
            reprInProgress.insert(identity)
            defer { reprInProgress.remove(identity) }
            return "[" + (try box.items.map { (item) throws(PyError) in try repr(item) }.joined(separator: ", ")) + "]"
        case .tuple(let items):
            let parts = try items.map { (item) throws(PyError) in try repr(item) }
            return parts.count == 1 ? "(\(parts[0]),)" : "(" + parts.joined(separator: ", ") + ")"
        case .dict(let box):
            let identity = ObjectIdentifier(box)
            if reprInProgress.contains(identity) { return "{...}" }
            reprInProgress.insert(identity)
            defer { reprInProgress.remove(identity) }
            var parts: [String] = []
            for (key, item) in box.entries { parts.append("\(try repr(key)): \(try repr(item))") }
            return "{" + parts.joined(separator: ", ") + "}"
        case .set(let box):
            if box.count == 0 { return "set()" }
            return "{"
                + (try box.entries.map { (entry) throws(PyError) in try repr(entry.key) }.joined(separator: ", ")) + "}"
        case .tensor(let box): return try tensorRepr(box)
        case .object(let object): return try object.repr(self)
        default: return try str(value)
        }
    }

    /// `str(value)`, as Python prints it.
    func str(_ value: Value) throws(PyError) -> String {
        switch value {
        case .none: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .int(let number): return String(number)
        case .float(let number): return pythonFloatRepr(number)
        case .str(let text): return text
        case .range(let start, let stop, let step):
            return step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))"
        case .slice(let slice):
            return "slice(\(try repr(slice.start)), \(try repr(slice.stop)), \(try repr(slice.step)))"
        case .ellipsis: return "Ellipsis"
        case .function(let function):
            return "<function \(function.qualifiedName) at 0x\(address(function))>"
        case .builtin(let builtin): return "<built-in function \(builtin.name)>"
        case .type(let type): return "<class '\(type.name)'>"
        case .module(let module): return "<module '\(module.name)' (built-in)>"
        case .size(let sizes): return "torch.Size([" + sizes.map(String.init).joined(separator: ", ") + "])"
        case .dtype(let dtype): return dtype.description
        case .object(let instance as Instance): return try instanceString(instance)
        case .object(let object): return try object.str(self)
        case .list, .tuple, .dict, .set, .tensor: return try repr(value)
        }
    }

    private func address(_ object: AnyObject) -> String {
        String(UInt(bitPattern: ObjectIdentifier(object).hashValue), radix: 16)
    }
}

/// The Python type name of a value, as used in error messages and by `type()`.
func typeName(of value: Value) -> String {
    switch value {
    case .none: "NoneType"
    case .bool: "bool"
    case .int: "int"
    case .float: "float"
    case .str: "str"
    case .list: "list"
    case .tuple: "tuple"
    case .dict: "dict"
    case .set: "set"
    case .range: "range"
    case .slice: "slice"
    case .ellipsis: "ellipsis"
    case .function: "function"
    case .builtin: "builtin_function_or_method"
    case .type: "type"
    case .module: "module"
    case .tensor: "Tensor"
    case .size: "Size"
    case .dtype: "dtype"
    case .object(let object): object.typeName
    }
}

/// Python's `repr` of a float: the shortest text that round-trips, `inf`, `nan`, `1e-05`.
func pythonFloatRepr(_ number: Double) -> String {
    if number.isNaN { return "nan" }
    if number.isInfinite { return number < 0 ? "-inf" : "inf" }
    // Python switches to exponent form when the decimal exponent is below -4 or at least 16.
    let (_, pointPosition) = shortestDigits(number)
    let exponent = number == 0 ? 0 : pointPosition - 1
    return exponent < -4 || exponent >= 16 ? exponentForm(number) : plainDecimal(number)
}

private func plainDecimal(_ number: Double) -> String {
    let digits = shortestDigits(number)
    let (mantissaDigits, exponent) = digits
    // value = 0.d1d2d3... × 10^exponent
    var result = number.sign == .minus ? "-" : ""
    if exponent <= 0 {
        result += "0." + String(repeating: "0", count: -exponent) + mantissaDigits
    } else if exponent >= mantissaDigits.count {
        result += mantissaDigits + String(repeating: "0", count: exponent - mantissaDigits.count) + ".0"
    } else {
        let index = mantissaDigits.index(mantissaDigits.startIndex, offsetBy: exponent)
        result += mantissaDigits[..<index] + "." + mantissaDigits[index...]
    }
    return result
}

private func exponentForm(_ number: Double) -> String {
    let (digits, exponent) = shortestDigits(number)
    var mantissa = String(digits.prefix(1))
    if digits.count > 1 { mantissa += "." + digits.dropFirst() }
    let power = exponent - 1
    let sign = power < 0 ? "-" : "+"
    let magnitude = abs(power)
    return (number.sign == .minus ? "-" : "") + mantissa + "e" + sign + (magnitude < 10 ? "0" : "") + String(magnitude)
}

/// The shortest round-trip decimal digits of |number| and the exponent `e` such that the value
/// is `0.digits × 10^e`.
private func shortestDigits(_ number: Double) -> (String, Int) {
    let text = abs(number).description
    var digits = ""
    var exponent = 0
    var seenPoint = false
    var mantissaPart = text
    if let index = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        mantissaPart = String(text[..<index])
        exponent = Int(text[text.index(after: index)...]) ?? 0
    }
    var integerDigits = 0
    for character in mantissaPart {
        if character == "." {
            seenPoint = true
            continue
        }
        digits.append(character)
        if !seenPoint { integerDigits += 1 }
    }
    var pointPosition = integerDigits + exponent
    while digits.hasPrefix("0") && digits.count > 1 {
        digits.removeFirst()
        pointPosition -= 1
    }
    while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
    return (digits, pointPosition)
}

/// Python's `repr` of a string: single quotes unless the text contains one and no double quote;
/// code points that are not printable (controls, format characters, separators other than the
/// space) escaped as `\xhh`, `\uhhhh` or `\Uhhhhhhhh`, as Python escapes them. The literal reads
/// back as `text` (the runner writes `-p` parameters with it).
public func pythonStringRepr(_ text: String) -> String {
    let scalars = text.unicodeScalars
    let quote: Unicode.Scalar = scalars.contains("'") && !scalars.contains("\"") ? "\"" : "'"
    var result = String.UnicodeScalarView()
    result.append(quote)
    func escape(_ value: UInt32, _ prefix: String, _ digits: Int) {
        let hex = String(value, radix: 16)
        result.append(
            contentsOf: (prefix + String(repeating: "0", count: max(0, digits - hex.count)) + hex).unicodeScalars)
    }
    for scalar in scalars {
        switch scalar {
        case "\\": result.append(contentsOf: #"\\"#.unicodeScalars)
        case "\n": result.append(contentsOf: #"\n"#.unicodeScalars)
        case "\t": result.append(contentsOf: #"\t"#.unicodeScalars)
        case "\r": result.append(contentsOf: #"\r"#.unicodeScalars)
        case quote:
            result.append("\\")
            result.append(quote)
        default:
            if scalar.isPythonPrintable {
                result.append(scalar)
            } else if scalar.value < 0x100 {
                escape(scalar.value, #"\x"#, 2)
            } else if scalar.value < 0x10000 {
                escape(scalar.value, #"\u"#, 4)
            } else {
                escape(scalar.value, #"\U"#, 8)
            }
        }
    }
    result.append(quote)
    return String(result)
}
