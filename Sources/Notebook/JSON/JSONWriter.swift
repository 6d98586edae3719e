/// Writes JSON text the way Python's `json.dumps` does, so files diff cleanly against Jupyter's.
///
/// `jupyter(_:)` matches nbformat's writer (`sort_keys=True, indent=1, ensure_ascii=False`, final newline);
/// `compact(_:)` matches `json.dumps(value)` with its default separators (`", "` and `": "`), as jupytext
/// writes cell metadata on a `# %%` line.
public enum JSONWriter {
    /// Jupyter's layout: keys sorted by code point, one-space indent, non-ASCII kept, trailing newline.
    public static func jupyter(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, sortKeys: true, pretty: true, into: &output)
        output += "\n"
        return output
    }

    /// One line, keys in their stored order, Python's default separators.
    public static func compact(_ value: JSONValue) -> String {
        var output = ""
        write(value, indent: 0, sortKeys: false, pretty: false, into: &output)
        return output
    }

    private static func write(_ value: JSONValue, indent: Int, sortKeys: Bool, pretty: Bool, into output: inout String)
    {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let number): output += format(number)
        case .string(let string): writeString(string, into: &output)
        case .array(let elements):
            guard !elements.isEmpty else {
                output += "[]"
                return
            }
            output += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { output += pretty ? "," : ", " }
                if pretty { newline(indent + 1, into: &output) }
                write(element, indent: indent + 1, sortKeys: sortKeys, pretty: pretty, into: &output)
            }
            if pretty { newline(indent, into: &output) }
            output += "]"
        case .object(let object):
            guard !object.isEmpty else {
                output += "{}"
                return
            }
            output += "{"
            let members = sortKeys ? object.membersSortedByKey : object.members
            for (position, member) in members.enumerated() {
                if position > 0 { output += pretty ? "," : ", " }
                if pretty { newline(indent + 1, into: &output) }
                writeString(member.key, into: &output)
                output += ": "
                write(member.value, indent: indent + 1, sortKeys: sortKeys, pretty: pretty, into: &output)
            }
            if pretty { newline(indent, into: &output) }
            output += "}"
        }
    }

    private static func newline(_ indent: Int, into output: inout String) {
        output += "\n"
        output += String(repeating: " ", count: indent)
    }

    /// Integral values print without a fraction; others in Swift's shortest round-trip form, which agrees
    /// with Python's `repr` on the values notebooks hold. Non-finite values print as Python prints them.
    static func format(_ number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        if number.rounded() == number, abs(number) < 1e16 { return String(Int64(number)) }
        return "\(number)"
    }

    /// Escapes like `ensure_ascii=False`: quotes, backslashes and control characters only.
    static func writeString(_ string: String, into output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    let digits = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
