import Figures

/// Collects scene items at free coordinates, keeps text from overlapping, and finally shifts
/// everything onto a canvas with a margin (by whole CSS pixels, so device alignment survives).
struct SceneBuilder {
    /// How a text is positioned relative to its anchor x.
    enum Align {
        case left, center, right
    }

    let scale: Int
    let measurer: TextMeasurer
    private(set) var items: [Scene.Item] = []
    private(set) var panelBoxes: [Rect] = []
    private var textBoxes: [Rect] = []
    private(set) var bounds: Rect?

    static let black = RGB(red: 0, green: 0, blue: 0)
    static let darkGray = RGB(red: 0x44, green: 0x44, blue: 0x44)
    static let midGray = RGB(red: 0x88, green: 0x88, blue: 0x88)
    static let lightGray = RGB(red: 0xBB, green: 0xBB, blue: 0xBB)
    static let faintGray = RGB(red: 0xE8, green: 0xE8, blue: 0xE8)

    init(scale: Int) {
        self.scale = scale
        measurer = TextMeasurer(scale: scale)
    }

    /// The width of `text` in CSS pixels.
    func width(of text: String, size: Double, bold: Bool = false) -> Double {
        measurer.measure(text, size: size, bold: bold).width
    }

    /// The box `text` would occupy with its top at `top`.
    func box(of text: String, x: Double, top: Double, size: Double, bold: Bool = false, align: Align = .left) -> Rect {
        let metrics = measurer.measure(text, size: size, bold: bold)
        let left: Double =
            switch align {
            case .left: x
            case .center: x - metrics.width / 2
            case .right: x - metrics.width
            }
        return Rect(x: left, y: top, width: metrics.width, height: metrics.ascent + metrics.descent)
    }

    /// Whether a text box would overlap text already placed.
    func collides(_ box: Rect) -> Bool {
        textBoxes.contains { $0.intersects(box) }
    }

    /// Places a line of text with its top at `top`; skips it (returning `nil`) when it would
    /// overlap text already placed, so labels never collide.
    @discardableResult
    mutating func text(
        _ text: String, x: Double, top: Double, size: Double, bold: Bool = false, align: Align = .left,
        color: RGB = SceneBuilder.black
    ) -> Rect? {
        guard !text.isEmpty else { return nil }
        let metrics = measurer.measure(text, size: size, bold: bold)
        let box = box(of: text, x: x, top: top, size: size, bold: bold, align: align)
        guard !collides(box) else { return nil }
        textBoxes.append(box)
        items.append(
            .text(
                TextItem(
                    text: text, x: box.x, baseline: top + metrics.ascent, size: size, bold: bold, color: color,
                    box: box)))
        include(box)
        return box
    }

    /// Places text vertically centred on `centerY`.
    @discardableResult
    mutating func text(
        _ text: String, x: Double, centerY: Double, size: Double, bold: Bool = false, align: Align = .left,
        color: RGB = SceneBuilder.black
    ) -> Rect? {
        let metrics = measurer.measure(text, size: size, bold: bold)
        let top = centerY - (metrics.ascent + metrics.descent) / 2
        return self.text(text, x: x, top: top, size: size, bold: bold, align: align, color: color)
    }

    /// The largest font size (from `preferred` down to `minimum`, half-point steps) at which
    /// `text` fits in `maxWidth`; `nil` when it does not fit even at `minimum`.
    func fittingSize(_ text: String, maxWidth: Double, preferred: Double, minimum: Double, bold: Bool = false)
        -> Double?
    {
        var size = preferred
        while size >= minimum {
            if width(of: text, size: size, bold: bold) <= maxWidth { return size }
            size -= 0.5
        }
        return nil
    }

    mutating func fill(_ rect: Rect, _ color: RGB) {
        items.append(.fill(rect, color))
        include(rect)
    }

    mutating func frame(_ rect: Rect, _ color: RGB) {
        items.append(.frame(rect, color))
        include(rect.outset(by: 1))
    }

    mutating func line(_ from: Point, _ to: Point, _ color: RGB, lineWidth: Double = 1) {
        items.append(.line(from, to, color, lineWidth: lineWidth))
        include(
            Rect(x: min(from.x, to.x), y: min(from.y, to.y), width: abs(to.x - from.x), height: abs(to.y - from.y)))
    }

    mutating func polyline(_ points: [Point], _ color: RGB, lineWidth: Double, clip: Rect) {
        items.append(.polyline(points, color, lineWidth: lineWidth, clip: clip))
        include(clip)
    }

    /// Adds cells whose top-left corner is at CSS (`x`, `y`), rounded to a device pixel.
    /// Returns their CSS extent.
    @discardableResult
    mutating func cells(
        x: Double, y: Double, cellWidth: Int, cellHeight: Int, rows: Int, columns: Int, colors: [UInt32],
        isPanel: Bool = true
    ) -> Rect {
        let block = CellBlock(
            x: Int((x * Double(scale)).rounded()), y: Int((y * Double(scale)).rounded()), cellWidth: cellWidth,
            cellHeight: cellHeight, rows: rows, columns: columns, colors: colors)
        items.append(.cells(block))
        let rect = block.rect(scale: scale)
        if isPanel { panelBoxes.append(rect) }
        include(rect)
        return rect
    }

    /// Grows the bounds to cover `rect`.
    mutating func include(_ rect: Rect) {
        guard let current = bounds else {
            bounds = rect
            return
        }
        let x = min(current.x, rect.x)
        let y = min(current.y, rect.y)
        bounds = Rect(
            x: x, y: y, width: max(current.maxX, rect.maxX) - x, height: max(current.maxY, rect.maxY) - y)
    }

    /// Moves everything so the bounds start at (`margin`, `margin`) and returns the scene.
    func finish(margin: Double) -> Scene {
        let area = bounds ?? Rect(x: 0, y: 0, width: 1, height: 1)
        let dx = (margin - area.x).rounded(.up)
        let dy = (margin - area.y).rounded(.up)
        let width = Int((area.maxX + dx + margin).rounded(.up))
        let height = Int((area.maxY + dy + margin).rounded(.up))
        var scene = Scene(width: width, height: height)
        scene.items = items.map { $0.translated(dx: dx, dy: dy, scale: scale) }
        scene.panelBoxes = panelBoxes.map { $0.translated(dx: dx, dy: dy) }
        return scene
    }
}

extension Rect {
    func translated(dx: Double, dy: Double) -> Rect { Rect(x: x + dx, y: y + dy, width: width, height: height) }
}

extension Point {
    func translated(dx: Double, dy: Double) -> Point { Point(x: x + dx, y: y + dy) }
}

extension Scene.Item {
    /// The item moved by whole CSS pixels.
    func translated(dx: Double, dy: Double, scale: Int) -> Scene.Item {
        switch self {
        case .fill(let rect, let color): return .fill(rect.translated(dx: dx, dy: dy), color)
        case .frame(let rect, let color): return .frame(rect.translated(dx: dx, dy: dy), color)
        case .cells(var block):
            block.x += Int(dx) * scale
            block.y += Int(dy) * scale
            return .cells(block)
        case .text(var text):
            text.x += dx
            text.baseline += dy
            text.box = text.box.translated(dx: dx, dy: dy)
            return .text(text)
        case .polyline(let points, let color, let lineWidth, let clip):
            return .polyline(
                points.map { $0.translated(dx: dx, dy: dy) }, color, lineWidth: lineWidth,
                clip: clip.translated(dx: dx, dy: dy))
        case .line(let from, let to, let color, let lineWidth):
            return .line(from.translated(dx: dx, dy: dy), to.translated(dx: dx, dy: dy), color, lineWidth: lineWidth)
        }
    }
}
