/// The description of a picture: what to draw, never how (the `Render` module draws it).
///
/// Figures are plain values built from tensors by the builders in `Figure+Builders.swift`, e.g.
///
/// ```swift
/// let figure = try Figure.show(weight)          // a (c_o, c_i, k_h, k_w) weight → kernel grid
/// figure.textFallback                            // "<kernels 3×2×2×2>"
/// let png = try Renderer.png(for: figure)        // in Render
/// ```
public struct Figure: Sendable, Hashable {
    /// What the figure shows.
    public enum Content: Sendable, Hashable {
        /// Heatmaps: one, a row of channels, a kernel grid or a batch grid.
        case heatmaps(HeatmapGrid)
        /// Input ⋆ kernel = output with the first window spelled out.
        case convolution(ConvExplanation)
        /// Lines on axes.
        case plot(LinePlot)
        /// A colour picture.
        case image(RGBImage)
    }

    /// What the figure shows.
    public var content: Content
    /// The title drawn above the figure.
    public var title: String?
    /// Caption lines drawn below the figure: non-finite counts, downsampling, left-out channels.
    public var notes: [String]
    /// A short text/plain stand-in, e.g. `<heatmap 6×8>`.
    public var textFallback: String

    /// Creates a figure.
    public init(content: Content, title: String? = nil, notes: [String] = [], textFallback: String) {
        self.content = content
        self.title = title
        self.notes = notes
        self.textFallback = textFallback
    }
}

/// Formats a shape with multiplication signs, as figure captions print it: `3×2×2`.
func crossShape(_ shape: [Int]) -> String {
    shape.map(String.init).joined(separator: "×")
}
