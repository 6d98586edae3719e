import CZlib
import Figures
import Testing

@testable import Render

/// The fast PNG encoder against Cairo's own writer (libpng + zlib) as the reference.
@Suite struct PNGEncoderTests {
    static let figures: [Figure] = [
        try! Figure.show(Fixtures.arange([6, 8]), title: "annotated heatmap"),
        try! Figure.kernels(Fixtures.wave([8, 3, 5, 5])),
        try! Figure.featureMaps(Fixtures.wave([16, 20, 20]), title: "feature maps"),
        try! Figure.explainConv(input: Fixtures.arange([3, 3]), kernel: Fixtures.arange([2, 2])),
        try! Figure.plot([LinePlot.Series(ys: (0..<30).map { 1 / (1 + Double($0)) }, label: "loss")]),
    ]

    @Test(arguments: figures.indices)
    func decodesToTheSamePixelsAsCairosWriter(index: Int) throws {
        let scene = Renderer.scene(for: Self.figures[index])
        let canvas = try Canvas(width: scene.width, height: scene.height, scale: Renderer.scale)
        canvas.draw(scene)
        let fast = try RGBAImage.decode(try canvas.png())
        let reference = try RGBAImage.decode(try canvas.cairoPNG())
        #expect(fast.width == reference.width && fast.height == reference.height)
        #expect(fast.rgba == reference.rgba)
    }

    /// Every encoder the render benchmark compares writes the same picture.
    @Test(arguments: figures.indices)
    func everyEncodingDecodesToTheSamePixels(index: Int) throws {
        let images = try PNGEncoding.allCases.map { try Renderer.render(Self.figures[index], encoding: $0) }
        let decoded = try images.map { try RGBAImage.decode($0.png) }
        for image in decoded.dropFirst() {
            #expect(image.width == decoded[0].width && image.height == decoded[0].height)
            #expect(image.rgba == decoded[0].rgba)
        }
        #expect(Set(images.map(\.png)).count == PNGEncoding.allCases.count)  // three different files
    }

    @Test func encodesEveryMatchLengthAndBothDistances() throws {
        // Runs of every length 1…300 in a row, rows that repeat, and rows that partly repeat.
        let width = 300
        let height = 6
        var pixels = [UInt32](repeating: 0xFFFF_FFFF, count: width * height)
        var x = 0
        var run = 1
        while x < width {
            for i in x..<min(width, x + run) { pixels[i] = 0xFF00_0000 | UInt32(run * 2_654_435 & 0xFF_FFFF) }
            x += run
            run += 1
        }
        for i in 0..<width { pixels[width + i] = pixels[i] }  // an identical row
        for i in 0..<width { pixels[2 * width + i] = i % 7 == 0 ? 0xFF12_3456 : pixels[i] }  // mostly as above
        for i in 0..<width { pixels[3 * width + i] = 0xFF00_0000 | UInt32(i * 40503 & 0xFF_FFFF) }  // no runs
        let png = pixels.withUnsafeBufferPointer { buffer in
            PNGEncoder.encode(argb: buffer.baseAddress!, width: width, height: height, stride: width)
        }
        let image = try RGBAImage.decode(png)
        #expect(image.width == width && image.height == height)
        var mismatches = 0
        for (index, pixel) in pixels.enumerated() {
            let decoded = image.pixel(x: index % width, y: index / width)
            let expected = (UInt8(pixel >> 16 & 0xFF), UInt8(pixel >> 8 & 0xFF), UInt8(pixel & 0xFF))
            if decoded.red != expected.0 || decoded.green != expected.1 || decoded.blue != expected.2
                || decoded.alpha != 255
            {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
    }

    /// zlib's own inflate checks the Adler-32 the encoder computes in closed form over pixel runs.
    @Test(arguments: figures.indices)
    func zlibAcceptsTheCompressedData(index: Int) throws {
        let png = try Renderer.png(for: Self.figures[index])
        var idat: [UInt8] = []
        var width = 0
        var height = 0
        var offset = 8
        while offset + 12 <= png.count {
            let length = png[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            let body = Array(png[(offset + 8)..<(offset + 8 + length)])
            if type == "IHDR" {
                width = body[0..<4].reduce(0) { $0 << 8 | Int($1) }
                height = body[4..<8].reduce(0) { $0 << 8 | Int($1) }
            }
            if type == "IDAT" { idat += body }
            offset += 12 + length
        }
        var raw = [UInt8](repeating: 0, count: (1 + 3 * width) * height)
        var rawLength = uLongf(raw.count)
        let status = uncompress(&raw, &rawLength, idat, uLong(idat.count))
        #expect(status == Z_OK)
        #expect(Int(rawLength) == raw.count)
    }
}
