import Figures
import Tensors
import Testing

/// `show(x, labels=…)`: labelled image grids and annotated heatmaps with class names.
@Suite struct LabelledTests {
    @Test func aBatchOfImagesIsAGreyGridTitledByItsLabels() throws {
        let figure = try Figure.labelled(Make.arange([3, 1, 4, 5]), labels: ["coat", "bag", "shirt"])
        guard case .heatmaps(let grid) = figure.content else {
            Issue.record("expected a grid, got \(figure.textFallback)")
            return
        }
        #expect(grid.panels.count == 3)
        #expect(grid.panelTitles == ["coat", "bag", "shirt"])
        #expect(grid.colormap == .gray)
        #expect(!grid.annotate)
        // Panel 1 is image 1: its first pixel is 20 (images of 4×5 counted from 0).
        #expect(grid.panels[1].values.first == 20)
        #expect(figure.textFallback == "<images 3×4×5: coat, bag, shirt>")
    }

    @Test func aSquareMatrixWithLabelsIsAnAnnotatedHeatmapWithNamedRowsAndColumns() throws {
        let figure = try Figure.labelled(Make.arange([3, 3]), labels: ["a", "b", "c"])
        guard case .heatmaps(let grid) = figure.content else {
            Issue.record("expected a grid, got \(figure.textFallback)")
            return
        }
        #expect(grid.rows == 3 && grid.columns == 3)
        #expect(grid.rowLabels == ["a", "b", "c"] && grid.columnLabels == ["a", "b", "c"])
        #expect(grid.annotate)
        // Entry (row 1, column 2) is 5, one cell of its own.
        #expect(grid.panels[1 * 3 + 2].values == [5])
    }

    @Test func labelsThatDoNotFitAreAClearError() {
        #expect(throws: FigureError.self) { try Figure.labelled(Make.arange([3, 1, 4, 4]), labels: ["one"]) }
        #expect(throws: FigureError.self) { try Figure.labelled(Make.arange([2, 3]), labels: ["a", "b"]) }
        do {
            _ = try Figure.labelled(Make.arange([2, 3]), labels: ["a", "b"])
        } catch {
            #expect(error.message.contains("square matrix"))
        }
    }
}
