import Figures
import Foundation

/// Lays out a line plot: axes with nice ticks, light grid lines, the series, and a legend.
struct PlotLayout {
    let plot: LinePlot

    static let plotWidth = 480.0
    static let plotHeight = 300.0
    static let tickSize = 10.0

    func build(into builder: inout SceneBuilder) {
        let area = Rect(x: 0, y: 0, width: Self.plotWidth, height: Self.plotHeight)
        let points = plot.series.flatMap { zip($0.xs, $0.ys) }
        let xs = axisRange(points.map(\.0), pad: false)
        let ys = axisRange(points.map { plot.logY ? log10($0.1) : $0.1 }, pad: true)
        func px(_ x: Double) -> Double { area.x + (x - xs.lower) / (xs.upper - xs.lower) * area.width }
        func py(_ y: Double) -> Double {
            let value = plot.logY ? log10(y) : y
            return area.maxY - (value - ys.lower) / (ys.upper - ys.lower) * area.height
        }

        builder.fill(area, RGB(red: 255, green: 255, blue: 255))
        let xTicks = Ticks.nice(lower: xs.lower, upper: xs.upper, target: 6)
        let yTicks =
            plot.logY
            ? Ticks.logarithmic(lower: pow(10, ys.lower), upper: pow(10, ys.upper), target: 5)
            : Ticks.nice(lower: ys.lower, upper: ys.upper, target: 5)
        let xDecimals = Colorbar.decimals(for: xTicks)
        let yDecimals = Colorbar.decimals(for: yTicks)
        for tick in xTicks {
            let x = px(tick)
            builder.line(Point(x: x, y: area.y), Point(x: x, y: area.maxY), SceneBuilder.faintGray, lineWidth: 0.5)
            builder.line(
                Point(x: x, y: area.maxY), Point(x: x, y: area.maxY + 4), SceneBuilder.darkGray, lineWidth: 0.5)
            builder.text(
                NumberFormat.short(tick, decimals: xDecimals), x: x, top: area.maxY + 6, size: Self.tickSize,
                align: .center, color: SceneBuilder.darkGray)
        }
        for tick in yTicks {
            let y = py(tick)
            builder.line(Point(x: area.x, y: y), Point(x: area.maxX, y: y), SceneBuilder.faintGray, lineWidth: 0.5)
            builder.line(Point(x: area.x - 4, y: y), Point(x: area.x, y: y), SceneBuilder.darkGray, lineWidth: 0.5)
            let label =
                plot.logY
                ? NumberFormat.short(tick, decimals: max(0, -Int(log10(tick))))
                : NumberFormat.short(tick, decimals: yDecimals)
            builder.text(
                label, x: area.x - 7, centerY: y, size: Self.tickSize, align: .right, color: SceneBuilder.darkGray)
        }
        builder.line(Point(x: area.x, y: area.maxY), Point(x: area.maxX, y: area.maxY), SceneBuilder.darkGray)
        builder.line(Point(x: area.x, y: area.y), Point(x: area.x, y: area.maxY), SceneBuilder.darkGray)

        for (index, series) in plot.series.enumerated() where !series.ys.isEmpty {
            let color = LinePlot.palette[index % LinePlot.palette.count]
            let line = zip(series.xs, series.ys).map { Point(x: px($0.0), y: py($0.1)) }
            builder.polyline(line, color, lineWidth: 1.75, clip: area.outset(by: 2))
        }

        if let xLabel = plot.xLabel {
            builder.text(xLabel, x: area.x + area.width / 2, top: area.maxY + 22, size: 11, align: .center)
        }
        if let yLabel = plot.yLabel {
            builder.text(yLabel, x: area.x, top: area.y - 18, size: 11, align: .center)
        }
        legend(in: area, builder: &builder)
    }

    /// The legend in the top-right corner of the plot, for labelled series.
    private func legend(in area: Rect, builder: inout SceneBuilder) {
        let entries = plot.series.enumerated().compactMap { index, series in
            series.label.map { (label: $0, color: LinePlot.palette[index % LinePlot.palette.count]) }
        }
        guard !entries.isEmpty else { return }
        let size = 11.0
        let lineHeight = 16.0
        let textWidth = entries.map { builder.width(of: $0.label, size: size) }.max() ?? 0
        let width = min(area.width - 20, 8 + 20 + 6 + textWidth + 8)
        let box = Rect(
            x: area.maxX - 8 - width, y: area.y + 8, width: width, height: Double(entries.count) * lineHeight + 8)
        builder.fill(box, RGB(red: 255, green: 255, blue: 255))
        builder.frame(box, SceneBuilder.lightGray)
        for (row, entry) in entries.enumerated() {
            let centerY = box.y + 4 + (Double(row) + 0.5) * lineHeight
            builder.fill(Rect(x: box.x + 8, y: centerY - 1, width: 20, height: 2), entry.color)
            builder.text(entry.label, x: box.x + 34, centerY: centerY, size: size)
        }
    }

    /// The data interval of an axis: the values' extent, widened when flat and padded 5% for y.
    private func axisRange(_ values: [Double], pad: Bool) -> (lower: Double, upper: Double) {
        var lower = values.min() ?? 0
        var upper = values.max() ?? 1
        if lower == upper {
            let spread = lower == 0 ? 1 : abs(lower) * 0.1
            lower -= spread
            upper += spread
        }
        guard pad else { return (lower, upper) }
        let margin = (upper - lower) * 0.05
        return (lower - margin, upper + margin)
    }
}
