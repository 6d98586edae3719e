import Foundation

/// Dates are stored as whole milliseconds since 1970, the precision notebooks keep.
extension Date {
    /// Milliseconds since 1970, clamped to ±2⁵³ so that no date, however far off, traps the conversion.
    var storedMilliseconds: Int64 {
        let limit = 9_007_199_254_740_992.0
        let value = (timeIntervalSince1970 * 1000).rounded()
        guard value.isFinite else { return 0 }
        return Int64(min(max(value, -limit), limit))
    }

    /// The date `milliseconds` after 1970.
    init(storedMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
