import Figures
import Foundation
import Lang
import Render
import Tensors
import Testing

/// The repository root, found from this file's path.
private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Runs `code` as a script and renders every figure it showed, decoding each PNG back.
private func renderedFigures(of code: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [(
    figure: Figure, rendered: RenderedImage, image: RGBAImage
)] {
    let result = Session().run(Source.file("book.py", text: code), showsEveryResult: true)
    #expect(result.errors.isEmpty, "\(result.errors.map(ErrorFormatter.render))", sourceLocation: sourceLocation)
    return try result.figures.map { figure in
        let rendered = try Renderer.render(figure)
        return (figure, rendered, try RGBAImage.decode(rendered.png))
    }
}

@Suite("From a cell to pixels: display outputs rendered as PNG")
struct FigurePixelsTests {
    @Test("a gray 1×2 heatmap: the left cell is black and the right cell white")
    func grayHeatmap() throws {
        let figures = try renderedFigures(of: "import torch\nshow(torch.tensor([[0., 1.]]), cmap='gray')")
        let (figure, rendered, image) = try #require(figures.first)
        #expect(figures.count == 1)
        #expect(figure.textFallback == "<heatmap 1×2>")
        #expect(image.width == rendered.width * Renderer.scale)
        #expect(image.height == rendered.height * Renderer.scale)
        // Sample each cell near its top corner, away from the number written in its centre.
        let panel = try #require(rendered.panelBoxes.first)
        let scale = Double(Renderer.scale)
        let top = Int((panel.y + panel.height * 0.15) * scale)
        let left = image.pixel(x: Int((panel.x + panel.width * 0.1) * scale), y: top)
        let right = image.pixel(x: Int((panel.x + panel.width * 0.9) * scale), y: top)
        #expect(max(left.red, left.green, left.blue) < 20, "\(left)")
        #expect(min(right.red, right.green, right.blue) > 235, "\(right)")
    }

    @Test("an edge detector's output is drawn with the diverging map: +1 red, -1 blue, 0 white")
    func edgeDetection() throws {
        let code = """
            import torch
            from d2l import torch as d2l
            X = torch.ones((6, 8))
            X[:, 2:6] = 0
            show(d2l.corr2d(X, torch.tensor([[1.0, -1.0]])))
            """
        let (figure, rendered, image) = try #require(try renderedFigures(of: code).first)
        #expect(figure.textFallback == "<heatmap 6×7>")
        let panel = try #require(rendered.panelBoxes.first)
        let scale = Double(Renderer.scale)
        // Column j of the 6×7 output is 1 at j = 1, -1 at j = 5 and 0 elsewhere (see the book).
        func cell(column: Int) -> (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) {
            let x = panel.x + panel.width * (Double(column) + 0.2) / 7
            return image.pixel(x: Int(x * scale), y: Int((panel.y + panel.height * 0.05) * scale))
        }
        let (positive, negative, zero) = (cell(column: 1), cell(column: 5), cell(column: 3))
        #expect(positive.red > 90 && positive.blue < 60, "\(positive)")
        #expect(negative.blue > 60 && negative.red < 40, "\(negative)")
        #expect(min(zero.red, zero.green, zero.blue) > 235, "\(zero)")
    }

    @Test("the book's figures render to PNGs of their declared size, in the order shown")
    func bookFigures() throws {
        let code = """
            import torch
            X = torch.tensor([[[0., 1., 2.], [3., 4., 5.], [6., 7., 8.]], [[1., 2., 3.], [4., 5., 6.], [7., 8., 9.]]])
            K = torch.tensor([[[0., 1.], [2., 3.]], [[1., 2.], [3., 4.]]])
            explain_conv(X, K)
            kernels(torch.stack((K, K + 1, K + 2), 0))
            plot([4., 2., 1., 0.5], logy=True, title='loss')
            feature_maps(torch.randn(3, 5, 5))
            """
        let figures = try renderedFigures(of: code)
        #expect(
            figures.map(\.figure.textFallback) == [
                "<explain_conv 2×3×3 ⋆ 2×2×2 = 2×2>", "<kernels 3×2×2×2>", "<plot 4 points>", "<feature maps 3×5×5>",
            ])
        for (_, rendered, image) in figures {
            #expect(image.width == rendered.width * Renderer.scale && image.height == rendered.height * Renderer.scale)
        }
        // The kernel grid has c_o × c_i = 3 × 2 panels.
        #expect(figures[1].rendered.panelBoxes.count == 6)
    }
}

/// `load_image` as the command line and the runner set it up: PNG files decoded by ``ImageLoader``.
private func imageSource(_ directories: [URL]) -> DirectoryImageSource {
    DirectoryImageSource(directories: directories.map { .init(url: $0, label: $0.lastPathComponent + "/") }) {
        bytes in try ImageLoader.tensor(fromPNG: bytes)
    }
}

@Suite("load_image: PNG files from data folders")
struct LoadImagePipelineTests {
    @Test("finds notebooks/data/sample.png as a (3, 64, 96) tensor of its pixels; refuses '..'")
    func sampleImage() throws {
        let data = repositoryRoot.appendingPathComponent("notebooks/data")
        let session = Session(imageSource: imageSource([data]))
        let result = session.run("X = load_image('sample')\nprint(X.shape, X.min().item() >= 0, X.max().item() <= 1)")
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.stdout == "torch.Size([3, 64, 96]) True True\n")
        let png = try RGBAImage.decode([UInt8](Data(contentsOf: data.appendingPathComponent("sample.png"))))
        for (x, y) in [(5, 7), (20, 20), (60, 45)] {
            let pixel = png.pixel(x: x, y: y)
            let loaded = session.run(
                "print(round(X[0, \(y), \(x)].item() * 255), round(X[1, \(y), \(x)].item() * 255), "
                    + "round(X[2, \(y), \(x)].item() * 255))")
            #expect(loaded.stdout == "\(pixel.red) \(pixel.green) \(pixel.blue)\n")
        }
        let refused = session.run("load_image('../../Package.swift')")
        #expect(refused.error?.name == .valueError)
        #expect(refused.error?.message.contains("'.' and '..' cannot appear in it") == true)
    }

    @Test("folders are searched in order; a file that is not a PNG is an OSError")
    func searchOrder() throws {
        let scripts = FileManager.default.temporaryDirectory.appendingPathComponent("convbook-script-\(UUID())")
        let data = scripts.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scripts) }
        let tiny = try Renderer.render(try Figure.image(try Tensor(shape: [3, 1, 1], floats: [1, 0, 0])))
        try Data(tiny.png).write(to: data.appendingPathComponent("sample.png"))
        try Data("not a picture".utf8).write(to: data.appendingPathComponent("broken.png"))
        let session = Session(
            imageSource: imageSource([data, repositoryRoot.appendingPathComponent("notebooks/data")]))
        #expect(session.run("print(load_image('sample.png').shape[1:] != (64, 96))").stdout == "True\n")
        let broken = session.run("load_image('broken.png')")
        #expect(broken.error?.name == .osError)
        let message = "load_image: 'broken.png' cannot be loaded: the data is not a readable PNG image"
        #expect(broken.error?.message == message)
    }
}
