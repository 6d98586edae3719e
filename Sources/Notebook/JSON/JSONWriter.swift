/// Writes JSON text the way Python's `json.dumps` does, so files diff cleanly against Jupyter's.
///
/// One difference: `NaN` and the infinities, which `json.dumps` writes as the non-JSON words `NaN`,
/// `Infinity` and `-Infinity`, are written as `null` (as JavaScript's `JSON.stringify` does), so every
/// text is JSON that `JSON.parse`, SQLite's `json_valid` and strict readers accept.
/// `NotebookDocument.replaceNonFiniteNumbers()` tells which values of a notebook that changes.
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
    /// with Python's `repr` on the values notebooks hold. Non-finite values, which JSON cannot hold, print
    /// as `null`.
    static func format(_ number: Double) -> String {
        if !number.isFinite { return "null" }
        if number.rounded() == number, abs(number) < 1e16 { return String(Int64(number)) }
        return "\(number)"
    }

    /// Escapes like `ensure_ascii=False`: quotes, backslashes and control characters only. Runs without
    /// escapes are copied whole (base64 pictures are megabytes long).
    static func writeString(_ string: String, into output: inout String) {
        output += "\""
        let utf8 = string.utf8
        var runStart = utf8.startIndex
        var index = runStart
        while index != utf8.endIndex {
            let byte = utf8[index]
            // Every byte that needs escaping is ASCII, so the run boundaries are scalar boundaries.
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                output += string[runStart..<index]
                output += escape(byte)
                index = utf8.index(after: index)
                runStart = index
            } else {
                index = utf8.index(after: index)
            }
        }
        output += string[runStart..<index]
        output += "\""
    }

    private static func escape(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x08: return "\\b"
        case 0x0C: return "\\f"
        default:
            let digits = String(byte, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
        }
    }
}
