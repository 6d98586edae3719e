import Figures
import Foundation
import Lang
import Render
import Testing

@testable import ConvbookCLI

/// A fresh temporary directory path (not created).
private func temporaryPath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("convbook-figures-\(UUID())").path
}

/// The repository root, found from this file's path.
private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

@Suite("convbook run --images: figures written as PNG files")
struct FigureFilesTests {
    @Test("a gray 1×2 heatmap becomes a PNG whose left cell is black and right cell white")
    func grayHeatmap() throws {
        let result = Session().run("import torch\nshow(torch.tensor([[0., 1.]]), cmap='gray')")
        #expect(result.errors.isEmpty)
        let directory = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var writer: FigureFileWriter? = try FigureFileWriter(directory: directory)
        let transcript = RunTranscript(result, writer: &writer)
        let path = directory + "/001.png"
        #expect(transcript.text == "<heatmap 1×2> → \(path)\n")
        #expect(transcript.failures.isEmpty)

        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let image = try PNGImage.decode(bytes)
        let figure = try #require(result.figures.first)
        let rendered = try Renderer.render(figure)
        #expect(image.width == rendered.width * Renderer.scale)
        #expect(image.height == rendered.height * Renderer.scale)
        // Sample each cell near its top corner, away from the number written in its centre.
        let panel = try #require(rendered.panelBoxes.first)
        let top = Int((panel.y + panel.height * 0.15) * Double(Renderer.scale))
        let left = image.pixel(x: Int((panel.x + panel.width * 0.1) * Double(Renderer.scale)), y: top)
        let right = image.pixel(x: Int((panel.x + panel.width * 0.9) * Double(Renderer.scale)), y: top)
        #expect(max(left.red, left.green, left.blue) < 20, "\(left)")
        #expect(min(right.red, right.green, right.blue) > 235, "\(right)")
    }

    @Test("figures are numbered in the order they were shown, between the printed text")
    func numbering() throws {
        let code = """
            import torch
            X = torch.tensor([[[0., 1., 2.], [3., 4., 5.], [6., 7., 8.]], [[1., 2., 3.], [4., 5., 6.], [7., 8., 9.]]])
            K = torch.tensor([[[0., 1.], [2., 3.]], [[1., 2.], [3., 4.]]])
            print('start')
            explain_conv(X, K)
            kernels(torch.stack((K, K + 1, K + 2), 0))
            print('middle')
            plot([4., 2., 1., 0.5], logy=True, title='loss')
            """
        let result = Session().run(Source.file("book.py", text: code), showsEveryResult: true)
        #expect(result.errors.isEmpty)
        let directory = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var writer: FigureFileWriter? = try FigureFileWriter(directory: directory)
        let transcript = RunTranscript(result, writer: &writer)
        #expect(
            transcript.text == """
                start
                <explain_conv 2×3×3 ⋆ 2×2×2 = 2×2> → \(directory)/001.png
                <kernels 3×2×2×2> → \(directory)/002.png
                middle
                <plot 4 points> → \(directory)/003.png

                """)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(files == ["001.png", "002.png", "003.png"])
        for (file, figure) in zip(files, result.figures) {
            let image = try PNGImage.decode([UInt8](Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(file)"))))
            let rendered = try Renderer.render(figure)
            #expect(image.width == rendered.width * Renderer.scale && image.height == rendered.height * Renderer.scale)
        }
    }

    @Test("without --images a figure prints as its text fallback")
    func textOnly() {
        let result = Session().run("print('a')\nheatmap([[1, 2]])\nprint('b')")
        var writer: FigureFileWriter?
        #expect(RunTranscript(result, writer: &writer).text == "a\n<heatmap 1×2>\nb\n")
    }

    @Test("load_image finds notebooks/data/sample.png as a (3, 64, 96) tensor of its pixels")
    func sampleImage() throws {
        let scripts = FileManager.default.temporaryDirectory.appendingPathComponent("convbook-script-\(UUID())")
        let source = ScriptImageSource.make(scriptDirectory: scripts, workingDirectory: repositoryRoot)
        let session = Session(imageSource: source)
        let result = session.run("X = load_image('sample')\nprint(X.shape, X.min().item() >= 0, X.max().item() <= 1)")
        #expect(result.errors.isEmpty, "\(result.errors)")
        #expect(result.stdout == "torch.Size([3, 64, 96]) True True\n")
        let bytes = try [UInt8](Data(contentsOf: repositoryRoot.appendingPathComponent("notebooks/data/sample.png")))
        let png = try PNGImage.decode(bytes)
        let pixel = png.pixel(x: 5, y: 7)
        let loaded = session.run("print(round(X[0, 7, 5].item() * 255), round(X[2, 7, 5].item() * 255))")
        #expect(loaded.stdout == "\(pixel.red) \(pixel.blue)\n")
        let refused = session.run("load_image('../Package.swift')")
        #expect(refused.error?.name == "ValueError")
        #expect(refused.error?.message.contains("'.' and '..' cannot appear in it") == true)
    }
}

@Suite("convbook run --images: file errors")
struct FigureFileErrorTests {
    @Test("a directory that cannot be created is reported with the system's reason")
    func uncreatableDirectory() {
        #expect {
            _ = try FigureFileWriter(directory: "/dev/null/figures")
        } throws: { error in
            (error as? FigureFileError)?.message == "cannot create the directory '/dev/null/figures': Not a directory"
        }
    }
}
