import Figures

/// Draws an RGB image scaled up by a whole number of device pixels per image pixel (nearest
/// neighbour), so small images stay sharp: about 384 CSS pixels on the long side, never blurred.
struct ImageLayout {
    let image: RGBImage

    func build(into builder: inout SceneBuilder) {
        let side = max(image.height, image.width)
        let devicePerPixel = min(16, max(1, 768 / side))
        let rect = builder.cells(
            x: 0, y: 0, cellWidth: devicePerPixel, cellHeight: devicePerPixel, rows: image.height,
            columns: image.width, colors: image.pixels.map(\.argb))
        builder.frame(rect, SceneBuilder.lightGray)
    }
}
