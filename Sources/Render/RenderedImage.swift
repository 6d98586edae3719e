/// A rendered figure: PNG bytes plus the size to declare in HTML.
///
/// The PNG holds `width × scale` by `height × scale` device pixels; a page shows it at
/// `width × height` CSS pixels, so it stays crisp on 2× displays.
public struct RenderedImage: Sendable, Hashable {
    /// The encoded PNG.
    public var png: [UInt8]
    /// The CSS width (`<img width=…>`).
    public var width: Int
    /// The CSS height.
    public var height: Int
    /// Device pixels per CSS pixel.
    public var scale: Int
    /// The box of every piece of text drawn, in CSS pixels (tests check none overlap).
    public var textBoxes: [Rect]
    /// The box of every heatmap panel's cells, in CSS pixels, in the figure's panel order.
    public var panelBoxes: [Rect]
}
