/// One or more heatmap panels laid out on a grid: a single heatmap, a row of channels, a
/// `c_o × c_i` kernel grid or a batch of `N` rows of `C` maps.
public struct HeatmapGrid: Sendable, Hashable {
    /// How the panels came from the tensor; decides the labels and the text fallback.
    public enum Arrangement: String, Sendable, Hashable {
        /// A 2-D tensor drawn as one heatmap.
        case heatmap
        /// A `(c, h, w)` tensor drawn as one panel per channel, wrapping after
        /// ``FigureLimits/channelsPerRow`` panels.
        case featureMaps
        /// A `(c_o, c_i, k_h, k_w)` kernel drawn as `c_o` rows ("out i") of `c_i` panels ("in j").
        case kernels
        /// An `(N, C, H, W)` batch drawn as `N` rows ("sample n") of `C` panels ("channel c").
        case batch
    }

    /// How the panels came from the tensor.
    public var arrangement: Arrangement
    /// The panels in reading order: panel `i` sits at row `i / columns`, column `i % columns`.
    public var panels: [Matrix]
    /// The number of panel rows.
    public var rows: Int
    /// The number of panel columns.
    public var columns: Int
    /// A label left of each panel row (empty when rows are not labelled).
    public var rowLabels: [String]
    /// A label above each panel column (empty when columns are not labelled).
    public var columnLabels: [String]
    /// A title above each panel (empty when panels are not titled).
    public var panelTitles: [String]
    /// The colour scale.
    public var colormap: Colormap
    /// The value range of each panel; all equal when the figure shares one scale.
    public var scales: [ValueRange]
    /// Whether all panels share one colour scale (one colorbar for the figure).
    public var sharedScale: Bool
    /// Whether to write each value in its cell (the renderer skips numbers that do not fit).
    public var annotate: Bool
    /// The shape of the tensor as given, before any panel was left out or downsampled.
    public var sourceShape: [Int]
}
