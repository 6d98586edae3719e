/// Lines over shared axes, e.g. the loss while a kernel is learned.
public struct LinePlot: Sendable, Hashable {
    /// One line: points `(xs[i], ys[i])` and an optional legend label.
    public struct Series: Sendable, Hashable {
        /// The x coordinates.
        public var xs: [Double]
        /// The y coordinates, as many as `xs`.
        public var ys: [Double]
        /// The legend entry; series without a label are left out of the legend.
        public var label: String?

        /// Creates a series from explicit coordinates.
        public init(xs: [Double], ys: [Double], label: String? = nil) {
            self.xs = xs
            self.ys = ys
            self.label = label
        }

        /// Creates a series plotted against its indices `0, 1, 2, …`.
        public init(ys: [Double], label: String? = nil) {
            self.init(xs: ys.indices.map(Double.init), ys: ys, label: label)
        }
    }

    /// The lines, drawn in order with the colours of ``palette``.
    public var series: [Series]
    /// Whether the y axis is logarithmic.
    public var logY: Bool
    /// The x axis caption.
    public var xLabel: String?
    /// The y axis caption.
    public var yLabel: String?

    /// The line colours, matplotlib's `tab10` order.
    public static let palette: [RGB] = [
        0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF,
    ].map { RGB(packed: $0) }
}
