/// A 2-D block of values drawn as one heatmap panel, stored row-major.
public struct Matrix: Sendable, Hashable {
    /// The number of rows.
    public var height: Int
    /// The number of columns.
    public var width: Int
    /// The `height × width` values, row by row.
    public var values: [Float]

    /// Creates a matrix; `values.count` must be `height * width` (checked by the builders that
    /// slice tensors, so this initializer only asserts it).
    public init(height: Int, width: Int, values: [Float]) {
        assert(values.count == height * width, "matrix values do not match its size")
        self.height = height
        self.width = width
        self.values = values
    }

    /// The value at `(row, column)`.
    public subscript(row: Int, column: Int) -> Float { values[row * width + column] }

    /// The smaller of the matrix and a copy shrunk by block averaging so neither side exceeds
    /// `maxSide`; each output value is the mean of a `factor × factor` block (a NaN or Inf in a
    /// block makes the block non-finite, so bad values stay visible).
    public func downsampled(maxSide: Int) -> Matrix {
        let factor = Matrix.downsamplingFactor(height: height, width: width, maxSide: maxSide)
        guard factor > 1 else { return self }
        let newHeight = (height + factor - 1) / factor
        let newWidth = (width + factor - 1) / factor
        var result = [Float](repeating: 0, count: newHeight * newWidth)
        for blockRow in 0..<newHeight {
            for blockColumn in 0..<newWidth {
                var sum: Float = 0
                var count = 0
                for row in (blockRow * factor)..<min(height, (blockRow + 1) * factor) {
                    for column in (blockColumn * factor)..<min(width, (blockColumn + 1) * factor) {
                        sum += values[row * width + column]
                        count += 1
                    }
                }
                result[blockRow * newWidth + blockColumn] = sum / Float(count)
            }
        }
        return Matrix(height: newHeight, width: newWidth, values: result)
    }

    /// The block size that brings both sides within `maxSide` (1 when they already fit).
    static func downsamplingFactor(height: Int, width: Int, maxSide: Int) -> Int {
        let side = max(height, width)
        return side <= maxSide ? 1 : (side + maxSide - 1) / maxSide
    }
}
