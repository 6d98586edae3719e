import Figures

/// Lays out `input ⋆ kernel = output` rows with the first window shaded and the sums written out,
/// the way the book draws cross-correlation.
struct ConvLayout {
    let explanation: ConvExplanation

    static let cell = 30.0
    static let shaded = RGB(red: 0xA9, green: 0xCF, blue: 0xEA)
    static let operatorGap = 34.0

    func build(into builder: inout SceneBuilder) {
        let multiple = explanation.channels.count > 1
        var top = 0.0
        for (index, channel) in explanation.channels.enumerated() {
            var x = 0.0
            if multiple {
                builder.text(
                    "channel \(index)", x: -10, centerY: top + 18 + Double(channel.input.height) * Self.cell / 2,
                    size: 12, align: .right, color: SceneBuilder.darkGray)
            }
            let rowTop = top + 18
            let kernelShade = Set(0..<(channel.kernel.height * channel.kernel.width))
            let windowShade = Set(
                (0..<channel.kernel.height).flatMap { i in
                    (0..<channel.kernel.width).map { j in i * channel.input.width + j }
                })
            x = numberGrid(channel.input, caption: "input", shaded: windowShade, x: x, top: rowTop, builder: &builder)
            x = symbol("⋆", after: x, centerY: rowTop + middle(channel.input, channel.kernel), builder: &builder)
            x = numberGrid(channel.kernel, caption: "kernel", shaded: kernelShade, x: x, top: rowTop, builder: &builder)
            x = symbol("=", after: x, centerY: rowTop + middle(channel.input, channel.kernel), builder: &builder)
            _ = numberGrid(
                channel.partial, caption: multiple ? "partial" : "output", shaded: [0], x: x, top: rowTop,
                builder: &builder)
            let gridBottom = rowTop + Double(max(channel.input.height, channel.kernel.height)) * Self.cell
            top = sum(channel.firstSum, top: gridBottom + 8, builder: &builder) + 16
        }
        guard multiple, let totalSum = explanation.totalSum else { return }
        let rowTop = top + 18
        var x = 0.0
        builder.text(
            "sum", x: -10, centerY: rowTop + Double(explanation.output.height) * Self.cell / 2, size: 12,
            align: .right, color: SceneBuilder.darkGray)
        for (index, channel) in explanation.channels.enumerated() {
            if index > 0 {
                x = symbol(
                    "+", after: x, centerY: rowTop + Double(channel.partial.height) * Self.cell / 2, builder: &builder)
            }
            x = numberGrid(
                channel.partial, caption: "channel \(index)", shaded: [0], x: x, top: rowTop, builder: &builder)
        }
        x = symbol(
            "=", after: x, centerY: rowTop + Double(explanation.output.height) * Self.cell / 2, builder: &builder)
        _ = numberGrid(explanation.output, caption: "output", shaded: [0], x: x, top: rowTop, builder: &builder)
        _ = sum(totalSum, top: rowTop + Double(explanation.output.height) * Self.cell + 8, builder: &builder)
    }

    private func middle(_ a: Matrix, _ b: Matrix) -> Double {
        Double(max(a.height, b.height)) * Self.cell / 2
    }

    /// Draws the sum line; returns its bottom.
    private func sum(_ text: String, top: Double, builder: inout SceneBuilder) -> Double {
        let size = builder.fittingSize(text, maxWidth: 560, preferred: 14, minimum: 10) ?? 10
        return builder.text(text, x: 0, top: top, size: size)?.maxY ?? top
    }

    /// Draws an operator between grids; returns where the next grid starts.
    private func symbol(_ text: String, after x: Double, centerY: Double, builder: inout SceneBuilder) -> Double {
        // DejaVu's star operator is a small glyph; draw it larger so it reads like the book's ⋆.
        let size = text == "⋆" ? 34.0 : 22
        builder.text(text, x: x + Self.operatorGap / 2, centerY: centerY, size: size, align: .center)
        return x + Self.operatorGap
    }

    /// Draws a grid of numbers with a caption above; returns its right edge.
    private func numberGrid(
        _ matrix: Matrix, caption: String, shaded: Set<Int>, x: Double, top: Double, builder: inout SceneBuilder
    ) -> Double {
        let scale = builder.scale
        let cellDevice = Int(Self.cell) * scale
        let colors = (0..<(matrix.height * matrix.width)).map { index in
            shaded.contains(index) ? Self.shaded.argb : RGB(red: 255, green: 255, blue: 255).argb
        }
        let rect = builder.cells(
            x: x, y: top, cellWidth: cellDevice, cellHeight: cellDevice, rows: matrix.height, columns: matrix.width,
            colors: colors, isPanel: false)
        let hairline = 1 / Double(scale)
        for row in 1..<max(1, matrix.height) {
            let y = top + Double(row) * Self.cell
            builder.fill(Rect(x: x, y: y, width: rect.width, height: hairline), SceneBuilder.midGray)
        }
        for column in 1..<max(1, matrix.width) {
            let lineX = x + Double(column) * Self.cell
            builder.fill(Rect(x: lineX, y: top, width: hairline, height: rect.height), SceneBuilder.midGray)
        }
        builder.frame(rect, SceneBuilder.black)
        builder.text(
            caption, x: x + rect.width / 2, top: top - 17, size: 11, align: .center, color: SceneBuilder.darkGray)
        // One font size per grid, the largest at which every number fits its cell.
        let texts = matrix.values.map { NumberFormat.short($0) }
        let size =
            texts.map { builder.fittingSize($0, maxWidth: Self.cell - 3, preferred: 13, minimum: 6) ?? 6 }.min() ?? 13
        for row in 0..<matrix.height {
            for column in 0..<matrix.width {
                let text = texts[row * matrix.width + column]
                builder.text(
                    text, x: x + (Double(column) + 0.5) * Self.cell, centerY: top + (Double(row) + 0.5) * Self.cell,
                    size: size, align: .center)
            }
        }
        return rect.maxX
    }
}
