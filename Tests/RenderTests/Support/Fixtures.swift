import Foundation
import Tensors

/// Deterministic tensors for the rendering tests.
enum Fixtures {
    static func tensor(_ shape: [Int], _ value: (Int) -> Float) -> Tensor {
        let count = shape.reduce(1, *)
        // Shapes here are small constants, so construction cannot fail.
        return try! Tensor(shape: shape, floats: (0..<count).map(value))
    }

    /// 0, 1, 2, … in the given shape.
    static func arange(_ shape: [Int]) -> Tensor { tensor(shape) { Float($0) } }

    /// A smooth signed pattern, like trained weights.
    static func wave(_ shape: [Int]) -> Tensor {
        tensor(shape) { index in Float(sin(Double(index) * 0.7) + 0.5 * cos(Double(index) * 0.13)) }
    }

    /// The book's edge-detection output: 1 at a light→dark edge, -1 at dark→light, 0 elsewhere.
    static let edges: Tensor = tensor([6, 7]) { index in
        switch index % 7 {
        case 1: 1
        case 5: -1
        default: 0
        }
    }
}
