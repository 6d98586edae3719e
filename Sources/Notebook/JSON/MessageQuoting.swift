/// Quoting values from a file inside error messages.
enum MessageQuoting {
    /// A value from the file, quoted for a message: control characters escaped (so a message cannot drive
    /// the terminal that prints it) and long values cut to 80 characters (a 65-character id still shows whole).
    static func quote(_ text: String) -> String {
        var quoted = ""
        for (count, scalar) in text.unicodeScalars.enumerated() {
            if count == 80 {
                quoted += "…"
                break
            }
            switch scalar {
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    quoted += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return "'" + quoted + "'"
    }
}
