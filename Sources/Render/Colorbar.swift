import Figures

/// A vertical colour scale with tick labels; without a range (per-panel scales) it is labelled
/// "min" and "max".
struct Colorbar {
    let colormap: Colormap
    let range: ValueRange?
    let lookup: ColorLookup

    func build(x: Double, top: Double, height: Double, into builder: inout SceneBuilder) {
        let scale = builder.scale
        // One colour step per CSS pixel, top row the highest value. Steps a whole CSS pixel tall
        // keep device rows pairwise identical beside 2× cells, which the PNG encoder compresses
        // as repeated rows.
        let rows = max(2, Int(height.rounded()))
        let colors = (0..<rows).map { row in lookup.color(at: 255 - row * 256 / rows) }
        let rect = builder.cells(
            x: x.rounded(), y: top.rounded(), cellWidth: Int(HeatmapLayout.colorbarWidth) * scale, cellHeight: scale,
            rows: rows, columns: 1, colors: colors, isPanel: false)
        builder.frame(rect, SceneBuilder.midGray)
        let labelX = rect.maxX + 7
        let size = 10.0
        guard let range else {
            builder.text("max", x: labelX, centerY: rect.y + 4, size: size, color: SceneBuilder.darkGray)
            builder.text("min", x: labelX, centerY: rect.maxY - 4, size: size, color: SceneBuilder.darkGray)
            return
        }
        let span = Double(range.upper - range.lower)
        let ticks = Ticks.nice(lower: Double(range.lower), upper: Double(range.upper), target: 6)
        let decimals = Self.decimals(for: ticks)
        for tick in ticks {
            let y = rect.maxY - (tick - Double(range.lower)) / span * rect.height
            builder.line(
                Point(x: rect.maxX, y: y), Point(x: rect.maxX + 4, y: y), SceneBuilder.darkGray, lineWidth: 0.5)
            builder.text(
                NumberFormat.short(tick, decimals: decimals), x: labelX, centerY: y, size: size,
                color: SceneBuilder.darkGray)
        }
    }

    /// Enough decimals to tell neighbouring ticks apart.
    static func decimals(for ticks: [Double]) -> Int {
        guard ticks.count >= 2 else { return 2 }
        let step = abs(ticks[1] - ticks[0])
        guard step > 0, step.isFinite else { return 2 }
        var decimals = 0
        var scaled = step
        while scaled < 0.999, decimals < 6 {
            scaled *= 10
            decimals += 1
        }
        return decimals
    }
}
