import Foundation

/// ISO 8601 timestamps as notebooks store them: UTC with milliseconds (`2026-11-26T23:08:45.123Z`).
enum Timestamp {
    /// The timestamp of `date`, rounded to the millisecond.
    static func format(_ date: Date) -> String {
        // Clamp to years 0001…9999 so a nonsense date cannot trap in the integer conversion below.
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, seconds > -62_135_596_800, seconds < 253_402_300_800 else {
            return seconds < 0 || seconds.isNaN ? "0001-01-01T00:00:00.000Z" : "9999-12-31T23:59:59.999Z"
        }
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        // Floor division, so dates before 1970 keep a positive fraction.
        let (quotient, remainder) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let wholeSeconds = remainder < 0 ? quotient - 1 : quotient
        let fraction = remainder < 0 ? remainder + 1000 : remainder
        let whole = Date(timeIntervalSince1970: Double(wholeSeconds)).formatted(Date.ISO8601FormatStyle())
        let digits = String(fraction)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// The date of an ISO 8601 timestamp with or without a fraction or zone offset, rounded to the
    /// millisecond; `nil` if it is not one.
    static func parse(_ text: String) -> Date? {
        guard let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) else { return nil }
        return date.roundedToMilliseconds
    }
}
