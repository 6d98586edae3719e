import Foundation
import Render
import Testing

/// The committed `notebooks/data/sample.png` is what ``SampleImage`` draws.
@Suite struct SampleImageTests {
    static let file = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "notebooks/data/sample.png")

    @Test func committedSampleMatchesGenerator() throws {
        let generated = try SampleImage.png()
        if Golden.updating {
            try FileManager.default.createDirectory(
                at: Self.file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(generated).write(to: Self.file)
        }
        let committed = try RGBAImage.decode([UInt8](try Data(contentsOf: Self.file)))
        let drawn = try RGBAImage.decode(generated)
        #expect(committed.width == SampleImage.width && committed.height == SampleImage.height)
        let differing = zip(committed.rgba, drawn.rgba).filter { abs(Int($0) - Int($1)) > 3 }.count
        #expect(differing == 0)
    }

    @Test func loadsAsThreeChannelTensorInUnitRange() throws {
        let tensor = try ImageLoader.tensor(fromPNG: try SampleImage.png())
        #expect(tensor.shape == [3, 64, 96])
        let values = try tensor.floats
        #expect(values.allSatisfy { $0 >= 0 && $0 <= 1 })
        // Inside the dark square at (x 20, y 20): rgb(0.10, 0.16, 0.38), within 8-bit rounding.
        let plane = 64 * 96
        let index = 20 * 96 + 20
        #expect(abs(values[index] - 0.10) < 0.01)
        #expect(abs(values[plane + index] - 0.16) < 0.01)
        #expect(abs(values[2 * plane + index] - 0.38) < 0.01)
    }
}
