import Figures
import Tensors
import Testing

@Suite struct PlotAndImageTests {
    @Test func seriesLengthsMustMatch() {
        #expect(throws: FigureError.self) { try Figure.plot([LinePlot.Series(xs: [0, 1], ys: [1])]) }
        #expect(throws: FigureError.self) { try Figure.plot([]) }
    }

    @Test func nonFiniteAndNonPositivePointsAreLeftOutAndCounted() throws {
        let figure = try Figure.plot([LinePlot.Series(ys: [1, .nan, 0, 0.5, -1])], logY: true)
        guard case .plot(let plot) = figure.content else {
            Issue.record("expected a plot")
            return
        }
        #expect(plot.series[0].xs == [0, 3])
        #expect(plot.series[0].ys == [1, 0.5])
        #expect(figure.notes == ["1 NaN or Inf point left out", "2 points ≤ 0 left out of the log axis"])
        #expect(figure.textFallback == "<plot 5 points>")
    }

    @Test func imagesNeedValuesInUnitRange() {
        #expect(throws: FigureError.self) { try Figure.image(Make.arange([3, 2, 2])) }
        #expect(throws: FigureError.self) { try Figure.image(Make.tensor([2, 2, 2]) { _ in 0.5 }) }
    }

    @Test func grayImagesRepeatTheirChannel() throws {
        let figure = try Figure.image(Make.tensor([1, 1, 2]) { Float($0) })
        guard case .image(let image) = figure.content else {
            Issue.record("expected an image")
            return
        }
        #expect(image.pixels == [RGB(red: 0, green: 0, blue: 0), RGB(red: 255, green: 255, blue: 255)])
    }
}
