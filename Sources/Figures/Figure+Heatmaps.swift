import Tensors

extension Figure {
    /// The figure that suits a tensor's shape, as the language's `show(x)` draws it:
    ///
    /// | shape | figure |
    /// |---|---|
    /// | `(n)` | a 1 × n heatmap |
    /// | `(h, w)` | a heatmap |
    /// | `(3, h, w)`, all values finite and in [0, 1], no `cmap` | an RGB image |
    /// | other `(c, h, w)` | feature maps, one panel per channel |
    /// | `(c_o, c_i, k_h, k_w)` with `k_h, k_w ≤ 7` | a kernel grid (rows "out i", columns "in j") |
    /// | other `(N, C, H, W)` | a batch grid (rows "sample n", columns "channel c") |
    ///
    /// Leading dimensions of size 1 are dropped first (while more than two remain), so a conv output of
    /// shape `(1, 1, h, w)` is drawn as the heatmap it is and `(1, c, h, w)` as `c` feature maps.
    ///
    /// `cmap` defaults to ``Colormap/diverging`` when the values have both signs, else
    /// ``Colormap/viridis``; `annotate` defaults to on for at most 16 panels of at most 12 × 12.
    public static func show(
        _ tensor: Tensor, title: String? = nil, cmap: Colormap? = nil, annotate: Bool? = nil,
        vmin: Float? = nil, vmax: Float? = nil
    ) throws(FigureError) -> Figure {
        let style = HeatmapStyle(cmap: cmap, annotate: annotate, vmin: vmin, vmax: vmax, sharedScale: true)
        var shape = tensor.shape
        while shape.count > 2, shape.first == 1 { shape.removeFirst() }
        let input = try FigureInput((try? tensor.reshape(shape)) ?? tensor, call: "show")
        switch input.shape.count {
        case 0:
            throw FigureError(.shape, "show: a 0-d tensor (a single number) has nothing to draw; print it instead")
        case 1, 2:
            return try grid(.heatmap, input, call: "show", title: title, style: style)
        case 3:
            if input.shape[0] == 3, cmap == nil, input.nanCount + input.infinityCount == 0,
                let extremes = input.finiteExtremes, extremes.min >= 0, extremes.max <= 1
            {
                return try image(input, call: "show", title: title)
            }
            return try grid(.featureMaps, input, call: "show", title: title, style: style)
        case 4:
            let kernelLike = max(input.shape[2], input.shape[3]) <= 7
            return try grid(kernelLike ? .kernels : .batch, input, call: "show", title: title, style: style)
        default:
            throw FigureError(
                .shape,
                "show: can draw tensors of 1 to 4 dimensions, but got shape \(formatShape(input.shape)); "
                    + "select a slice first, e.g. x[0]")
        }
    }

    /// A heatmap of a 2-D tensor (a 1-D tensor is drawn as one row).
    public static func heatmap(
        _ tensor: Tensor, title: String? = nil, cmap: Colormap? = nil, annotate: Bool? = nil,
        vmin: Float? = nil, vmax: Float? = nil
    ) throws(FigureError) -> Figure {
        let input = try FigureInput(tensor, call: "heatmap")
        guard input.shape.count == 1 || input.shape.count == 2 else {
            throw FigureError(
                .shape,
                "heatmap: expects a 2-D tensor (height, width), but got shape \(formatShape(input.shape)); "
                    + "use feature_maps for (c, h, w) or kernels for (c_o, c_i, k_h, k_w)")
        }
        let style = HeatmapStyle(cmap: cmap, annotate: annotate, vmin: vmin, vmax: vmax, sharedScale: true)
        return try grid(.heatmap, input, call: "heatmap", title: title, style: style)
    }

    /// The channels of a `(c, h, w)` tensor side by side, titled "channel 0", "channel 1", …
    /// (a 2-D tensor is one channel). One colour scale unless `sharedScale` is false.
    public static func featureMaps(
        _ tensor: Tensor, title: String? = nil, cmap: Colormap? = nil, annotate: Bool? = nil,
        vmin: Float? = nil, vmax: Float? = nil, sharedScale: Bool = true
    ) throws(FigureError) -> Figure {
        let input = try FigureInput(tensor, call: "feature_maps")
        guard input.shape.count == 2 || input.shape.count == 3 else {
            throw FigureError(
                .shape,
                "feature_maps: expects a 3-D tensor (c, h, w), but got shape \(formatShape(input.shape))"
                    + (input.shape.count == 4 ? "; for a batch (N, C, H, W) select one sample, e.g. x[0]" : ""))
        }
        let style = HeatmapStyle(cmap: cmap, annotate: annotate, vmin: vmin, vmax: vmax, sharedScale: sharedScale)
        return try grid(.featureMaps, input, call: "feature_maps", title: title, style: style)
    }

    /// A `(c_o, c_i, k_h, k_w)` kernel as a `c_o × c_i` grid: row i is output channel i ("out i"),
    /// column j input channel j ("in j").
    public static func kernels(
        _ tensor: Tensor, title: String? = nil, cmap: Colormap? = nil, annotate: Bool? = nil,
        vmin: Float? = nil, vmax: Float? = nil, sharedScale: Bool = true
    ) throws(FigureError) -> Figure {
        let input = try FigureInput(tensor, call: "kernels")
        try input.requireRank(4, call: "kernels", dimensions: "(c_o, c_i, k_h, k_w)")
        let style = HeatmapStyle(cmap: cmap, annotate: annotate, vmin: vmin, vmax: vmax, sharedScale: sharedScale)
        return try grid(.kernels, input, call: "kernels", title: title, style: style)
    }

    /// An `(N, C, H, W)` batch as N rows ("sample n") of C maps ("channel c").
    public static func batch(
        _ tensor: Tensor, title: String? = nil, cmap: Colormap? = nil, annotate: Bool? = nil,
        vmin: Float? = nil, vmax: Float? = nil, sharedScale: Bool = true
    ) throws(FigureError) -> Figure {
        let input = try FigureInput(tensor, call: "batch")
        try input.requireRank(4, call: "batch", dimensions: "(N, C, H, W)")
        let style = HeatmapStyle(cmap: cmap, annotate: annotate, vmin: vmin, vmax: vmax, sharedScale: sharedScale)
        return try grid(.batch, input, call: "batch", title: title, style: style)
    }
}

/// The options every heatmap builder shares.
struct HeatmapStyle {
    var cmap: Colormap?
    var annotate: Bool?
    var vmin: Float?
    var vmax: Float?
    var sharedScale: Bool
}
