import Figures

/// What to draw, in order, on a canvas of `width × height` CSS pixels: a display list built by
/// the figure layouts and executed by ``Canvas``.
struct Scene {
    var width: Int
    var height: Int
    var items: [Item] = []
    /// Boxes of heatmap panels, for tests and callers that map clicks to cells.
    var panelBoxes: [Rect] = []

    enum Item {
        /// A filled rectangle, edges snapped to device pixels.
        case fill(Rect, RGB)
        /// A rectangle outline one device pixel wide, just outside `rect`.
        case frame(Rect, RGB)
        /// A block of equally sized, device-pixel-aligned cells written straight into the pixels.
        case cells(CellBlock)
        /// A line of text.
        case text(TextItem)
        /// Connected line segments, clipped to a rectangle.
        case polyline([Point], RGB, lineWidth: Double, clip: Rect)
        /// A straight hairline (ticks, grid lines).
        case line(Point, Point, RGB, lineWidth: Double)
    }

    /// The boxes of all text items.
    var textBoxes: [Rect] {
        items.compactMap { item in
            if case .text(let text) = item { text.box } else { nil }
        }
    }
}

/// A point in CSS pixels.
struct Point {
    var x: Double
    var y: Double
}

/// A positioned line of text: `box` spans from the font's ascent to its descent.
struct TextItem {
    var text: String
    var x: Double
    var baseline: Double
    var size: Double
    var bold: Bool
    var color: RGB
    var box: Rect
}

/// Cells of a heatmap or image in device pixels: `rows × columns` cells of
/// `cellWidth × cellHeight` device pixels starting at device pixel (`x`, `y`).
struct CellBlock {
    var x: Int
    var y: Int
    var cellWidth: Int
    var cellHeight: Int
    var rows: Int
    var columns: Int
    /// One opaque ARGB32 colour per cell, row-major.
    var colors: [UInt32]

    /// The block's extent in CSS pixels at `scale` device pixels per CSS pixel.
    func rect(scale: Int) -> Rect {
        let s = Double(scale)
        return Rect(
            x: Double(x) / s, y: Double(y) / s, width: Double(columns * cellWidth) / s,
            height: Double(rows * cellHeight) / s)
    }
}

extension RGB {
    /// The colour as an opaque Cairo ARGB32 pixel.
    var argb: UInt32 { 0xFF00_0000 | packed }
}
