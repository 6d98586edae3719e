import CCairo

/// The text settings every Cairo context in this module uses, so measuring and drawing agree.
///
/// Text uses Cairo's toy API with the fontconfig family "sans-serif" (DejaVu Sans on Debian:
/// package `fonts-dejavu-core`). Metric hinting is off so a string measures the same at any scale.
enum Fonts {
    static func configure(_ context: OpaquePointer) {
        guard let options = cairo_font_options_create() else { return }
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(context, options)
        cairo_font_options_destroy(options)
    }

    static func select(_ context: OpaquePointer, size: Double, bold: Bool) {
        cairo_select_font_face(
            context, "sans-serif", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
    }
}
