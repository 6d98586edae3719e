import CCairo

/// The sample picture shipped as `notebooks/data/sample.png` for edge-detection experiments:
/// 96 × 64 pixels with a dark square, a stripe pattern, a disc and a diagonal band — vertical,
/// horizontal, curved and slanted edges on a light background.
///
/// Regenerate the file with `CONVBOOK_UPDATE_GOLDEN=1 swift test --filter SampleImageTests`.
public enum SampleImage {
    /// The width in pixels.
    public static let width = 96
    /// The height in pixels.
    public static let height = 64

    /// The sample picture as PNG bytes.
    public static func png() throws(RenderError) -> [UInt8] {
        let canvas = try Canvas(width: width, height: height, scale: 1)
        canvas.withContext { context in
            func fill(_ red: Double, _ green: Double, _ blue: Double) {
                cairo_set_source_rgb(context, red, green, blue)
                cairo_fill(context)
            }
            cairo_set_antialias(context, CAIRO_ANTIALIAS_NONE)
            cairo_rectangle(context, 0, 0, 96, 64)
            fill(0.92, 0.92, 0.88)
            // A dark square: sharp vertical and horizontal edges.
            cairo_rectangle(context, 8, 10, 28, 28)
            fill(0.10, 0.16, 0.38)
            // Vertical stripes, 3 pixels wide: many edges close together.
            for stripe in 0..<6 {
                cairo_rectangle(context, 48 + Double(stripe) * 6, 8, 3, 22)
                fill(0.05, 0.05, 0.05)
            }
            // A horizontal bar under the square.
            cairo_rectangle(context, 8, 46, 30, 8)
            fill(0.15, 0.55, 0.25)
            // An orange disc: edges in every direction.
            cairo_set_antialias(context, CAIRO_ANTIALIAS_DEFAULT)
            cairo_arc(context, 70, 46, 12, 0, 2 * Double.pi)
            fill(0.95, 0.45, 0.10)
        }
        return try canvas.cairoPNG()
    }
}
