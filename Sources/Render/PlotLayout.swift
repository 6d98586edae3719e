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

        var lines: [[Point]] = []
        for (index, series) in plot.series.enumerated() where !series.ys.isEmpty {
            let color = LinePlot.palette[index % LinePlot.palette.count]
            let line = zip(series.xs, series.ys).map { Point(x: px($0.0), y: py($0.1)) }
            builder.polyline(line, color, lineWidth: 1.75, clip: area.outset(by: 2))
            lines.append(line)
        }

        if let xLabel = plot.xLabel {
            builder.text(xLabel, x: area.x + area.width / 2, top: area.maxY + 22, size: 11, align: .center)
        }
        if let yLabel = plot.yLabel {
            builder.text(yLabel, x: area.x, top: area.y - 18, size: 11, align: .center)
        }
        legend(in: area, avoiding: lines, builder: &builder)
    }

    /// The legend for labelled series, in the corner its box hides the least of the lines in
    /// (matplotlib's `loc="best"`; the top-right corner when several are equally good).
    private func legend(in area: Rect, avoiding lines: [[Point]], builder: inout SceneBuilder) {
        let entries = plot.series.enumerated().compactMap { index, series in
            series.label.map { (label: $0, color: LinePlot.palette[index % LinePlot.palette.count]) }
        }
        guard !entries.isEmpty else { return }
        let size = 11.0
        let lineHeight = 16.0
        let textWidth = entries.map { builder.width(of: $0.label, size: size) }.max() ?? 0
        let width = min(area.width - 20, 8 + 20 + 6 + textWidth + 8)
        let height = Double(entries.count) * lineHeight + 8
        let (left, right) = (area.x + 8, area.maxX - 8 - width)
        let (top, bottom) = (area.y + 8, area.maxY - 8 - height)
        let corners = [(right, top), (left, top), (left, bottom), (right, bottom)].map { x, y in
            Rect(x: x, y: y, width: width, height: height)
        }
        let box = corners.min { Self.covered(by: $0, lines) < Self.covered(by: $1, lines) } ?? corners[0]
        builder.fill(box, RGB(red: 255, green: 255, blue: 255))
        builder.frame(box, SceneBuilder.lightGray)
        for (row, entry) in entries.enumerated() {
            let centerY = box.y + 4 + (Double(row) + 0.5) * lineHeight
            builder.fill(Rect(x: box.x + 8, y: centerY - 1, width: 20, height: 2), entry.color)
            builder.text(entry.label, x: box.x + 34, centerY: centerY, size: size)
        }
    }

    /// How much of the lines a box hides: the number of points, sampled every 2 px along each
    /// segment, that fall inside it (or just around it).
    private static func covered(by box: Rect, _ lines: [[Point]]) -> Int {
        let zone = box.outset(by: 3)
        func inside(_ point: Point) -> Bool {
            point.x >= zone.x && point.x <= zone.maxX && point.y >= zone.y && point.y <= zone.maxY
        }
        var count = 0
        for line in lines {
            if let first = line.first, inside(first) { count += 1 }
            for (start, end) in zip(line, line.dropFirst()) {
                let steps = max(1, min(400, Int((abs(end.x - start.x) + abs(end.y - start.y)) / 2)))
                for step in 1...steps {
                    let t = Double(step) / Double(steps)
                    if inside(Point(x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t)) {
                        count += 1
                    }
                }
            }
        }
        return count
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
