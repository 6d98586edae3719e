/// The dotted name around a cursor in code, as completion and inspection read it.
///
/// Cursor positions count Unicode code points, as Jupyter's messages do (protocol 5.2 and later).
///
/// ```swift
/// let cursor = CodeCursor(code: "y = torch.nn.Con", position: 16)
/// cursor.base      // ["torch", "nn"]
/// cursor.partial   // "Con"
/// cursor.start     // 13 (where "Con" starts)
/// ```
struct CodeCursor {
    /// The names before the last dot, e.g. `["torch", "nn"]`; empty for a bare name.
    var base: [String]
    /// The identifier being typed (may be empty, right after a dot).
    var partial: String
    /// Where `partial` starts, in code points.
    var start: Int
    /// Where `partial` ends: the cursor for completion, the end of the identifier for inspection.
    var end: Int

    /// The chain ending at `position` (completion: only what is before the cursor counts).
    init(code: String, position: Int) {
        let scalars = Array(code.unicodeScalars)
        let cursor = min(max(position, 0), scalars.count)
        self.init(scalars: scalars, cursor: cursor, end: cursor)
    }

    private init(scalars: [Unicode.Scalar], cursor: Int, end: Int) {
        var index = cursor
        while index > 0, Self.isIdentifier(scalars[index - 1]) { index -= 1 }
        partial = String(String.UnicodeScalarView(scalars[index..<end]))
        start = index
        self.end = end
        var base: [String] = []
        while index > 0, scalars[index - 1] == "." {
            var nameStart = index - 1
            while nameStart > 0, Self.isIdentifier(scalars[nameStart - 1]) { nameStart -= 1 }
            let name = String(String.UnicodeScalarView(scalars[nameStart..<(index - 1)]))
            guard !name.isEmpty, !Self.startsWithDigit(name) else { break }
            base.insert(name, at: 0)
            index = nameStart
        }
        self.base = base
    }

    /// The whole dotted name under `position` (inspection: the identifier runs on past the cursor);
    /// when the cursor is inside a call's parentheses on no name, the function being called.
    static func inspected(code: String, position: Int) -> CodeCursor? {
        let scalars = Array(code.unicodeScalars)
        var cursor = min(max(position, 0), scalars.count)
        let onName =
            (cursor < scalars.count && isIdentifier(scalars[cursor]))
            || (cursor > 0 && isIdentifier(scalars[cursor - 1]))
        if onName {
            var end = cursor
            while end < scalars.count, isIdentifier(scalars[end]) { end += 1 }
            let found = CodeCursor(scalars: scalars, cursor: end, end: end)
            if !found.partial.isEmpty { return found }
        }
        // Inside `f(a, |`: find the unmatched opening parenthesis before the cursor.
        var depth = 0
        while cursor > 0 {
            cursor -= 1
            switch scalars[cursor] {
            case ")": depth += 1
            case "(":
                if depth == 0 {
                    let found = CodeCursor(scalars: scalars, cursor: cursor, end: cursor)
                    return found.partial.isEmpty ? nil : found
                }
                depth -= 1
            case "\n" where depth == 0: return nil
            default: break
            }
        }
        return nil
    }

    static func isIdentifier(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_": true
        default: scalar.value > 0x7F && scalar.properties.isXIDContinue
        }
    }

    private static func startsWithDigit(_ name: String) -> Bool {
        name.unicodeScalars.first.map { ("0"..."9").contains($0) } ?? false
    }
}
