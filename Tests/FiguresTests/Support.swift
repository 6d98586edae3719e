import Figures
import Tensors

/// Small tensors and accessors for the figure tests.
enum Make {
    static func tensor(_ shape: [Int], _ value: (Int) -> Float) -> Tensor {
        // Test shapes are small constants, so construction cannot fail.
        try! Tensor(shape: shape, floats: (0..<shape.reduce(1, *)).map(value))
    }

    static func arange(_ shape: [Int], from start: Float = 0) -> Tensor { tensor(shape) { start + Float($0) } }
}

extension Figure {
    /// The heatmap grid of a heatmap figure, `nil` for other kinds.
    var grid: HeatmapGrid? {
        if case .heatmaps(let grid) = content { grid } else { nil }
    }

    /// The explanation of an explain_conv figure.
    var explanation: ConvExplanation? {
        if case .convolution(let explanation) = content { explanation } else { nil }
    }
}
