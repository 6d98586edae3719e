/// Escaping text for HTML, the one way user text enters an exported page.
enum HTMLText {
    /// `text` with `& < > " '` replaced by entities, safe in element content and in quoted attributes.
    static func escape(_ text: some StringProtocol) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\u{0}": output += "\u{FFFD}"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// `text` without ANSI terminal escape sequences (IPython colours its tracebacks with them).
    static func strippingANSI(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else {
                output.append(scalar)
                continue
            }
            // ESC [ parameters… final letter; a lone ESC is dropped.
            guard let next = scalars.next(), next == "[" else { continue }
            while let code = scalars.next(), !(("@"..."~") ~= code) {}
        }
        return String(output)
    }

    /// Whether a link target is safe to put in `href`: `http:`/`https:` or relative (no scheme), with no
    /// whitespace or control characters that browsers strip before reading the scheme (`java\tscript:`).
    static func isSafeLink(_ target: String) -> Bool {
        guard !target.isEmpty else { return false }
        if target.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\\" }) {
            return false
        }
        let lowered = target.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return true }
        // Relative: no ':' before the first '/', '?' or '#', so there is no scheme at all.
        for scalar in lowered.unicodeScalars {
            if scalar == "/" || scalar == "?" || scalar == "#" { return true }
            if scalar == ":" { return false }
        }
        return true
    }
}
