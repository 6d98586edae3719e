import Foundation
import Tensors
import Testing

@testable import Figures
@testable import Lang

/// Runs `source` in a fresh session and returns its outputs, recording any error.
private func outputs(
    of source: String, imageSource: (any ImageSource)? = nil, sourceLocation: SourceLocation = #_sourceLocation
) -> [CellOutput] {
    let result = Session(imageSource: imageSource).run(source)
    #expect(result.errors.isEmpty, "\(result.errors.map(ErrorFormatter.render))", sourceLocation: sourceLocation)
    return result.outputs
}

/// The only figure `source` shows.
private func figure(of source: String, sourceLocation: SourceLocation = #_sourceLocation) -> Figure? {
    let figures = Session().run(source).figures
    #expect(figures.count == 1, "expected one figure, got \(figures.count)", sourceLocation: sourceLocation)
    return figures.first
}

private func floats(_ shape: [Int], _ values: [Float]) throws -> Tensor {
    try Tensor(shape: shape, floats: values)
}

@Suite("Display: figures from the language")
struct DisplayTests {
    @Test("show(torch.ones(2, 3)) is one heatmap figure and no printed result")
    func showOnes() throws {
        let outputs = outputs(of: "import torch\nshow(torch.ones(2, 3))")
        #expect(outputs.count == 1)
        guard case .display(let figure) = outputs.first else {
            Issue.record("expected a display output, got \(outputs)")
            return
        }
        #expect(figure.textFallback == "<heatmap 2×3>")
        guard case .heatmaps(let grid) = figure.content else {
            Issue.record("expected heatmaps, got \(figure.content)")
            return
        }
        #expect(grid.arrangement == .heatmap)
        #expect(grid.panels.map(\.values) == [[Float](repeating: 1, count: 6)])
        #expect(figure == (try Figure.show(try floats([2, 3], .init(repeating: 1, count: 6)))))
    }

    @Test(
        "each display function draws the figure its Figures builder draws",
        arguments: [
            ("show(X)", "<kernels 3×2×2×2>"),
            ("kernels(X)", "<kernels 3×2×2×2>"),
            ("kernels(X, shared_scale=False)", "<kernels 3×2×2×2>"),
            ("show(X[0])", "<feature maps 2×2×2>"),
            ("feature_maps(X[0], title='t')", "<feature maps 2×2×2>"),
            ("heatmap(X[0, 0])", "<heatmap 2×2>"),
            ("heatmap([[1, 2], [3, 4]])", "<heatmap 2×2>"),
            ("explain_conv(X[0], X[1])", "<explain_conv 2×2×2 ⋆ 2×2×2 = 1×1>"),
            ("from convbook import batch\nbatch(X)", "<batch 3×2×2×2>"),
            ("import convbook\nconvbook.image(torch.zeros(3, 2, 2))", "<image 3×2×2>"),
        ])
    func dispatch(call: String, fallback: String) throws {
        let setup = "import torch\nX = torch.arange(24.).reshape(3, 2, 2, 2)\n"
        let shown = try #require(figure(of: setup + call))
        #expect(shown.textFallback == fallback)
        let x = try floats([3, 2, 2, 2], (0..<24).map(Float.init))
        let expected: Figure =
            switch call {
            case "show(X)", "kernels(X)": try Figure.kernels(x)
            case "kernels(X, shared_scale=False)": try Figure.kernels(x, sharedScale: false)
            case "show(X[0])": try Figure.show(try x.select(dim: 0, index: 0))
            case "feature_maps(X[0], title='t')": try Figure.featureMaps(try x.select(dim: 0, index: 0), title: "t")
            case "heatmap(X[0, 0])": try Figure.heatmap(try floats([2, 2], [0, 1, 2, 3]))
            case "heatmap([[1, 2], [3, 4]])": try Figure.heatmap(try floats([2, 2], [1, 2, 3, 4]))
            case "explain_conv(X[0], X[1])":
                try Figure.explainConv(input: try x.select(dim: 0, index: 0), kernel: try x.select(dim: 0, index: 1))
            case "from convbook import batch\nbatch(X)": try Figure.batch(x)
            default: try Figure.image(try floats([3, 2, 2], .init(repeating: 0, count: 12)))
            }
        #expect(shown == expected)
    }

    @Test("keyword options reach the figure")
    func options() throws {
        let shown = try #require(
            figure(of: "show([[0., 1.], [2., 3.]], title='T', cmap='gray', annotate=False, vmin=-1, vmax=5)"))
        let expected = try Figure.show(
            try floats([2, 2], [0, 1, 2, 3]), title: "T", cmap: .gray, annotate: false, vmin: -1, vmax: 5)
        #expect(shown == expected)
        guard case .heatmaps(let grid) = shown.content else { return }
        #expect(grid.colormap == .gray)
        #expect(grid.annotate == false)
        #expect(grid.scales == [ValueRange(lower: -1, upper: 5)])
        let diverging = try #require(figure(of: "heatmap([[1., -1.]], cmap='RdBu_r')"))
        guard case .heatmaps(let signed) = diverging.content else { return }
        #expect(signed.colormap == .diverging)
    }

    @Test("figures come in order with printed text")
    func ordering() throws {
        let outputs = outputs(of: "import torch\nX = torch.ones(2, 2)\nprint('a')\nshow(X)\nprint('b')")
        let expected = try Figure.show(try floats([2, 2], [1, 1, 1, 1]))
        #expect(outputs == [.stdout("a\n"), .display(expected), .stdout("b\n")])
        let loop = Session().run(
            "import torch\nfor i in range(2):\n    print(i)\n    heatmap(torch.ones(1, 2) * i)\n'done'")
        #expect(loop.outputs.count == 5)
        #expect(loop.outputs.first == .stdout("0\n"))
        #expect(loop.outputs.last == .result("'done'"))
        #expect(loop.transcript == "0\n<heatmap 1×2>\n1\n<heatmap 1×2>\n'done'\n")
    }

    @Test("a cell shows at most 100 figures and says so")
    func figureLimit() {
        let result = Session().run("for i in range(105):\n    heatmap([[i, 1]])\nprint('end')")
        #expect(result.errors.isEmpty)
        #expect(result.figures.count == DisplayState.maximumFiguresPerCell)
        #expect(result.stdout == "[figures left out: a cell shows at most 100 figures]\nend\n")
        // The next cell starts counting again.
        let session = Session()
        _ = session.run("for i in range(101):\n    heatmap([[i, 1]])")
        #expect(session.run("heatmap([[1, 2]])").figures.count == 1)
    }

    @Test(
        "bad arguments raise teaching errors at the call",
        arguments: [
            ("show(X, cmap='jet')", "ValueError", "unknown colormap 'jet'; choose one of viridis, diverging"),
            ("show(X, cmap=3)", "TypeError", "cmap must be a colormap name (str), not 'int'"),
            ("show(X, vmin=2, vmax=1)", "ValueError", "vmin (2.0) must be less than vmax (1.0)"),
            ("show(X, vmin=float('nan'))", "ValueError", "vmin must be a finite number"),
            ("show(X, annotate='yes')", "TypeError", "annotate must be True, False or None, not 'str'"),
            ("show(X, title=3)", "TypeError", "title must be str or None, not 'int'"),
            ("show(X, colour='red')", "TypeError", "show() got an unexpected keyword argument 'colour'"),
            ("show()", "TypeError", "show() missing required argument 'x'"),
            ("show('abc')", "TypeError", "show(): x must be Tensor, not str"),
            ("show(torch.zeros(0, 3))", "ValueError", "show: the tensor is empty"),
            ("heatmap(torch.ones(2, 2, 2))", "ValueError", "heatmap: expects a 2-D tensor"),
            ("kernels(X, shared_scale=1)", "TypeError", "shared_scale must be True, False or None"),
            ("show(torch.nn.Conv2d(1, 1, 2))", "TypeError", "not a Conv2d layer; to see its kernels pass its weight"),
            ("explain_conv(X, torch.ones(3, 2, 2))", "ValueError", "the kernel has 3 input channels"),
        ])
    func argumentErrors(call: String, name: String, message: String) {
        assertRaises("import torch\nX = torch.ones(2, 3)\n" + call, name, message, at: call)
    }
}

@Suite("Display: plot")
struct PlotTests {
    private func series(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) -> [LinePlot.Series] {
        guard let shown = figure(of: "import torch\n" + source, sourceLocation: sourceLocation),
            case .plot(let plot) = shown.content
        else {
            Issue.record("expected a plot", sourceLocation: sourceLocation)
            return []
        }
        return plot.series
    }

    @Test("one series against its indices, from a list, a 1-D tensor or one-element tensors")
    func oneSeries() {
        let expected = [LinePlot.Series(xs: [0, 1, 2], ys: [3, 1, 0.5])]
        #expect(series("plot([3, 1, 0.5])") == expected)
        #expect(series("plot(torch.tensor([3., 1., 0.5]))") == expected)
        #expect(series("plot([torch.tensor(3.), torch.tensor([1.]), 0.5])") == expected)
        #expect(series("plot(ys=(3, True, 0.5))") == [LinePlot.Series(xs: [0, 1, 2], ys: [3, 1, 0.5])])
    }

    @Test("xs, label, labels, dicts and options")
    func forms() throws {
        #expect(
            series("plot(range(1, 4), [2, 4, 8], label='a')") == [.init(xs: [1, 2, 3], ys: [2, 4, 8], label: "a")])
        #expect(
            series("plot([[1, 2], torch.tensor([3., 4.])], labels=['p', 'q'])") == [
                .init(xs: [0, 1], ys: [1, 2], label: "p"), .init(xs: [0, 1], ys: [3, 4], label: "q"),
            ])
        #expect(
            series("plot([10, 20], [[1, 2], [3, 4]])") == [
                .init(xs: [10, 20], ys: [1, 2]), .init(xs: [10, 20], ys: [3, 4]),
            ])
        #expect(
            series("plot({'train': [3, 2], 'test': [4, 3]})") == [
                .init(xs: [0, 1], ys: [3, 2], label: "train"), .init(xs: [0, 1], ys: [4, 3], label: "test"),
            ])
        let shown = try #require(figure(of: "plot([1, 10, 100], logy=True, title='loss', xlabel='epoch', ylabel='l')"))
        #expect(
            shown
                == (try Figure.plot([.init(ys: [1, 10, 100])], title: "loss", logY: true, xLabel: "epoch", yLabel: "l"))
        )
    }

    @Test("d2l.plot takes the book's arguments")
    func d2lPlot() throws {
        let setup = "import torch\nfrom d2l import torch as d2l\nx = torch.arange(3.)\n"
        let shown = try #require(figure(of: setup + "d2l.plot(x, [x * 2, x - 1], 'x', 'f(x)', legend=['a', 'b'])"))
        let expected = try Figure.plot(
            [.init(xs: [0, 1, 2], ys: [0, 2, 4], label: "a"), .init(xs: [0, 1, 2], ys: [-1, 0, 1], label: "b")],
            xLabel: "x", yLabel: "f(x)")
        #expect(shown == expected)
        let logged = try #require(figure(of: setup + "d2l.plot([3, 2, 1], yscale='log', figsize=(3, 2))"))
        #expect(logged == (try Figure.plot([.init(ys: [3, 2, 1])], logY: true)))
        let rows = try #require(figure(of: setup + "d2l.plot(torch.ones(2, 3))"))
        #expect(rows == (try Figure.plot([.init(ys: [1, 1, 1]), .init(ys: [1, 1, 1])])))
        assertRaises(setup + "d2l.plot(x, yscale='symlog')", "ValueError", "yscale must be 'linear' or 'log'")
    }

    @Test(
        "bad plot arguments raise teaching errors",
        arguments: [
            ("plot()", "TypeError", "plot() missing required argument 'ys'"),
            ("plot(3)", "TypeError", "plot(): ys must be a list or a 1-D tensor of numbers, not 'int'"),
            ("plot([1, 'a'])", "TypeError", "plot(): ys[1] must be a number, not 'str'"),
            ("plot(torch.ones(2, 3))", "ValueError", "for one series per row pass list(Y)"),
            ("plot([[1, 2], 3])", "TypeError", "ys[1] must be a series"),
            ("plot([[1], [2]], labels=['a'])", "ValueError", "got 1 label for 2 series"),
            ("plot([[1], [2]], label='a')", "TypeError", "for 2 series use labels=[…]"),
            ("plot({'a': [1]}, label='x')", "TypeError", "the keys of a dict of series are its labels"),
            ("plot([1, 2], [1, 2, 3])", "ValueError", "series 0 has 2 x values but 3 y values"),
            ("plot([])", "ValueError", "plot: series 0 has no points"),
        ])
    func plotErrors(call: String, name: String, message: String) {
        assertRaises("import torch\n" + call, name, message, at: call)
    }
}

/// A picture store for tests: names map to tensors; anything else is not found.
private struct StubImageSource: ImageSource {
    var images: [String: Tensor]
    func image(named name: String) throws(ImageSourceError) -> Tensor {
        guard let image = images[name] else { throw ImageSourceError(.notFound, "no picture named '\(name)'") }
        return image
    }
}

@Suite("Display: load_image")
struct LoadImageTests {
    @Test("without an image source load_image is a RuntimeError")
    func unavailable() {
        assertRaises("load_image('sample.png')", "RuntimeError", "load_image is not available in this session")
    }

    @Test("the host's source provides the tensor; its errors become catchable Python exceptions")
    func hostSource() throws {
        let picture = try floats([3, 1, 2], [0, 1, 0.5, 0.5, 1, 0])
        let source = StubImageSource(images: ["a.png": picture])
        let session = Session(imageSource: source)
        let result = session.run(
            "X = load_image('a.png')\nprint(X.shape)\n"
                + "try:\n    load_image('b.png')\nexcept OSError as e:\n    print('caught', e)")
        #expect(result.errors.isEmpty)
        #expect(result.stdout == "torch.Size([3, 1, 2])\ncaught no picture named 'b.png'\n")
        let missing = session.run("load_image('b.png')")
        #expect(missing.error?.name == .fileNotFoundError)
        #expect(missing.error.map { $0.source.text(in: $0.range) } == "load_image('b.png')")
    }
}

@Suite("Display: pictures from directories")
struct DirectoryImageSourceTests {
    /// A temporary directory holding `data/pic.png` (its bytes are the "decoded" tensor's values)
    /// and `secret.png` outside `data/`, linked from `data/link.png`.
    private func makeSource() throws -> (DirectoryImageSource, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("convbook-images-\(UUID())")
        let data = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(
            at: data.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data([1, 2, 3]).write(to: data.appendingPathComponent("pic.png"))
        try Data([4]).write(to: data.appendingPathComponent("sub/deep.png"))
        try Data([9]).write(to: root.appendingPathComponent("secret.png"))
        try FileManager.default.createSymbolicLink(
            at: data.appendingPathComponent("link.png"), withDestinationURL: root.appendingPathComponent("secret.png"))
        let source = DirectoryImageSource(directories: [.init(url: data, label: "data/")]) { bytes in
            try Tensor(shape: [1, 1, bytes.count], floats: bytes.map(Float.init))
        }
        return (source, root)
    }

    @Test("finds a name with or without .png, also in a subfolder")
    func finds() throws {
        let (source, root) = try makeSource()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(try source.image(named: "pic.png").floats == [1, 2, 3])
        #expect(try source.image(named: "pic").floats == [1, 2, 3])
        #expect(try source.image(named: "sub/deep.png").floats == [4])
    }

    @Test(
        "refuses names that could leave the data folder",
        arguments: [
            "../secret.png", "/etc/passwd", "sub/../../secret.png", "./pic.png", ".hidden.png", "a\\b.png",
            "pic.jpg", "", "sub//deep.png", "~/x.png", "C:secret.png", "link.png",
        ])
    func refuses(name: String) throws {
        let (source, root) = try makeSource()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: ImageSourceError.self) { try source.image(named: name) }
        do {
            _ = try source.image(named: name)
        } catch {
            #expect(error.kind == .refused, "\(error.message)")
        }
    }

    @Test("a missing picture names the folders searched and the pictures available")
    func missing() throws {
        let (source, root) = try makeSource()
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            _ = try source.image(named: "cat.png")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .notFound)
            #expect(error.message == "load_image: no picture named 'cat.png' in data/; available: link.png, pic.png")
        }
    }
}
