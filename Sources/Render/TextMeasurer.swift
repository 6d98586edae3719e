import CCairo

/// Measures text with the same font settings as ``Canvas``, before the canvas size is known.
final class TextMeasurer {
    private let surface: OpaquePointer?
    private let context: OpaquePointer?

    init(scale: Int) {
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
        context = surface.flatMap { cairo_create($0) }
        if let context {
            cairo_scale(context, Double(scale), Double(scale))
            Fonts.configure(context)
        }
    }

    deinit {
        if let context { cairo_destroy(context) }
        if let surface { cairo_surface_destroy(surface) }
    }

    /// The advance width, ascent and descent of `text` in CSS pixels.
    func measure(_ text: String, size: Double, bold: Bool = false) -> (width: Double, ascent: Double, descent: Double) {
        guard let context else {
            // Without Cairo, estimate: DejaVu Sans averages about 0.6 em per character.
            return (Double(text.count) * size * 0.6, size * 0.93, size * 0.24)
        }
        Fonts.select(context, size: size, bold: bold)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        var font = cairo_font_extents_t()
        cairo_font_extents(context, &font)
        return (extents.x_advance, font.ascent, font.descent)
    }
}
