extension Figure {
    /// Slices `input` into panels for `arrangement`, bounds the size, fits the colour scales.
    static func grid(
        _ arrangement: HeatmapGrid.Arrangement, _ input: FigureInput, call: String, title: String?,
        style: HeatmapStyle
    ) throws(FigureError) -> Figure {
        var notes: [String] = []
        var layout = panelLayout(arrangement, shape: input.shape, notes: &notes)

        // The panels as given (before downsampling), in reading order.
        var panels: [Matrix] = []
        panels.reserveCapacity(layout.rows * layout.columns)
        let panelSize = layout.height * layout.width
        for row in 0..<layout.rows {
            for column in 0..<layout.columns {
                let index = layout.wraps ? row * layout.columns + column : row * layout.sourceColumns + column
                guard index < layout.panelCount, layout.wraps || column < layout.sourceColumns else { continue }
                panels.append(input.matrix(at: index * panelSize, height: layout.height, width: layout.width))
            }
        }

        let colormap = style.cmap ?? defaultColormap(input)
        let scales: [ValueRange]
        if style.sharedScale {
            let all = panels.flatMap(\.values)
            let range = ValueRange.fitting(all, colormap: colormap, vmin: style.vmin, vmax: style.vmax)
            scales = Array(repeating: range, count: panels.count)
        } else {
            scales = panels.map {
                ValueRange.fitting($0.values, colormap: colormap, vmin: style.vmin, vmax: style.vmax)
            }
        }

        // Panels shrink until the whole grid spans at most maxGridCells cells each way, so even at
        // one device pixel per cell the picture stays around a megapixel.
        let maxSide =
            panels.count == 1
            ? FigureLimits.maxHeatmapSide
            : max(
                4,
                min(
                    FigureLimits.maxPanelSide, FigureLimits.maxGridCells / layout.rows,
                    FigureLimits.maxGridCells / layout.columns))
        let factor = Matrix.downsamplingFactor(height: layout.height, width: layout.width, maxSide: maxSide)
        if factor > 1 {
            panels = panels.map { $0.downsampled(maxSide: maxSide) }
            let what = panels.count == 1 ? "tensor" : "maps"
            notes.append(
                "\(layout.height)×\(layout.width) \(what) shown downsampled \(factor)× "
                    + "(mean of \(factor)×\(factor) blocks)")
        }
        if let note = input.nonFiniteNote { notes.append(note) }

        let annotate =
            style.annotate
            ?? (panels.count <= FigureLimits.annotateMaxPanels
                && max(layout.height, layout.width) <= FigureLimits.annotateMaxSide)
        layout.trimLabels(panelCount: panels.count)
        let grid = HeatmapGrid(
            arrangement: arrangement, panels: panels, rows: layout.rows, columns: layout.columns,
            rowLabels: layout.rowLabels, columnLabels: layout.columnLabels, panelTitles: layout.panelTitles,
            colormap: colormap, scales: scales, sharedScale: style.sharedScale, annotate: annotate && factor == 1,
            sourceShape: input.shape)
        return Figure(
            content: .heatmaps(grid), title: title, notes: notes,
            textFallback: "<\(fallbackName(arrangement)) \(crossShape(input.shape))>")
    }

    /// Diverging for values of both signs (signed data such as edge-detector outputs), else viridis.
    static func defaultColormap(_ input: FigureInput) -> Colormap {
        guard let extremes = input.finiteExtremes else { return .viridis }
        return extremes.min < 0 && extremes.max > 0 ? .diverging : .viridis
    }

    static func fallbackName(_ arrangement: HeatmapGrid.Arrangement) -> String {
        switch arrangement {
        case .heatmap: "heatmap"
        case .featureMaps: "feature maps"
        case .kernels: "kernels"
        case .batch: "batch"
        }
    }

    /// Where the panels of each arrangement come from and how they are labelled.
    static func panelLayout(
        _ arrangement: HeatmapGrid.Arrangement, shape: [Int], notes: inout [String]
    ) -> PanelLayout {
        switch arrangement {
        case .heatmap:
            let (height, width) = shape.count == 1 ? (1, shape[0]) : (shape[0], shape[1])
            return PanelLayout(height: height, width: width, panelCount: 1, rows: 1, columns: 1)
        case .featureMaps:
            let channels = shape.count == 2 ? 1 : shape[0]
            let (height, width) = shape.count == 2 ? (shape[0], shape[1]) : (shape[1], shape[2])
            let shown = min(channels, FigureLimits.maxChannels)
            if shown < channels { notes.append("showing the first \(shown) of \(channels) channels") }
            let columns = min(shown, FigureLimits.channelsPerRow)
            var layout = PanelLayout(
                height: height, width: width, panelCount: shown, rows: (shown + columns - 1) / columns,
                columns: columns)
            layout.panelTitles = (0..<shown).map { "channel \($0)" }
            return layout
        case .kernels, .batch:
            let rows = min(shape[0], FigureLimits.maxGridRows)
            let columns = min(shape[1], FigureLimits.maxGridColumns)
            let (rowWord, columnWord) = arrangement == .kernels ? ("out", "in") : ("sample", "channel")
            let (rowName, columnName) =
                arrangement == .kernels ? ("output channels", "input channels") : ("samples", "channels")
            if rows < shape[0] { notes.append("showing the first \(rows) of \(shape[0]) \(rowName)") }
            if columns < shape[1] { notes.append("showing the first \(columns) of \(shape[1]) \(columnName)") }
            var layout = PanelLayout(
                height: shape[2], width: shape[3], panelCount: shape[0] * shape[1], rows: rows, columns: columns)
            layout.wraps = false
            layout.sourceColumns = shape[1]
            layout.rowLabels = (0..<rows).map { "\(rowWord) \($0)" }
            layout.columnLabels = (0..<columns).map { "\(columnWord) \($0)" }
            return layout
        }
    }
}

/// How panels are cut from a tensor and placed on the grid.
struct PanelLayout {
    var height: Int
    var width: Int
    /// The number of panels in the tensor.
    var panelCount: Int
    var rows: Int
    var columns: Int
    /// Whether panels fill the grid in reading order (channels) rather than by (row, column)
    /// of the tensor's first two dimensions (kernels, batches).
    var wraps = true
    /// The tensor's second dimension when it does not wrap (panels per tensor row).
    var sourceColumns = 0
    var rowLabels: [String] = []
    var columnLabels: [String] = []
    var panelTitles: [String] = []

    init(height: Int, width: Int, panelCount: Int, rows: Int, columns: Int) {
        self.height = height
        self.width = width
        self.panelCount = panelCount
        self.rows = rows
        self.columns = columns
        self.sourceColumns = columns
    }

    /// Keeps panel titles for the panels actually drawn.
    mutating func trimLabels(panelCount drawn: Int) {
        if panelTitles.count > drawn { panelTitles.removeLast(panelTitles.count - drawn) }
    }
}
