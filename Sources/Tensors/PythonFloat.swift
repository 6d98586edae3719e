/// Python's text forms of floating-point numbers, so that `print(x.item())` looks as it does in
/// Python.
public enum PythonFloat {
    /// `repr(x)` of a Python float: the shortest digits that round-trip, written in fixed notation
    /// when the decimal exponent is in `-4..<16` (`0.0001`, `2.5`, `100.0`) and in scientific
    /// notation otherwise (`1e-05`, `1e+16`, `1.5e+20`).
    public static func repr(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let (digits, exponent) = shortestDigits(abs(value))
        let sign = value < 0 ? "-" : ""
        // `exponent` is the power of ten of the first digit: value = d.ddd × 10^exponent.
        if exponent >= -4 && exponent < 16 {
            if exponent < 0 {
                return sign + "0." + String(repeating: "0", count: -exponent - 1) + digits
            }
            let integerCount = exponent + 1
            if digits.count <= integerCount {
                return sign + digits + String(repeating: "0", count: integerCount - digits.count) + ".0"
            }
            let splitIndex = digits.index(digits.startIndex, offsetBy: integerCount)
            return sign + digits[..<splitIndex] + "." + digits[splitIndex...]
        }
        var mantissa = String(digits.first ?? "0")
        if digits.count > 1 { mantissa += "." + digits.dropFirst() }
        let exponentText = String(abs(exponent))
        let paddedExponent = exponentText.count < 2 ? "0" + exponentText : exponentText
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + paddedExponent
    }

    /// The shortest round-trip significant digits of a positive finite `value` and the decimal
    /// exponent of the first digit, taken from Swift's own shortest representation.
    static func shortestDigits(_ value: Double) -> (digits: String, exponent: Int) {
        let text = value.description
        var mantissaPart = Substring(text)
        var exponent = 0
        if let eIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissaPart = text[..<eIndex]
            exponent = Int(text[text.index(after: eIndex)...]) ?? 0
        }
        var integerPart = mantissaPart
        var fractionPart: Substring = ""
        if let dot = mantissaPart.firstIndex(of: ".") {
            integerPart = mantissaPart[..<dot]
            fractionPart = mantissaPart[mantissaPart.index(after: dot)...]
        }
        var allDigits = String(integerPart) + String(fractionPart)
        var pointPosition = integerPart.count + exponent  // digits before the decimal point
        while allDigits.first == "0" {
            allDigits.removeFirst()
            pointPosition -= 1
        }
        while allDigits.count > 1 && allDigits.last == "0" {
            allDigits.removeLast()
        }
        return (allDigits.isEmpty ? "0" : allDigits, pointPosition - 1)
    }
}
