import Figures

/// Turns figure descriptions into PNG images with Cairo.
///
/// ```swift
/// let figure = try Figure.show(weight)
/// let image = try Renderer.render(figure)   // image.png, shown at image.width × image.height CSS px
/// ```
///
/// Rendering is a pure function of the figure (value in, value out) and safe to call from any
/// thread: each call owns its own Cairo surface.
public enum Renderer {
    /// Device pixels per CSS pixel: figures are drawn at 2× so they stay crisp on high-density
    /// screens and are declared at half their pixel size.
    public static let scale = 2

    /// The figure as a PNG with its CSS size and the layout boxes of its text and panels.
    ///
    /// `encoding` picks the PNG encoder; anything but the default is for benchmarks.
    public static func render(_ figure: Figure, encoding: PNGEncoding = .fast) throws(RenderError) -> RenderedImage {
        let scene = scene(for: figure)
        let canvas = try Canvas(width: scene.width, height: scene.height, scale: scale)
        canvas.draw(scene)
        return RenderedImage(
            png: try canvas.png(encoding), width: scene.width, height: scene.height, scale: scale,
            textBoxes: scene.textBoxes, panelBoxes: scene.panelBoxes)
    }

    /// The figure as PNG bytes.
    public static func png(for figure: Figure) throws(RenderError) -> [UInt8] {
        try render(figure).png
    }

    /// The display list of a figure: content, then the title above and the notes below.
    static func scene(for figure: Figure) -> Scene {
        var builder = SceneBuilder(scale: scale)
        switch figure.content {
        case .heatmaps(let grid): HeatmapLayout(grid: grid).build(into: &builder)
        case .convolution(let explanation): ConvLayout(explanation: explanation).build(into: &builder)
        case .plot(let plot): PlotLayout(plot: plot).build(into: &builder)
        case .image(let image): ImageLayout(image: image).build(into: &builder)
        }
        let content = builder.bounds ?? Rect(x: 0, y: 0, width: 1, height: 1)
        if let title = figure.title, !title.isEmpty {
            let size =
                builder.fittingSize(title, maxWidth: max(content.width, 480), preferred: 15, minimum: 9, bold: true)
                ?? 9
            let box = builder.box(of: title, x: 0, top: 0, size: size, bold: true)
            builder.text(
                title, x: content.x + content.width / 2, top: content.y - 10 - box.height, size: size, bold: true,
                align: .center)
        }
        var top = content.maxY + 10
        for note in figure.notes {
            if let box = builder.text(note, x: content.x, top: top, size: 11, color: SceneBuilder.darkGray) {
                top = box.maxY + 2
            }
        }
        return builder.finish(margin: 10)
    }
}
