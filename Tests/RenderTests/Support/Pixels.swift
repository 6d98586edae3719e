import Figures
import Render

/// Reads rendered figures back as pixels.
struct Decoded {
    let image: RenderedImage
    let png: RGBAImage

    init(_ figure: Figure) throws {
        image = try Renderer.render(figure)
        png = try RGBAImage.decode(image.png)
    }

    /// The colour at the centre of cell (`row`, `column`) of panel `panel`, a grid of
    /// `rows × columns` cells.
    func cell(row: Int, column: Int, rows: Int, columns: Int, panel: Int = 0) -> RGB {
        let box = image.panelBoxes[panel]
        let x = (box.x + (Double(column) + 0.5) * box.width / Double(columns)) * Double(image.scale)
        let y = (box.y + (Double(row) + 0.5) * box.height / Double(rows)) * Double(image.scale)
        return color(deviceX: Int(x), deviceY: Int(y))
    }

    func color(deviceX: Int, deviceY: Int) -> RGB {
        let pixel = png.pixel(x: deviceX, y: deviceY)
        return RGB(red: pixel.red, green: pixel.green, blue: pixel.blue)
    }
}
