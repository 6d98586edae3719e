extension Figure {
    /// Lines on shared axes with ticks and a legend, e.g. the loss while a kernel is learned.
    ///
    /// Non-finite points (and, with `logY`, points with y ≤ 0) are left out and counted in the
    /// caption; very long series are thinned evenly to ``FigureLimits/maxPointsPerSeries``.
    public static func plot(
        _ series: [LinePlot.Series], title: String? = nil, logY: Bool = false, xLabel: String? = nil,
        yLabel: String? = nil
    ) throws(FigureError) -> Figure {
        guard !series.isEmpty else { throw FigureError(.empty, "plot: there is no series to draw") }
        guard series.count <= FigureLimits.maxSeries else {
            throw FigureError(
                .limit, "plot: draws at most \(FigureLimits.maxSeries) series, but got \(series.count)")
        }
        var cleaned: [LinePlot.Series] = []
        var skipped = 0
        var nonPositive = 0
        var thinned = false
        for (number, line) in series.enumerated() {
            guard !line.ys.isEmpty else {
                throw FigureError(.empty, "plot: series \(number) has no points")
            }
            guard line.xs.count == line.ys.count else {
                throw FigureError(
                    .value,
                    "plot: series \(number) has \(line.xs.count) x values but \(line.ys.count) y values; "
                        + "they must have the same length")
            }
            var kept = LinePlot.Series(xs: [], ys: [], label: line.label)
            let step = (line.ys.count + FigureLimits.maxPointsPerSeries - 1) / FigureLimits.maxPointsPerSeries
            thinned = thinned || step > 1
            for index in stride(from: 0, to: line.ys.count, by: step) {
                let (x, y) = (line.xs[index], line.ys[index])
                if !x.isFinite || !y.isFinite {
                    skipped += 1
                } else if logY && y <= 0 {
                    nonPositive += 1
                } else {
                    kept.xs.append(x)
                    kept.ys.append(y)
                }
            }
            cleaned.append(kept)
        }
        guard cleaned.contains(where: { !$0.ys.isEmpty }) else {
            throw FigureError(
                .value,
                "plot: no point can be drawn" + (logY ? " (a log axis needs values above 0)" : "")
                    + "; every value is NaN or Inf")
        }
        var notes: [String] = []
        if skipped > 0 { notes.append("\(skipped) NaN or Inf \(skipped == 1 ? "point" : "points") left out") }
        if nonPositive > 0 {
            notes.append("\(nonPositive) \(nonPositive == 1 ? "point" : "points") ≤ 0 left out of the log axis")
        }
        if thinned { notes.append("long series thinned to \(FigureLimits.maxPointsPerSeries) points") }
        let plot = LinePlot(series: cleaned, logY: logY, xLabel: xLabel, yLabel: yLabel)
        let points = series.map(\.ys.count).reduce(0, +)
        let fallback =
            series.count == 1 ? "<plot \(points) points>" : "<plot \(series.count) series, \(points) points>"
        return Figure(content: .plot(plot), title: title, notes: notes, textFallback: fallback)
    }
}
