import Figures
import Foundation
import Render
import Tensors
import Testing

/// One reference image per figure kind (see ``Golden`` for how they are compared).
@Suite struct GoldenTests {
    @Test func heatmapViridisAnnotated() throws {
        let figure = try Figure.show(Fixtures.arange([6, 8]), title: "X = torch.arange(48).reshape(6, 8)")
        try Golden.check(try Renderer.render(figure), named: "heatmap")
    }

    @Test func heatmapDivergingEdges() throws {
        let figure = try Figure.show(Fixtures.edges, title: "Y = corr2d(X, K)")
        try Golden.check(try Renderer.render(figure), named: "heatmap-diverging")
    }

    @Test func heatmapWithNaN() throws {
        var values = (0..<16).map(Float.init)
        values[5] = .nan
        values[10] = .infinity
        let figure = try Figure.heatmap(try Tensor(shape: [4, 4], floats: values), title: "with NaN and Inf")
        try Golden.check(try Renderer.render(figure), named: "heatmap-nonfinite")
    }

    @Test func featureMaps() throws {
        let figure = try Figure.featureMaps(Fixtures.wave([3, 6, 6]), title: "feature maps")
        try Golden.check(try Renderer.render(figure), named: "feature-maps")
    }

    @Test func kernelGrid() throws {
        let figure = try Figure.kernels(Fixtures.wave([3, 2, 3, 3]), title: "conv.weight")
        try Golden.check(try Renderer.render(figure), named: "kernels")
    }

    @Test func batchGrid() throws {
        let figure = try Figure.batch(Fixtures.wave([2, 3, 16, 16]), title: "a batch", sharedScale: false)
        try Golden.check(try Renderer.render(figure), named: "batch")
    }

    @Test func explainConvSingleChannel() throws {
        let figure = try Figure.explainConv(input: Fixtures.arange([3, 3]), kernel: Fixtures.arange([2, 2]))
        try Golden.check(try Renderer.render(figure), named: "explain-conv")
    }

    @Test func explainConvTwoChannels() throws {
        let input = Fixtures.tensor([2, 3, 3]) { index in Float(index % 9 + index / 9) }
        let kernel = Fixtures.tensor([2, 2, 2]) { index in Float(index % 4 + index / 4) }
        let figure = try Figure.explainConv(input: input, kernel: kernel, title: "two input channels")
        try Golden.check(try Renderer.render(figure), named: "explain-conv-channels")
    }

    @Test func linePlot() throws {
        let steps = (0..<50).map(Double.init)
        let figure = try Figure.plot(
            [
                LinePlot.Series(xs: steps, ys: steps.map { 10 * exp(-$0 / 8) + 0.01 }, label: "train loss"),
                LinePlot.Series(xs: steps, ys: steps.map { 12 * exp(-$0 / 10) + 0.05 }, label: "test loss"),
            ], title: "learning a kernel", logY: true, xLabel: "epoch", yLabel: "loss")
        try Golden.check(try Renderer.render(figure), named: "plot")
    }

    @Test func rgbImage() throws {
        let tensor = try ImageLoader.tensor(fromPNG: SampleImage.png())
        let figure = try Figure.show(tensor, title: "sample.png")
        try Golden.check(try Renderer.render(figure), named: "image")
    }
}
