import Foundation

/// ISO 8601 timestamps as notebooks store them: UTC with milliseconds (`2026-11-26T23:08:45.123Z`).
enum Timestamp {
    /// The timestamp of `date`, rounded to the millisecond.
    static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        // Floor division, so dates before 1970 keep a positive fraction.
        let (quotient, remainder) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let seconds = remainder < 0 ? quotient - 1 : quotient
        let fraction = remainder < 0 ? remainder + 1000 : remainder
        let whole = Date(timeIntervalSince1970: Double(seconds)).formatted(Date.ISO8601FormatStyle())
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
