import CCairo

/// A decoded PNG: its size and straight (not premultiplied) RGBA pixels.
public struct RGBAImage: Sendable, Hashable {
    /// The width in pixels.
    public var width: Int
    /// The height in pixels.
    public var height: Int
    /// `width × height × 4` bytes: red, green, blue, alpha for each pixel, row by row.
    public var rgba: [UInt8]

    /// The largest side accepted when decoding, to keep a hostile file from exhausting memory.
    public static let maxSide = 8192

    /// The red, green, blue and alpha bytes of the pixel at (`x`, `y`).
    public func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) {
        let offset = (y * width + x) * 4
        return (rgba[offset], rgba[offset + 1], rgba[offset + 2], rgba[offset + 3])
    }

    /// Decodes PNG bytes with Cairo.
    ///
    /// - Throws: ``RenderError`` of kind `.png` for bytes that are not a PNG, `.limit` for images
    ///   wider or taller than ``maxSide``.
    public static func decode(_ bytes: [UInt8]) throws(RenderError) -> RGBAImage {
        let source = ByteSource(bytes)
        let decoded = cairo_image_surface_create_from_png_stream(
            { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
                let source = Unmanaged<ByteSource>.fromOpaque(closure).takeUnretainedValue()
                return source.read(into: data, count: Int(length)) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR
            }, Unmanaged.passUnretained(source).toOpaque())
        withExtendedLifetime(source) {}
        guard let decoded else { throw RenderError(.png, "the data is not a PNG image") }
        defer { cairo_surface_destroy(decoded) }
        guard cairo_surface_status(decoded) == CAIRO_STATUS_SUCCESS else {
            throw RenderError(.png, "the data is not a readable PNG image")
        }
        let width = Int(cairo_image_surface_get_width(decoded))
        let height = Int(cairo_image_surface_get_height(decoded))
        guard width <= maxSide, height <= maxSide else {
            throw RenderError(.limit, "the image is \(width)×\(height) pixels; the limit is \(maxSide) on a side")
        }
        return try straightRGBA(of: decoded, width: width, height: height)
    }

    /// Converts any Cairo image surface to straight RGBA by painting it onto an ARGB32 surface.
    private static func straightRGBA(of source: OpaquePointer, width: Int, height: Int) throws(RenderError)
        -> RGBAImage
    {
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
            throw RenderError(.cairo, "could not allocate a \(width)×\(height) image")
        }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let context = cairo_create(surface) else {
            throw RenderError(.cairo, "could not allocate a \(width)×\(height) image")
        }
        cairo_set_source_surface(context, source, 0, 0)
        cairo_set_operator(context, CAIRO_OPERATOR_SOURCE)
        cairo_paint(context)
        cairo_destroy(context)
        cairo_surface_flush(surface)
        var rgba = [UInt8](repeating: 0, count: width * height * 4)
        guard let data = cairo_image_surface_get_data(surface) else {
            return RGBAImage(width: width, height: height, rgba: rgba)
        }
        let stride = Int(cairo_image_surface_get_stride(surface)) / 4
        let pixels = UnsafeMutableRawPointer(data).assumingMemoryBound(to: UInt32.self)
        rgba.withUnsafeMutableBufferPointer { output in
            for y in 0..<height {
                for x in 0..<width {
                    let argb = pixels[y * stride + x]
                    let alpha = argb >> 24
                    let offset = (y * width + x) * 4
                    output[offset + 3] = UInt8(truncatingIfNeeded: alpha)
                    guard alpha != 0 else { continue }
                    // Cairo stores premultiplied colour; undo it.
                    output[offset] = unpremultiplied((argb >> 16) & 0xFF, alpha)
                    output[offset + 1] = unpremultiplied((argb >> 8) & 0xFF, alpha)
                    output[offset + 2] = unpremultiplied(argb & 0xFF, alpha)
                }
            }
        }
        return RGBAImage(width: width, height: height, rgba: rgba)
    }
}

@inline(__always)
private func unpremultiplied(_ component: UInt32, _ alpha: UInt32) -> UInt8 {
    alpha == 255 ? UInt8(truncatingIfNeeded: component) : UInt8(min(255, (component * 255 + alpha / 2) / alpha))
}

/// The bytes Cairo's read callback consumes.
private final class ByteSource {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        guard count <= bytes.count - offset else { return false }
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            destination.update(from: base + offset, count: count)
        }
        offset += count
        return true
    }
}
