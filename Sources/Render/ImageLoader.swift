import Tensors

/// Reads PNG files into tensors, as the language's `load_image(name)` does.
public enum ImageLoader {
    /// A `(3, H, W)` float32 tensor with values in [0, 1] (red, green, blue planes) from PNG bytes;
    /// transparent pixels are composited over white.
    ///
    /// - Throws: ``RenderError`` when the bytes are not a PNG or the image is too large.
    public static func tensor(fromPNG bytes: [UInt8]) throws(RenderError) -> Tensor {
        let image = try RGBAImage.decode(bytes)
        let plane = image.width * image.height
        var values = [Float](repeating: 0, count: 3 * plane)
        for index in 0..<plane {
            let alpha = Float(image.rgba[index * 4 + 3]) / 255
            for channel in 0..<3 {
                let color = Float(image.rgba[index * 4 + channel]) / 255
                values[channel * plane + index] = color * alpha + (1 - alpha)
            }
        }
        do {
            return try Tensor(shape: [3, image.height, image.width], floats: values)
        } catch {
            throw RenderError(.limit, "the image is too large to load: \(error.message)")
        }
    }
}
