import Figures
import Render
import Tensors
import Testing

/// Size limits: no multi-megapixel PNGs, no per-cell text on big maps, clear errors for bad bytes.
@Suite struct LimitTests {
    static let maxDevicePixels = 3_000_000

    @Test(arguments: [[2000, 1500], [512, 512], [3, 800, 800]])
    func largeTensorsGiveBoundedImages(shape: [Int]) throws {
        let figure = try Figure.show(Fixtures.tensor(shape) { Float($0 % 977) })
        let image = try Renderer.render(figure)
        #expect(image.width * image.height * image.scale * image.scale <= Self.maxDevicePixels)
        // No per-cell numbers: only labels, ticks and notes remain.
        #expect(image.textBoxes.count < 30)
    }

    @Test func manyFeatureMapsStayBounded() throws {
        let image = try Renderer.render(try Figure.featureMaps(Fixtures.tensor([200, 120, 120]) { Float($0 % 31) }))
        #expect(image.width * image.height * image.scale * image.scale <= Self.maxDevicePixels)
    }

    @Test func bigBatchesStayBounded() throws {
        let figure = try Figure.batch(Fixtures.tensor([64, 16, 40, 40]) { Float($0 % 29) })
        let image = try Renderer.render(figure)
        #expect(image.width * image.height * image.scale * image.scale <= Self.maxDevicePixels)
        #expect(figure.notes.contains { $0.contains("downsampled") })
    }

    @Test func garbageIsNotAPNG() {
        #expect(throws: RenderError.self) { try RGBAImage.decode([1, 2, 3]) }
        #expect(throws: RenderError.self) { try ImageLoader.tensor(fromPNG: []) }
    }
}
