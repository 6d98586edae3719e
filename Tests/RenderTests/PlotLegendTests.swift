import Figures
import Testing

@testable import Render

@Suite("Plot legend placement")
struct PlotLegendTests {
    /// The scene's lines, sampled every half pixel along each segment.
    private func linePoints(_ scene: Scene) -> [Point] {
        var points: [Point] = []
        for case .polyline(let line, _, _, _) in scene.items {
            for (start, end) in zip(line, line.dropFirst()) {
                let steps = max(1, Int((abs(end.x - start.x) + abs(end.y - start.y)) * 2))
                for step in 0...steps {
                    let t = Double(step) / Double(steps)
                    points.append(Point(x: start.x + (end.x - start.x) * t, y: start.y + (end.y - start.y) * t))
                }
            }
        }
        return points
    }

    private func labelBox(_ label: String, in scene: Scene) -> Rect? {
        for case .text(let text) in scene.items where text.text == label { return text.box }
        return nil
    }

    /// Lines occupying each corner in turn: rising (top right), falling (top left), a valley (both
    /// top corners) and a hill (both bottom corners).
    static let shapes: [(label: String, ys: [Double])] = [
        ("rising", (0...20).map { Double($0) }),
        ("falling", (0...20).map { 20 - Double($0) }),
        ("valley", (0...20).map { abs(10 - Double($0)) }),
        ("hill", (0...20).map { 10 - abs(10 - Double($0)) }),
    ]

    @Test("the legend sits in a corner where it hides no line", arguments: shapes.indices)
    func legendAvoidsLines(index: Int) throws {
        let (label, ys) = Self.shapes[index]
        let figure = try Figure.plot([LinePlot.Series(ys: ys, label: label)])
        let scene = Renderer.scene(for: figure)
        let box = try #require(labelBox(label, in: scene))
        let hidden = linePoints(scene).filter { point in
            point.x >= box.x && point.x <= box.maxX && point.y >= box.y && point.y <= box.maxY
        }
        #expect(hidden.isEmpty, "\(label): the legend at \(box) hides \(hidden.count) points of the line")
    }
}
