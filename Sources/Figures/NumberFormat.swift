import Foundation

/// Short number text for cells, ticks and the sums of `explain_conv`.
public enum NumberFormat {
    /// Formats a value compactly: integers exactly (`19`, `-3`), other values with up to
    /// `decimals` decimals and trailing zeros dropped (`0.5`, `1.25`), very large or very small
    /// magnitudes in scientific notation (`1.2e+05`, `3e-04`), and `nan`, `inf`, `-inf` as PyTorch
    /// prints them.
    public static func short(_ value: Float, decimals: Int = 2) -> String {
        short(Double(value), decimals: decimals)
    }

    /// Formats a value compactly (see ``short(_:decimals:)-(Float,_)``).
    public static func short(_ value: Double, decimals: Int = 2) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        let magnitude = abs(value)
        if magnitude != 0 && (magnitude >= 1e5 || magnitude < 0.5 * pow(10, Double(-decimals))) {
            return trimmedScientific(String(format: "%.1e", value))
        }
        if value == value.rounded() { return String(Int64(value)) }
        var text = String(format: "%.\(decimals)f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// Formats a value with at most `decimals` decimals (trailing zeros dropped) and never in
    /// scientific notation for small magnitudes (values that round to zero print as `0`), as cell
    /// annotations need; magnitudes of 10⁵ and more still use scientific notation.
    public static func fixed(_ value: Float, decimals: Int) -> String {
        let rounded = Double(value)
        if rounded.isFinite, abs(rounded) < 0.5 * pow(10, Double(-decimals)) { return "0" }
        return short(rounded, decimals: decimals)
    }

    /// The decimals that show about three significant digits of values up to `magnitude`
    /// (2 for values near 1, up to 4 for small ones).
    public static func decimals(forMagnitude magnitude: Float) -> Int {
        guard magnitude.isFinite, magnitude > 0 else { return 2 }
        let digits = 2 - Int(log10(Double(magnitude)).rounded(.down))
        return min(4, max(2, digits))
    }

    private static func trimmedScientific(_ text: String) -> String {
        // "3.0e-04" reads better as "3e-04".
        text.replacingOccurrences(of: ".0e", with: "e")
    }
}
