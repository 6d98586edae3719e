import Foundation

/// "Nice" axis ticks: round numbers (multiples of 1, 2 or 5 times a power of ten) inside a range.
public enum Ticks {
    /// About `target` ticks covering `lower...upper`, each a multiple of a nice step, in
    /// increasing order. Ticks that fall outside the range are left out.
    public static func nice(lower: Double, upper: Double, target: Int = 5) -> [Double] {
        guard lower.isFinite, upper.isFinite, upper > lower, target > 0 else {
            return lower.isFinite ? [lower] : []
        }
        let step = niceStep((upper - lower) / Double(target))
        let first = (lower / step).rounded(.up)
        let last = (upper / step).rounded(.down)
        guard last >= first, last - first < 1000 else { return [] }
        return stride(from: first, through: last, by: 1).map { index in
            let tick = index * step
            return abs(tick) < step * 1e-9 ? 0 : tick
        }
    }

    /// Powers of ten inside `lower...upper` (both > 0), for a log axis; thinned to every 2nd,
    /// 3rd… power when there would be more than `target * 2` of them.
    public static func logarithmic(lower: Double, upper: Double, target: Int = 5) -> [Double] {
        guard lower > 0, upper > lower, lower.isFinite, upper.isFinite else { return [] }
        let first = Int(log10(lower).rounded(.up))
        let last = Int(log10(upper).rounded(.down))
        guard last >= first else { return [] }
        let every = max(1, (last - first + 1 + target * 2 - 1) / (target * 2))
        return stride(from: first, through: last, by: every).map { pow(10, Double($0)) }
    }

    /// The nice step (1, 2 or 5 × 10ⁿ) closest above `rough`.
    static func niceStep(_ rough: Double) -> Double {
        let exponent = log10(rough).rounded(.down)
        let power = pow(10, exponent)
        let fraction = rough / power
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * power
    }
}
