import Foundation
import Render
import Testing

/// Compares rendered figures with the committed PNGs in `Tests/RenderTests/Golden/`.
///
/// Text is masked: pixels inside any text box (grown by 2 CSS px) are not compared, because glyph
/// rasterisation can differ between FreeType versions even with the same font. Everything else —
/// cells, colorbars, frames, lines — must match within `tolerance` per channel.
/// Run with `CONVBOOK_UPDATE_GOLDEN=1` to rewrite the references (then look at every image).
enum Golden {
    static let directory = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Golden")
    static var updating: Bool { ProcessInfo.processInfo.environment["CONVBOOK_UPDATE_GOLDEN"] == "1" }
    static let tolerance = 3

    static func check(_ image: RenderedImage, named name: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let url = directory.appending(path: "\(name).png")
        if updating {
            try Data(image.png).write(to: url)
            return
        }
        guard let data = try? Data(contentsOf: url) else {
            Issue.record(
                "missing golden \(name).png; run with CONVBOOK_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        let expected = try RGBAImage.decode([UInt8](data))
        let actual = try RGBAImage.decode(image.png)
        guard expected.width == actual.width, expected.height == actual.height else {
            Issue.record(
                "\(name): size \(actual.width)×\(actual.height), golden \(expected.width)×\(expected.height)",
                sourceLocation: sourceLocation)
            return
        }
        let scale = Double(image.scale)
        let masks = image.textBoxes.map { $0.outset(by: 2) }
        var textMask = [Bool](repeating: false, count: actual.width * actual.height)
        for box in masks {
            let x0 = max(0, Int((box.x * scale).rounded(.down)))
            let x1 = min(actual.width, Int((box.maxX * scale).rounded(.up)))
            let y0 = max(0, Int((box.y * scale).rounded(.down)))
            let y1 = min(actual.height, Int((box.maxY * scale).rounded(.up)))
            guard x0 < x1, y0 < y1 else { continue }
            for y in y0..<y1 { for x in x0..<x1 { textMask[y * actual.width + x] = true } }
        }
        var mismatches = 0
        var first: (Int, Int)?
        for index in 0..<(actual.width * actual.height) where !textMask[index] {
            for channel in 0..<4
            where abs(Int(actual.rgba[index * 4 + channel]) - Int(expected.rgba[index * 4 + channel])) > tolerance {
                mismatches += 1
                if first == nil { first = (index % actual.width, index / actual.width) }
                break
            }
        }
        #expect(
            mismatches == 0, "\(name): \(mismatches) pixels differ outside text, first at \(String(describing: first))",
            sourceLocation: sourceLocation)
    }
}
