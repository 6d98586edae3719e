import Figures
import Foundation
import Render
import Tensors
import Testing

/// Text never overlaps and everything stays on the canvas.
@Suite struct LayoutTests {
    static let figures: [(String, Figure)] = [
        ("kernels 64×3×7×7", try! Figure.kernels(Fixtures.wave([64, 3, 7, 7]))),
        ("feature maps 64×56×56", try! Figure.featureMaps(Fixtures.wave([64, 56, 56]), title: "conv1 output")),
        ("heatmap 12×12", try! Figure.show(Fixtures.wave([12, 12]), title: "annotated")),
        ("long row", try! Figure.show(Fixtures.arange([1, 40]), annotate: true)),
        ("batch", try! Figure.batch(Fixtures.wave([4, 16, 8, 8]), sharedScale: false)),
        (
            "explain_conv 3 channels",
            try! Figure.explainConv(input: Fixtures.wave([3, 5, 5]), kernel: Fixtures.wave([3, 3, 3]))
        ),
        (
            "plot",
            try! Figure.plot(
                [
                    LinePlot.Series(ys: (0..<500).map { sin(Double($0) / 20) * 1e-3 }, label: "a long legend label"),
                    LinePlot.Series(ys: (0..<500).map { cos(Double($0) / 20) * 1e-3 }),
                ], title: "tiny values", xLabel: "step", yLabel: "value")
        ),
        ("image", try! Figure.show(Fixtures.tensor([3, 40, 300]) { Float($0 % 7) / 6 }, title: "a wide picture")),
    ]

    @Test(arguments: figures.indices)
    func textBoxesNeverOverlap(index: Int) throws {
        let (name, figure) = Self.figures[index]
        let image = try Renderer.render(figure)
        let boxes = image.textBoxes
        #expect(!boxes.isEmpty || name == "image", "\(name) has no text")
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                #expect(!boxes[i].intersects(boxes[j]), "\(name): \(boxes[i]) overlaps \(boxes[j])")
            }
        }
    }

    @Test(arguments: figures.indices)
    func everythingFitsOnTheCanvas(index: Int) throws {
        let (name, figure) = Self.figures[index]
        let image = try Renderer.render(figure)
        let canvas = Rect(x: 0, y: 0, width: Double(image.width), height: Double(image.height))
        for box in image.textBoxes + image.panelBoxes {
            #expect(canvas.contains(box), "\(name): \(box) is outside \(canvas)")
        }
        for i in image.panelBoxes.indices {
            for j in image.panelBoxes.indices where j > i {
                #expect(!image.panelBoxes[i].intersects(image.panelBoxes[j]), "\(name): panels \(i) and \(j) overlap")
            }
        }
    }

    @Test func kernelGridRowsAreLabelled() throws {
        let image = try Renderer.render(try Figure.kernels(Fixtures.wave([4, 3, 3, 3])))
        #expect(image.panelBoxes.count == 12)
        // 4 row labels + 3 column labels + colorbar ticks.
        #expect(image.textBoxes.count >= 7)
    }
}
