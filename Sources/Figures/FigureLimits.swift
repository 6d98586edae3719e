/// Size limits that keep every figure readable and every PNG small.
public enum FigureLimits {
    /// The largest side, in cells, of a single heatmap; larger tensors are block-averaged.
    public static let maxHeatmapSide = 256
    /// The largest side, in cells, of each panel of a multi-panel figure.
    public static let maxPanelSide = 96
    /// The most channels a feature-map figure draws; further channels are left out with a note.
    public static let maxChannels = 64
    /// The most cells a multi-panel figure spans across its rows, and across its columns; panels of
    /// big grids are downsampled further to fit.
    public static let maxGridCells = 1200
    /// The most panels on one row of a channel figure before it wraps.
    public static let channelsPerRow = 8
    /// The most input-channel columns of a kernel or batch grid.
    public static let maxGridColumns = 16
    /// The most rows of a kernel or batch grid.
    public static let maxGridRows = 64
    /// Annotations are on by default when every panel is at most this many cells on a side…
    public static let annotateMaxSide = 12
    /// …and the figure has at most this many panels.
    public static let annotateMaxPanels = 16
    /// The largest side of an RGB image; larger images are block-averaged.
    public static let maxImageSide = 512
    /// The largest `explain_conv` input side (the figure writes every number).
    public static let maxExplainInputSide = 8
    /// The largest `explain_conv` kernel side.
    public static let maxExplainKernelSide = 5
    /// The most input channels `explain_conv` spells out.
    public static let maxExplainChannels = 4
    /// The most series in one line plot.
    public static let maxSeries = 10
    /// The most points drawn per series; longer series are thinned evenly.
    public static let maxPointsPerSeries = 4000
}
