import Tensors

extension Figure {
    /// A `(3, H, W)` tensor (red, green, blue planes) with values in [0, 1] drawn as a picture;
    /// a `(1, H, W)` tensor is drawn in gray. Images larger than ``FigureLimits/maxImageSide`` are
    /// block-averaged.
    public static func image(_ tensor: Tensor, title: String? = nil) throws(FigureError) -> Figure {
        let input = try FigureInput(tensor, call: "image")
        try input.requireRank(3, call: "image", dimensions: "(3, H, W) with values in [0, 1]")
        return try image(input, call: "image", title: title)
    }

    static func image(_ input: FigureInput, call: String, title: String?) throws(FigureError) -> Figure {
        let (channels, height, width) = (input.shape[0], input.shape[1], input.shape[2])
        guard channels == 3 || channels == 1 else {
            throw FigureError(
                .shape,
                "\(call): an image needs 3 channels (red, green, blue) or 1 (gray), but the tensor has "
                    + "\(channels) (shape \(formatShape(input.shape))); use feature_maps to see the channels")
        }
        if let extremes = input.finiteExtremes, extremes.min < 0 || extremes.max > 1 {
            throw FigureError(
                .value,
                "\(call): image values must lie in [0, 1], but they range from \(NumberFormat.short(extremes.min)) "
                    + "to \(NumberFormat.short(extremes.max)); divide by 255, or draw a heatmap with show(x, cmap=...)")
        }
        var planes = (0..<channels).map { input.matrix(at: $0 * height * width, height: height, width: width) }
        var notes: [String] = []
        let factor = Matrix.downsamplingFactor(height: height, width: width, maxSide: FigureLimits.maxImageSide)
        if factor > 1 {
            planes = planes.map { $0.downsampled(maxSide: FigureLimits.maxImageSide) }
            notes.append("\(height)×\(width) image shown downsampled \(factor)×")
        }
        if let note = input.nonFiniteNote { notes.append(note) }
        let (red, green, blue) = (planes[0], planes[channels == 3 ? 1 : 0], planes[channels == 3 ? 2 : 0])
        let pixels = red.values.indices.map { index -> RGB in
            let components = [red.values[index], green.values[index], blue.values[index]]
            guard components.allSatisfy(\.isFinite) else { return Colormap.nonFiniteColor }
            let bytes = components.map { UInt8(($0 * 255).rounded().clamped(to: 0...255)) }
            return RGB(red: bytes[0], green: bytes[1], blue: bytes[2])
        }
        return Figure(
            content: .image(RGBImage(height: red.height, width: red.width, pixels: pixels)), title: title,
            notes: notes, textFallback: "<image \(crossShape(input.shape))>")
    }
}
