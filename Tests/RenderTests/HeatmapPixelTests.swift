import Figures
import Render
import Tensors
import Testing

/// Colours at known places of decoded PNGs.
@Suite struct HeatmapPixelTests {
    static func figure(_ values: [Float], _ shape: [Int], cmap: Colormap? = nil) throws -> Figure {
        try Figure.heatmap(Tensor(shape: shape, floats: values), cmap: cmap, annotate: false)
    }

    @Test func extremesHaveTheColormapEnds() throws {
        let decoded = try Decoded(try Self.figure((0..<16).map(Float.init), [4, 4]))
        #expect(decoded.cell(row: 3, column: 3, rows: 4, columns: 4) == RGB(packed: 0xFDE725))  // viridis top
        #expect(decoded.cell(row: 0, column: 0, rows: 4, columns: 4) == RGB(packed: 0x440154))  // viridis bottom
    }

    @Test func grayRunsFromBlackToWhite() throws {
        let decoded = try Decoded(try Self.figure([1, 2, 3, 4], [2, 2], cmap: .gray))
        #expect(decoded.cell(row: 0, column: 0, rows: 2, columns: 2) == RGB(red: 0, green: 0, blue: 0))
        #expect(decoded.cell(row: 1, column: 1, rows: 2, columns: 2) == RGB(red: 255, green: 255, blue: 255))
    }

    @Test func nanCellsAreMagenta() throws {
        let decoded = try Decoded(try Self.figure([0, .nan, 2, .infinity], [2, 2]))
        #expect(decoded.cell(row: 0, column: 1, rows: 2, columns: 2) == Colormap.nonFiniteColor)
        #expect(decoded.cell(row: 1, column: 1, rows: 2, columns: 2) == Colormap.nonFiniteColor)
    }

    @Test func zeroIsTheCentreOfTheDivergingMap() throws {
        let decoded = try Decoded(try Self.figure([-2, -1, 0, 1, 3], [1, 5], cmap: .diverging))
        #expect(decoded.cell(row: 0, column: 2, rows: 1, columns: 5) == RGB(packed: Colormap.diverging.table[128]))
        #expect(decoded.cell(row: 0, column: 4, rows: 1, columns: 5) == RGB(packed: Colormap.diverging.table[255]))
    }

    @Test func pngHasTwiceTheDeclaredSize() throws {
        let decoded = try Decoded(try Self.figure((0..<48).map(Float.init), [6, 8]))
        #expect(decoded.image.scale == 2)
        #expect(decoded.png.width == decoded.image.width * 2)
        #expect(decoded.png.height == decoded.image.height * 2)
    }

    /// Every device pixel of every cell has exactly its cell's colour: cells are pixel-aligned,
    /// equally sized and seamless.
    @Test func cellsAreSeamless() throws {
        let values = (0..<(7 * 9)).map { Float(($0 * 37) % 63) }
        let decoded = try Decoded(try Self.figure(values, [7, 9]))
        let box = decoded.image.panelBoxes[0]
        let scale = Double(decoded.image.scale)
        let (x0, y0) = (Int(box.x * scale), Int(box.y * scale))
        let (width, height) = (Int(box.width * scale), Int(box.height * scale))
        #expect(width % 9 == 0 && height % 7 == 0)
        let (cellWidth, cellHeight) = (width / 9, height / 7)
        var wrong = 0
        for y in 0..<height {
            for x in 0..<width {
                let expected = decoded.cell(row: y / cellHeight, column: x / cellWidth, rows: 7, columns: 9)
                if decoded.color(deviceX: x0 + x, deviceY: y0 + y) != expected { wrong += 1 }
            }
        }
        #expect(wrong == 0)
    }

    /// Numbers are white on dark cells and black on light ones.
    @Test func annotationsContrastWithTheirCell() throws {
        let figure = try Figure.heatmap(Tensor(shape: [1, 2], floats: [0, 8]), annotate: true)
        let decoded = try Decoded(figure)
        let box = decoded.image.panelBoxes[0]
        let scale = Double(decoded.image.scale)
        func luminances(column: Int) -> [Double] {
            var result: [Double] = []
            let cellWidth = box.width / 2
            for y in Int(box.y * scale)..<Int(box.maxY * scale) {
                for x in Int(
                    (box.x + Double(column) * cellWidth) * scale)..<Int(
                        (box.x + Double(column + 1) * cellWidth) * scale)
                {
                    result.append(decoded.color(deviceX: x, deviceY: y).luminance)
                }
            }
            return result
        }
        let dark = luminances(column: 0)  // viridis bottom, white text
        let light = luminances(column: 1)  // viridis top, black text
        #expect((dark.max() ?? 0) > 0.9)
        #expect((light.min() ?? 1) < 0.05)
    }
}
