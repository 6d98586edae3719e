import CCairo
import Figures

/// Owns one Cairo image surface and its context; draws a ``Scene`` and encodes it as PNG.
///
/// The handles never leave this class: callers pass a scene in and get bytes out.
final class Canvas {
    let scale: Int
    let deviceWidth: Int
    let deviceHeight: Int
    private let surface: OpaquePointer
    private let context: OpaquePointer

    /// Creates a white canvas of `width × height` CSS pixels at `scale` device pixels per CSS pixel.
    init(width: Int, height: Int, scale: Int) throws(RenderError) {
        self.scale = scale
        deviceWidth = width * scale
        deviceHeight = height * scale
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(deviceWidth), Int32(deviceHeight))
        else { throw RenderError(.cairo, "could not create a \(deviceWidth)×\(deviceHeight) image") }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw RenderError(.cairo, "could not create a \(deviceWidth)×\(deviceHeight) image")
        }
        self.surface = surface
        self.context = context
        cairo_scale(context, Double(scale), Double(scale))
        Fonts.configure(context)
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Draws every item of `scene` in order.
    func draw(_ scene: Scene) {
        for item in scene.items {
            switch item {
            case .fill(let rect, let color): fill(rect, color)
            case .frame(let rect, let color): frame(rect, color)
            case .cells(let block): writeCells(block)
            case .text(let text): draw(text)
            case .polyline(let points, let color, let lineWidth, let clip):
                polyline(points, color, lineWidth: lineWidth, clip: clip)
            case .line(let from, let to, let color, let lineWidth): line(from, to, color, lineWidth: lineWidth)
            }
        }
    }

    /// Runs custom Cairo drawing in CSS pixels (for pictures that are not figures).
    func withContext(_ body: (OpaquePointer) -> Void) {
        cairo_save(context)
        body(context)
        cairo_restore(context)
    }

    /// The canvas encoded as an RGB PNG by the fast ``PNGEncoder`` (the canvas is opaque), or by
    /// another encoder for comparison.
    func png(_ encoding: PNGEncoding = .fast) throws(RenderError) -> [UInt8] {
        if encoding == .cairo { return try cairoPNG() }
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else {
            throw RenderError(.cairo, "the image has no pixels to encode")
        }
        let stride = Int(cairo_image_surface_get_stride(surface)) / 4
        let pixels = UnsafeRawPointer(data).assumingMemoryBound(to: UInt32.self)
        if encoding == .zlib {
            return try PNGEncoder.encodeWithZlib(
                argb: pixels, width: deviceWidth, height: deviceHeight, stride: stride, level: 1)
        }
        return PNGEncoder.encode(argb: pixels, width: deviceWidth, height: deviceHeight, stride: stride)
    }

    /// The canvas encoded by Cairo's own PNG writer (RGBA, libpng): the reference the fast
    /// encoder is tested against, and the writer for pictures where speed does not matter.
    func cairoPNG() throws(RenderError) -> [UInt8] {
        cairo_surface_flush(surface)
        let sink = ByteSink()
        let status = cairo_surface_write_to_png_stream(
            surface,
            { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque())
        withExtendedLifetime(sink) {}
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError(.cairo, "could not encode the PNG: \(String(cString: cairo_status_to_string(status)))")
        }
        return sink.bytes
    }

    private func setColor(_ color: RGB) {
        cairo_set_source_rgb(
            context, Double(color.red) / 255, Double(color.green) / 255, Double(color.blue) / 255)
    }

    /// Snaps a CSS coordinate to the nearest device pixel edge.
    private func snap(_ value: Double) -> Double {
        (value * Double(scale)).rounded() / Double(scale)
    }

    private func fill(_ rect: Rect, _ color: RGB) {
        let x0 = snap(rect.x)
        let y0 = snap(rect.y)
        cairo_set_antialias(context, CAIRO_ANTIALIAS_NONE)
        cairo_rectangle(context, x0, y0, snap(rect.maxX) - x0, snap(rect.maxY) - y0)
        setColor(color)
        cairo_fill(context)
        cairo_set_antialias(context, CAIRO_ANTIALIAS_DEFAULT)
    }

    private func frame(_ rect: Rect, _ color: RGB) {
        let pixel = 1 / Double(scale)
        let outer = Rect(
            x: snap(rect.x) - pixel, y: snap(rect.y) - pixel, width: snap(rect.maxX) - snap(rect.x) + 2 * pixel,
            height: snap(rect.maxY) - snap(rect.y) + 2 * pixel)
        cairo_set_antialias(context, CAIRO_ANTIALIAS_NONE)
        cairo_set_fill_rule(context, CAIRO_FILL_RULE_EVEN_ODD)
        cairo_rectangle(context, outer.x, outer.y, outer.width, outer.height)
        cairo_rectangle(
            context, snap(rect.x), snap(rect.y), snap(rect.maxX) - snap(rect.x), snap(rect.maxY) - snap(rect.y))
        setColor(color)
        cairo_fill(context)
        cairo_set_fill_rule(context, CAIRO_FILL_RULE_WINDING)
        cairo_set_antialias(context, CAIRO_ANTIALIAS_DEFAULT)
    }

    /// Writes the cells straight into the surface's pixels: exact, seamless and fast.
    private func writeCells(_ block: CellBlock) {
        cairo_surface_flush(surface)
        guard let data = cairo_image_surface_get_data(surface) else { return }
        let stride = Int(cairo_image_surface_get_stride(surface)) / 4
        let pixels = UnsafeMutableRawPointer(data).assumingMemoryBound(to: UInt32.self)
        // Clip to the surface so a layout mistake can never write out of bounds.
        let firstRow = max(0, block.y)
        let lastRow = min(deviceHeight, block.y + block.rows * block.cellHeight)
        let firstColumn = max(0, block.x)
        let lastColumn = min(deviceWidth, block.x + block.columns * block.cellWidth)
        guard firstRow < lastRow, firstColumn < lastColumn else { return }
        var y = firstRow
        while y < lastRow {
            // Fill the first device row of this cell row, then copy it down the cell's height.
            let cellRow = (y - block.y) / block.cellHeight
            let rowEnd = min(lastRow, block.y + (cellRow + 1) * block.cellHeight)
            let rowStart = pixels + y * stride
            let colors = cellRow * block.columns
            block.colors.withUnsafeBufferPointer { colorBuffer in
                var x = firstColumn
                while x < lastColumn {
                    let cellColumn = (x - block.x) / block.cellWidth
                    let end = min(lastColumn, block.x + (cellColumn + 1) * block.cellWidth)
                    (rowStart + x).update(repeating: colorBuffer[colors + cellColumn], count: end - x)
                    x = end
                }
            }
            for copy in (y + 1)..<rowEnd {
                (pixels + copy * stride + firstColumn).update(
                    from: rowStart + firstColumn, count: lastColumn - firstColumn)
            }
            y = rowEnd
        }
        cairo_surface_mark_dirty(surface)
    }

    private func draw(_ text: TextItem) {
        Fonts.select(context, size: text.size, bold: text.bold)
        setColor(text.color)
        cairo_move_to(context, text.x, text.baseline)
        cairo_show_text(context, text.text)
    }

    private func polyline(_ points: [Point], _ color: RGB, lineWidth: Double, clip: Rect) {
        guard let first = points.first else { return }
        cairo_save(context)
        cairo_rectangle(context, clip.x, clip.y, clip.width, clip.height)
        cairo_clip(context)
        cairo_move_to(context, first.x, first.y)
        for point in points.dropFirst() { cairo_line_to(context, point.x, point.y) }
        if points.count == 1 { cairo_line_to(context, first.x + 0.01, first.y) }
        cairo_set_line_width(context, lineWidth)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
        setColor(color)
        cairo_stroke(context)
        cairo_restore(context)
    }

    private func line(_ from: Point, _ to: Point, _ color: RGB, lineWidth: Double) {
        // Hairlines are drawn as device-aligned rectangles so they stay one crisp pixel wide.
        let widthCSS = max(lineWidth, 1 / Double(scale))
        if from.x == to.x {
            fill(
                Rect(x: from.x - widthCSS / 2, y: min(from.y, to.y), width: widthCSS, height: abs(to.y - from.y)), color
            )
        } else if from.y == to.y {
            fill(
                Rect(x: min(from.x, to.x), y: from.y - widthCSS / 2, width: abs(to.x - from.x), height: widthCSS), color
            )
        } else {
            cairo_move_to(context, from.x, from.y)
            cairo_line_to(context, to.x, to.y)
            cairo_set_line_width(context, lineWidth)
            setColor(color)
            cairo_stroke(context)
        }
    }
}

/// The PNG bytes collected by Cairo's write callback.
private final class ByteSink {
    var bytes: [UInt8] = []
}
