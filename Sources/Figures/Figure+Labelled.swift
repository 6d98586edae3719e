import Tensors

extension Figure {
    /// What `show(x, labels=…)` draws: a labelled image grid for a batch of images, or an annotated
    /// heatmap with class names for a square matrix such as a confusion matrix.
    ///
    /// | shape | figure |
    /// |---|---|
    /// | `(n, 1, h, w)` or `(n, h, w)`, `n` labels | the `n` images in grey, each titled with its label |
    /// | `(c, c)`, `c` labels | one cell per entry, annotated, rows and columns named by the labels |
    ///
    /// ```swift
    /// try Figure.labelled(batch, labels: ["ankle boot", "t-shirt", …])   // 8 images with titles
    /// try Figure.labelled(confusion, labels: classNames)                // rows: true, columns: predicted
    /// ```
    public static func labelled(
        _ tensor: Tensor, labels: [String], title: String? = nil, cmap: Colormap? = nil, annotate: Bool? = nil
    ) throws(FigureError) -> Figure {
        var shape = tensor.shape
        if shape.count == 4, shape[1] == 1 { shape.remove(at: 1) }
        switch shape.count {
        case 3:
            guard labels.count == shape[0] else {
                throw FigureError(
                    .shape, "show: \(labels.count) labels for a batch of \(shape[0]) images; give one label per image")
            }
            let input = try FigureInput((try? tensor.reshape(shape)) ?? tensor, call: "show")
            let style = HeatmapStyle(cmap: cmap ?? .gray, annotate: false, vmin: nil, vmax: nil, sharedScale: true)
            var figure = try grid(.featureMaps, input, call: "show", title: title, style: style)
            if case .heatmaps(var grid) = figure.content {
                grid.panelTitles = Array(labels.prefix(grid.panels.count))
                figure.content = .heatmaps(grid)
            }
            figure.notes = figure.notes.map { $0.replacingOccurrences(of: "channels", with: "images") }
            figure.textFallback =
                "<images \(crossShape(shape)): \(labels.prefix(8).joined(separator: ", "))\(labels.count > 8 ? ", …" : "")>"
            return figure
        case 2:
            guard shape[0] == shape[1], labels.count == shape[0] else {
                throw FigureError(
                    .shape,
                    "show: labels name the rows and columns of a square matrix; got shape \(formatShape(shape)) "
                        + "and \(labels.count) labels")
            }
            // Each entry is a 1×1 panel of a (c, c, 1, 1) grid: rows and columns carry the class names, the
            // shared scale colours the entries, and each is annotated with its value.
            let cells = try FigureInput((try? tensor.reshape([shape[0], shape[1], 1, 1])) ?? tensor, call: "show")
            let style = HeatmapStyle(
                cmap: cmap ?? .viridis, annotate: annotate ?? true, vmin: nil, vmax: nil, sharedScale: true)
            var figure = try grid(.kernels, cells, call: "show", title: title, style: style)
            if case .heatmaps(var grid) = figure.content {
                grid.rowLabels = Array(labels.prefix(grid.rows))
                grid.columnLabels = Array(labels.prefix(grid.columns))
                grid.annotate = annotate ?? true
                figure.content = .heatmaps(grid)
            }
            figure.notes = figure.notes.map {
                $0.replacingOccurrences(of: "output channels", with: "rows").replacingOccurrences(
                    of: "input channels", with: "columns")
            }
            figure.textFallback = "<heatmap \(crossShape(shape)) labelled \(labels.prefix(3).joined(separator: ", "))…>"
            return figure
        default:
            throw FigureError(
                .shape,
                "show: labels go with a batch of images (n, 1, h, w) or a square matrix (c, c), not shape \(formatShape(tensor.shape))"
            )
        }
    }
}
