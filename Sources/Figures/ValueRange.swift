/// The data interval a colour scale spans: `lower` gets the map's first colour, `upper` its last.
///
/// Other modules get one from ``fitting(_:colormap:vmin:vmax:)``, which guarantees `lower < upper`; the
/// memberwise initializer, which does not check, stays inside the module.
public struct ValueRange: Sendable, Hashable {
    /// The value drawn in the lowest colour.
    public var lower: Float
    /// The value drawn in the highest colour.
    public var upper: Float

    /// The position of `value` on the scale: 0 at `lower`, 1 at `upper` (not clamped; NaN stays NaN).
    public func normalized(_ value: Float) -> Float { (value - lower) / (upper - lower) }

    /// The scale for `values` (non-finite values ignored): from the smallest to the largest value,
    /// symmetric around 0 for a diverging map, with `vmin`/`vmax` overriding either end.
    ///
    /// A constant tensor gets the interval `value ± 1`, so it is drawn in the middle colour; ends
    /// given in the wrong order are swapped, so the range is never empty.
    public static func fitting(_ values: [Float], colormap: Colormap, vmin: Float?, vmax: Float?) -> ValueRange {
        var smallest = Float.infinity
        var largest = -Float.infinity
        for value in values where value.isFinite {
            smallest = min(smallest, value)
            largest = max(largest, value)
        }
        if smallest > largest {
            smallest = 0
            largest = 0
        }
        if colormap.isDiverging {
            let magnitude = max(abs(smallest), abs(largest))
            smallest = -magnitude
            largest = magnitude
        }
        var lower = vmin.flatMap { $0.isFinite ? $0 : nil } ?? smallest
        var upper = vmax.flatMap { $0.isFinite ? $0 : nil } ?? largest
        if lower > upper { swap(&lower, &upper) }
        if lower == upper {
            lower -= 1
            upper += 1
        }
        return ValueRange(lower: lower, upper: upper)
    }
}
