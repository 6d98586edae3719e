import Figures

/// Lays out heatmap panels on a grid with row/column labels, panel titles, optional numbers in
/// the cells and a colorbar.
struct HeatmapLayout {
    let grid: HeatmapGrid

    /// The largest area the cells of a figure may cover, in CSS pixels.
    static let maxCellsWidth = 720.0
    static let maxCellsHeight = 900.0
    /// Grids of more than 16 rows may be taller, so each row keeps a visible height.
    static let maxTallCellsHeight = 1200.0
    static let labelSize = 11.0
    static let colorbarWidth = 14.0

    func build(into builder: inout SceneBuilder) {
        let scale = builder.scale
        let side = grid.panels.map { max($0.height, $0.width) }.max() ?? 1
        let panelRows = grid.panels.map(\.height).max() ?? 1
        let panelColumns = grid.panels.map(\.width).max() ?? 1
        let titled = !grid.panelTitles.isEmpty
        let rangeCaptions = !grid.sharedScale
        // Tall grids (many output channels) get narrow gaps so the kernels stay visible.
        let baseGap = grid.rows > 16 ? 4.0 : (grid.rows > 1 || grid.columns > 1 ? 10 : 0)
        var gapX = grid.columns > 1 ? baseGap : 0
        let titleHeight = titled ? 16.0 : 0
        let captionHeight = rangeCaptions ? 13.0 : 0
        let gapY = (grid.rows > 1 ? baseGap : 0) + titleHeight + captionHeight
        let rowLabelWidth =
            grid.rowLabels.map { builder.width(of: $0, size: Self.labelSize) }.max().map { $0 + 8 } ?? 0

        // Cell size: as large as looks good, small enough that the figure fits the budget, and a
        // whole number of device pixels so every cell has the same size and no seams appear.
        let target = grid.panels.count == 1 ? 320.0 : (grid.panels.count <= 8 ? 150 : 100)
        let maxCell = grid.annotate ? 44.0 : 32
        let fitWidth =
            (Self.maxCellsWidth - rowLabelWidth - gapX * Double(grid.columns - 1))
            / Double(grid.columns * panelColumns)
        let maxHeight = grid.rows > 16 ? Self.maxTallCellsHeight : Self.maxCellsHeight
        let fitHeight = (maxHeight - gapY * Double(grid.rows)) / Double(grid.rows * panelRows)
        let cellCSS = min(maxCell, target / Double(side), fitWidth, fitHeight)
        let cellDevice = max(1, Int((cellCSS * Double(scale)).rounded(.down)))
        let cell = Double(cellDevice) / Double(scale)
        let panelWidth = cell * Double(panelColumns)
        let panelHeight = cell * Double(panelRows)
        // Columns at least as wide as their labels, so "in 0", "in 1", … never collide; when the
        // full labels would more than double the column pitch, the columns show their index only.
        var columnLabels = grid.columnLabels
        func widest(_ labels: [String]) -> Double {
            labels.map { builder.width(of: $0, size: Self.labelSize - 1) }.max() ?? 0
        }
        if grid.columns > 1, widest(columnLabels) + 6 > 2 * panelWidth + gapX {
            columnLabels = columnLabels.indices.map(String.init)
        }
        let columnWord =
            columnLabels != grid.columnLabels
            ? grid.columnLabels.first?.split(separator: " ").first.map(String.init) : nil
        if grid.columns > 1 { gapX = max(gapX, (widest(columnLabels) + 6 - panelWidth).rounded(.up)) }

        let titleSize = titled ? panelTitleSize(builder, maxWidth: panelWidth + gapX - 2) : nil
        let lookup = ColorLookup(colormap: grid.colormap)
        let columnLabelTop = -(grid.columnLabels.isEmpty ? 0 : 18.0)

        if let columnWord {
            // The labels show indices only; name them once, left of the first column.
            builder.text(
                columnWord, x: -6, top: columnLabelTop, size: Self.labelSize, align: .right,
                color: SceneBuilder.darkGray)
        }
        for column in 0..<min(grid.columns, columnLabels.count) {
            let centerX = Double(column) * (panelWidth + gapX) + panelWidth / 2
            let label = columnLabels[column]
            let size =
                builder.fittingSize(label, maxWidth: panelWidth + gapX - 2, preferred: Self.labelSize, minimum: 6)
                ?? 6
            builder.text(
                label, x: centerX, top: columnLabelTop, size: size, align: .center, color: SceneBuilder.darkGray)
        }

        let rowPitch = panelHeight + gapY
        let rowLabelSize = min(Self.labelSize, max(6, rowPitch * 0.75))
        for (index, panel) in grid.panels.enumerated() {
            let row = index / grid.columns
            let column = index % grid.columns
            let x = Double(column) * (panelWidth + gapX)
            let top = Double(row) * rowPitch
            let cellsTop = top + titleHeight
            if let titleSize, index < grid.panelTitles.count {
                let title = titleSize.short ? String(index) : grid.panelTitles[index]
                builder.text(title, x: x + panelWidth / 2, top: top + 1, size: titleSize.size, align: .center)
            }
            let colors = lookup.colors(of: panel, range: grid.scales[index])
            let rect = builder.cells(
                x: x, y: cellsTop, cellWidth: cellDevice, cellHeight: cellDevice, rows: panel.height,
                columns: panel.width, colors: colors)
            builder.frame(rect, SceneBuilder.lightGray)
            if grid.annotate {
                annotate(panel, range: grid.scales[index], colors: colors, in: rect, cell: cell, builder: &builder)
            }
            if rangeCaptions {
                let range = grid.scales[index]
                let caption = NumberFormat.short(range.lower) + " … " + NumberFormat.short(range.upper)
                if let size = builder.fittingSize(caption, maxWidth: panelWidth + gapX - 2, preferred: 9, minimum: 6) {
                    builder.text(
                        caption, x: x + panelWidth / 2, top: rect.maxY + 2, size: size, align: .center,
                        color: SceneBuilder.darkGray)
                }
            }
            if column == 0, row < grid.rowLabels.count {
                builder.text(
                    grid.rowLabels[row], x: -6, centerY: cellsTop + panelHeight / 2, size: rowLabelSize,
                    align: .right, color: SceneBuilder.darkGray)
            }
        }

        let gridWidth = Double(grid.columns) * panelWidth + Double(grid.columns - 1) * gapX
        let gridHeight = Double(grid.rows) * rowPitch - (grid.rows > 1 ? baseGap : 0) - captionHeight
        let barHeight = min(300, max(60, gridHeight - titleHeight))
        Colorbar(
            colormap: grid.colormap, range: grid.sharedScale ? grid.scales.first : nil, lookup: lookup
        ).build(x: gridWidth + 16, top: titleHeight, height: barHeight, into: &builder)
    }

    /// The font size for panel titles that fits every title, or the index alone when even the
    /// smallest size is too wide.
    private func panelTitleSize(_ builder: SceneBuilder, maxWidth: Double) -> (size: Double, short: Bool) {
        let widest = grid.panelTitles.max { $0.count < $1.count } ?? ""
        if let size = builder.fittingSize(widest, maxWidth: maxWidth, preferred: Self.labelSize, minimum: 7) {
            return (size, false)
        }
        let shortest = String(grid.panelTitles.count - 1)
        return (builder.fittingSize(shortest, maxWidth: maxWidth, preferred: Self.labelSize, minimum: 5) ?? 5, true)
    }

    /// Writes each value in its cell in black or white, whichever contrasts with the cell;
    /// values that do not fit their cell are left out.
    private func annotate(
        _ panel: Matrix, range: ValueRange, colors: [UInt32], in rect: Rect, cell: Double, builder: inout SceneBuilder
    ) {
        let preferred = min(13, cell * 0.36)
        guard preferred >= 6 else { return }
        let decimals = NumberFormat.decimals(forMagnitude: max(abs(range.lower), abs(range.upper)))
        let texts = panel.values.map { NumberFormat.fixed($0, decimals: decimals) }
        // One size for the panel: the largest at which every number fits (numbers that do not fit
        // even at the smallest size are left out).
        let sizes = texts.map { builder.fittingSize($0, maxWidth: cell * 0.82, preferred: preferred, minimum: 6) }
        guard let size = sizes.compactMap({ $0 }).min() else { return }
        for row in 0..<panel.height {
            for column in 0..<panel.width {
                let index = row * panel.width + column
                guard sizes[index] != nil else { continue }
                let text = texts[index]
                let color = RGB(packed: colors[index] & 0xFF_FFFF).contrastingText
                builder.text(
                    text, x: rect.x + (Double(column) + 0.5) * cell, centerY: rect.y + (Double(row) + 0.5) * cell,
                    size: size, align: .center, color: color)
            }
        }
    }
}
