import Figures
import Render
import Tensors
import Testing

@Suite("Numbers written in heatmap cells")
struct AnnotationSpacingTests {
    @Test("neighbouring numbers keep a visible gap, so '-1.12' and '-1.29' never read as one")
    func gapsBetweenNumbers() throws {
        // Wide negative numbers with two decimals, as randn feature maps have.
        let values = (0..<48).map { index in -Float(100 + (index * 37) % 199) / 100 }
        let figure = try Figure.featureMaps(try Tensor(shape: [3, 4, 4], floats: values))
        let image = try Renderer.render(figure)
        let panels = image.panelBoxes
        let numbers = image.textBoxes.filter { box in
            panels.contains { $0.contains(box) }
        }
        #expect(numbers.count == 48, "every number is written")
        for box in numbers {
            let neighbours = numbers.filter { abs($0.y - box.y) < 1 && $0.x > box.x }
            guard let next = neighbours.min(by: { $0.x < $1.x }) else { continue }
            #expect(next.x - box.maxX >= 6, "\(box) and \(next) are \(next.x - box.maxX) px apart")
        }
    }
}
