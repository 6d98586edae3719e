import Tensors
import Testing

@testable import Figures

@Suite struct ShowTests {
    @Test(arguments: [
        ([8], "heatmap"),
        ([6, 8], "heatmap"),
        ([2, 4, 4], "feature maps"),
        ([3, 2, 3, 3], "kernels"),
        ([2, 3, 16, 16], "batch"),
    ])
    func picksTheFigureFromTheShape(shape: [Int], fallbackName: String) throws {
        let figure = try Figure.show(Make.arange(shape))
        let shapeText = shape.map(String.init).joined(separator: "×")
        #expect(figure.textFallback == "<\(fallbackName) \(shapeText)>")
    }

    @Test(arguments: [
        ([1, 1, 6, 7], "<heatmap 6×7>"),
        ([1, 2, 4, 4], "<feature maps 2×4×4>"),
        ([1, 1, 1, 5], "<heatmap 1×5>"),
        ([2, 1, 3, 3], "<kernels 2×1×3×3>"),
    ])
    func leadingUnitDimensionsAreDropped(shape: [Int], fallback: String) throws {
        #expect(try Figure.show(Make.arange(shape)).textFallback == fallback)
    }

    @Test func threeChannelsInUnitRangeAreAnImage() throws {
        let figure = try Figure.show(Make.tensor([3, 4, 5]) { Float($0) / 59 })
        guard case .image(let image) = figure.content else {
            Issue.record("expected an image, got \(figure.textFallback)")
            return
        }
        #expect(image.width == 5 && image.height == 4)
        // The last pixel is (19/59, 39/59, 59/59) in 8 bits.
        #expect(
            image.pixels[19]
                == RGB(red: UInt8((19.0 / 59 * 255).rounded()), green: UInt8((39.0 / 59 * 255).rounded()), blue: 255))
        #expect(figure.textFallback == "<image 3×4×5>")
    }

    @Test func threeChannelsOutsideUnitRangeAreFeatureMaps() throws {
        let figure = try Figure.show(Make.arange([3, 4, 4]))
        #expect(figure.textFallback == "<feature maps 3×4×4>")
        #expect(figure.grid?.panelTitles == ["channel 0", "channel 1", "channel 2"])
    }

    @Test func fallbackTextsNameTheShape() throws {
        #expect(try Figure.heatmap(Make.arange([6, 8])).textFallback == "<heatmap 6×8>")
        #expect(try Figure.featureMaps(Make.arange([3, 2, 2])).textFallback == "<feature maps 3×2×2>")
        #expect(try Figure.kernels(Make.arange([3, 2, 2, 2])).textFallback == "<kernels 3×2×2×2>")
    }

    @Test func kernelGridIsLabelledByChannel() throws {
        let grid = try #require(try Figure.kernels(Make.arange([3, 2, 2, 2])).grid)
        #expect(grid.rows == 3 && grid.columns == 2)
        #expect(grid.rowLabels == ["out 0", "out 1", "out 2"])
        #expect(grid.columnLabels == ["in 0", "in 1"])
        // Panel (row 2, column 1) is weight[2, 1]: elements 20…23.
        #expect(grid.panels[5].values == [20, 21, 22, 23])
    }

    @Test func batchRowsAreSamples() throws {
        let grid = try #require(try Figure.batch(Make.arange([2, 3, 4, 4])).grid)
        #expect(grid.rowLabels == ["sample 0", "sample 1"])
        #expect(grid.columnLabels == ["channel 0", "channel 1", "channel 2"])
        #expect(grid.panels[4].values.first == Float(4 * 16))
    }

    @Test(arguments: [[0], [0, 3], [2, 0, 4], [1, 1, 0, 3]])
    func emptyTensorsAreDataErrors(shape: [Int]) throws {
        let tensor = try Tensor(shape: shape, floats: [])
        #expect {
            try Figure.show(tensor)
        } throws: { error in
            let figureError = error as? FigureError
            return figureError?.kind == .empty && figureError?.message.contains("empty") == true
        }
    }

    @Test func scalarsAndFiveDimensionsAreShapeErrors() throws {
        #expect(throws: FigureError.self) { try Figure.show(Tensor(scalar: 1)) }
        #expect(throws: FigureError.self) { try Figure.show(Make.arange([2, 1, 1, 2, 2])) }
        #expect(throws: FigureError.self) { try Figure.heatmap(Make.arange([2, 2, 2])) }
        #expect(throws: FigureError.self) { try Figure.kernels(Make.arange([2, 2, 2])) }
    }

    @Test func annotationIsOnForSmallMapsOnly() throws {
        #expect(try Figure.show(Make.arange([12, 12])).grid?.annotate == true)
        #expect(try Figure.show(Make.arange([13, 12])).grid?.annotate == false)
        #expect(try Figure.show(Make.arange([17, 2, 2])).grid?.annotate == false)
        #expect(try Figure.show(Make.arange([13, 13]), annotate: true).grid?.annotate == true)
    }

    @Test func signedDataDefaultsToTheDivergingMap() throws {
        #expect(try Figure.show(Make.arange([3, 3], from: -4)).grid?.colormap == .diverging)
        #expect(try Figure.show(Make.arange([3, 3])).grid?.colormap == .viridis)
        #expect(try Figure.show(Make.arange([3, 3], from: -4), cmap: .gray).grid?.colormap == .gray)
    }

    @Test func oneScaleIsSharedUnlessAsked() throws {
        let shared = try #require(try Figure.featureMaps(Make.arange([2, 2, 2])).grid)
        #expect(shared.sharedScale)
        #expect(Set(shared.scales).count == 1)
        #expect(shared.scales[0] == ValueRange(lower: 0, upper: 7))
        let separate = try #require(try Figure.featureMaps(Make.arange([2, 2, 2]), sharedScale: false).grid)
        #expect(separate.scales == [ValueRange(lower: 0, upper: 3), ValueRange(lower: 4, upper: 7)])
    }

    @Test func nonFiniteValuesAreCountedInTheCaption() throws {
        let tensor = Make.tensor([3, 3]) { index in
            switch index {
            case 1, 4: .nan
            case 7: -.infinity
            default: Float(index)
            }
        }
        let figure = try Figure.show(tensor)
        #expect(figure.notes == ["2 NaN and 1 Inf values drawn in magenta"])
        #expect(figure.grid?.scales.first == ValueRange(lower: 0, upper: 8))
    }

    @Test func hugeTensorsAreDownsampledWithANote() throws {
        let figure = try Figure.show(Make.tensor([1000, 600]) { Float($0 % 600) })
        let grid = try #require(figure.grid)
        #expect(grid.panels[0].height <= FigureLimits.maxHeatmapSide)
        #expect(grid.panels[0].width <= FigureLimits.maxHeatmapSide)
        #expect(figure.notes.contains { $0.contains("downsampled 4×") })
        #expect(grid.annotate == false)
    }

    @Test func manyChannelsAreCappedWithANote() throws {
        let figure = try Figure.kernels(Make.arange([100, 20, 1, 1]))
        let grid = try #require(figure.grid)
        #expect(grid.rows == FigureLimits.maxGridRows && grid.columns == FigureLimits.maxGridColumns)
        #expect(grid.panels.count == grid.rows * grid.columns)
        #expect(figure.notes.contains("showing the first 64 of 100 output channels"))
        #expect(figure.notes.contains("showing the first 16 of 20 input channels"))
        // Panel (row 1, column 0) is weight[1, 0], element 20.
        #expect(grid.panels[grid.columns].values == [20])
    }
}
