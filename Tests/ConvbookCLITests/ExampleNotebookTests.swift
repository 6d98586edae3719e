import ConvbookTestSupport
import Foundation
import Notebook
import Testing

/// The example notebooks in `notebooks/`: each runs clean and prints the values the book prints, and each is
/// up to date with its source in `notebooks/src/` (`make notebooks` regenerates them).
@Suite("example notebooks", .serialized)
struct ExampleNotebookTests {
    static let directory = PackagePaths.root.appendingPathComponent("notebooks")

    /// What each notebook must print: the book's (and PyTorch's) printed values.
    static let expectedOutputs: [String: [String]] = [
        "01-cross-correlation": ["tensor([[19., 25.],\n        [37., 43.]])", "torch.Size([1, 1, 2, 2])"],
        "02-edge-detection": [
            "tensor([[ 0.,  1.,  0.,  0.,  0., -1.,  0.],", "tensor([[0., 0., 0., 0., 0.],", "<heatmap 6×7>",
        ],
        "05-multiple-input-channels": ["tensor([[ 56.,  72.],\n        [104., 120.]])", "<explain_conv"],
        "06-multiple-output-channels": [
            "torch.Size([3, 2, 2, 2])",
            "tensor([[[ 56.,  72.],\n         [104., 120.]],\n\n        [[ 76., 100.],\n         [148., 172.]],\n\n"
                + "        [[ 96., 128.],\n         [192., 224.]]])",
            "<kernels 3×2×2×2>", "torch.Size([3]",
        ],
        "07-1x1-convolution": ["True\n", "torch.Size([9, 3]) torch.Size([2, 3])"],
        "08-3d-convolution": [
            "torch.Size([1, 1, 4, 5, 5])", "torch.Size([1, 1, 3, 5, 4])", "torch.Size([1, 2, 8, 16, 16])",
        ],
        "04-padding-and-stride": [
            "torch.Size([8, 8])\ntorch.Size([8, 8])\ntorch.Size([4, 4])\ntorch.Size([2, 2])",
            "tensor([[[[ 0.,  8.],\n          [21., 43.]]]])",
        ],
        "10-pooling": [
            "tensor([[4., 5.],\n        [7., 8.]])", "tensor([[2., 3.],\n        [5., 6.]])", "tensor([[[[10.]]]])",
            "tensor([[[[ 5.,  7.],\n          [13., 15.]]]])",
            "tensor([[[[ 2.5000,  4.5000],\n          [10.5000, 12.5000]]]])",
            "tensor([[[[ 5.,  7.],\n          [13., 15.]],\n\n         [[ 6.,  8.],\n          [14., 16.]]]])",
        ],
        // The learned kernels themselves depend on the random start; the notebooks assert they come
        // within 0.05 of the true ones, so a clean run is the check.
        "03-learning-a-kernel": [
            "Conv2D()", "weight torch.Size([1, 2]) True", "epoch 2, loss ", "epoch 16, loss ", "<plot 16 points>",
            "<kernels 2×1×1×2>", "largest difference from [1, -1]: 0.0",
        ],
        "09-learning-a-kernel-bank": [
            "torch.Size([3, 2, 3, 3])", "torch.Size([16, 2, 12, 12]) torch.Size([16, 3, 10, 10])", "epoch 120, loss ",
            "<plot 120 points>", "largest difference: 0.0",
        ],
        // What PyTorch 2.13 with d2l 1.0.3 prints for the same cells (drawing calls left out).
        "11-lenet-layer-by-layer": [
            "0.1 10\nConv2d output shape:\t torch.Size([1, 6, 28, 28])",
            "AvgPool2d output shape:\t torch.Size([1, 16, 5, 5])\nFlatten output shape:\t torch.Size([1, 400])",
            "Linear output shape:\t torch.Size([1, 10])", "<heatmap 28×28>",
            "Conv2d (6, 1, 5, 5) 156\nConv2d (16, 6, 5, 5) 2416\nLinear (120, 400) 48120\nLinear (84, 120) 10164\n"
                + "Linear (10, 84) 850\ntotal 61706",
            "<kernels 6×1×5×5>", "Sequential 3 (1, 6, 14, 14)", "<feature maps 6×14×14>", "(1, 16, 5, 5)",
            "<feature maps 16×5×5>", "(1, 10) True",
        ],
        // Run with its quick parameters (one epoch on 256 images). The class names are d2l 1.0.3's
        // `FashionMNIST.text_labels`; the shapes are what PyTorch 2.13 gives for the same layers.
        "13-what-the-channels-learn": [
            "256 training images, 128 validation images",
            "['t-shirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot']",
            "(6, 1, 5, 5) (16, 6, 5, 5)", "<plot 3 series", "<kernels 6×1×5×5>", "(1, 1, 28, 28) ['ankle boot']",
            "<heatmap 28×28>", "(1, 6, 28, 28)\n<feature maps 6×28×28>", "(1, 16, 10, 10)\n<feature maps 16×10×10>",
            "<kernels 16×6×5×5>", "128 images\nvalidation accuracy 0.",
            "<heatmap 10×10 labelled t-shirt, trouser, pullover…>",
        ],
        "12-modern-cnn-blocks": [
            "<feature maps 3×32×32>", "VGG block (1, 3, 32, 32) -> (1, 16, 16, 16)",
            "NiN block (1, 3, 32, 32) -> (1, 16, 16, 16)", "Inception (1, 3, 32, 32) -> (1, 32, 32, 32)",
            "Residual (1, 3, 32, 32) -> (1, 3, 32, 32)", "Residual, 1 × 1 shortcut (1, 3, 32, 32) -> (1, 16, 16, 16)",
            "ResNeXt (1, 3, 32, 32) -> (1, 32, 32, 32)", "Conv2d 2 (32, 16, 3, 3)",
            "Dense block (1, 3, 32, 32) -> (1, 23, 32, 32)", "Transition (1, 3, 32, 32) -> (1, 10, 16, 16)",
        ],
    ]

    static var names: [String] { expectedOutputs.keys.sorted() }

    /// The book's section each example follows (its first cell's `example` metadata), in the book's order.
    static let sections = ["7.2", "7.2", "7.2", "7.3", "7.4", "7.4", "7.4", "7.4", "7.4", "7.5", "7.6", "8.2", "7.6"]

    @Test("the examples are numbered in the book's order; each says which section of the book it follows")
    func bookOrder() throws {
        for (index, name) in Self.names.enumerated() {
            let notebook = try NotebookFiles.read(contentsOf: Self.directory.appendingPathComponent(name + ".ipynb"))
            let example = try #require(notebook.cells.first?.metadata["example"]?.objectValue, "\(name)")
            #expect(example["number"]?.intValue == index + 1, "\(name)")
            #expect(name.hasPrefix(String(format: "%02d-", index + 1)))
            let section = try #require(example["section"]?.stringValue)
            #expect(section == Self.sections[index], "\(name)")
            #expect(example["url"]?.stringValue?.hasPrefix("https://d2l.ai/") == true)
            // The notebook says it too, under its heading, and is titled by that heading.
            #expect(notebook.cells[0].source.contains("*Dive into Deep Learning*, section [\(section) "), "\(name)")
            #expect(notebook.cells[0].source.hasPrefix("# \(index + 1). \(notebook.title)\n"), "\(name)")
        }
    }

    @Test(
        "the notebooks are the eight of the seed, the two learning ones, the two model ones and the trained one, each with its source"
    )
    func inventory() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
        #expect(files.filter { $0.hasSuffix(".ipynb") }.sorted() == Self.names.map { $0 + ".ipynb" })
        let sources = try FileManager.default.contentsOfDirectory(
            atPath: Self.directory.appendingPathComponent("src").path)
        #expect(sources.filter { $0.hasSuffix(".py") }.sorted() == Self.names.map { $0 + ".py" })
    }

    @Test("runs clean and prints the book's values", arguments: ExampleNotebookTests.names)
    func runsClean(name: String) async throws {
        // A notebook that trains on the full data set names quick parameters for tests (a debug build trains
        // LeNet at seconds per batch); the committed notebook holds the full run's outputs.
        let notebook = try NotebookFiles.read(contentsOf: Self.directory.appendingPathComponent(name + ".ipynb"))
        let quick = notebook.cells.first?.metadata["example"]?.objectValue?["quickParameters"]?.objectValue
        let parameters = (quick?.members ?? []).flatMap { ["-p", "\($0.key)=\($0.value.intValue ?? 0)"] }
        let result = try await CLIProcess.run(["run", "notebooks/\(name).ipynb"] + parameters)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("all cells ran"))
        #expect(!result.stderr.contains("Error"), "\(result.stderr)")
        for expected in Self.expectedOutputs[name] ?? [] {
            #expect(result.stdout.contains(expected), "missing \(expected.debugDescription)")
        }
    }

    @Test("the committed notebook matches its source and holds the outputs of a clean run", arguments: names)
    func upToDate(name: String) async throws {
        let notebook = try NotebookFiles.read(contentsOf: Self.directory.appendingPathComponent(name + ".ipynb"))
        let source = try NotebookFiles.read(contentsOf: Self.directory.appendingPathComponent("src/\(name).py"))
        let shape = { (cells: [Cell]) in cells.map { "\($0.kind)|\($0.tags)|\($0.source)" } }
        #expect(shape(notebook.cells) == shape(source.cells), "run `make notebooks` to regenerate \(name).ipynb")
        let code = notebook.cells.filter { $0.kind == .code }
        #expect(code.map(\.executionCount) == Array(1...code.count).map(Optional.some))
        let outputs = code.flatMap(\.outputs)
        #expect(!outputs.contains { if case .error = $0 { true } else { false } })
        #expect(notebook.cells.contains { $0.kind == .markdown })
        // Every notebook has at least one picture, drawn as a PNG with a text fallback.
        let pictures = outputs.compactMap { $0.data?.png }
        #expect(!pictures.isEmpty && pictures.allSatisfy { $0.size != nil })
    }

    @Test(
        "the committed notebooks pass nbformat.validate",
        .disabled(
            if: ProcessInfo.processInfo.environment["CONVBOOK_NO_PYTHON"] == "1",
            "CONVBOOK_NO_PYTHON=1: nbformat validation skipped"))
    func validate() async throws {
        let python = PackagePaths.root.appendingPathComponent(".venv-test/bin/python")
        let script = PackagePaths.root.appendingPathComponent("Tests/NotebookTests/validate_notebooks.py")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            Issue.record("no Python virtualenv at \(python.path): run `make test-venv` (or set CONVBOOK_NO_PYTHON=1)")
            return
        }
        let paths = Self.names.map { Self.directory.appendingPathComponent($0 + ".ipynb").path }
        let (status, report) = try await offPool {
            let process = Process()
            process.executableURL = python
            process.arguments = ["-W", "error::FutureWarning", script.path] + paths
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let report = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, report)
        }
        #expect(status == 0, "nbformat said:\n\(report)")
        #expect(report.components(separatedBy: "valid: ").count - 1 == paths.count, "\(report)")
    }
}
