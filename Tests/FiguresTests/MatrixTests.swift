import Figures
import Testing

@Suite struct MatrixTests {
    @Test func downsamplingAveragesBlocks() {
        let matrix = Matrix(height: 5, width: 4, values: (0..<20).map(Float.init))
        let small = matrix.downsampled(maxSide: 2)  // factor 3: blocks of up to 3×3
        #expect(small.height == 2 && small.width == 2)
        // Naive means of the blocks, edge blocks partial.
        func mean(rows: Range<Int>, columns: Range<Int>) -> Float {
            var sum: Float = 0
            for r in rows { for c in columns { sum += Float(r * 4 + c) } }
            return sum / Float(rows.count * columns.count)
        }
        #expect(
            small.values == [
                mean(rows: 0..<3, columns: 0..<3), mean(rows: 0..<3, columns: 3..<4),
                mean(rows: 3..<5, columns: 0..<3), mean(rows: 3..<5, columns: 3..<4),
            ])
    }

    @Test func smallMatricesAreUnchanged() {
        let matrix = Matrix(height: 2, width: 3, values: [1, 2, 3, 4, 5, 6])
        #expect(matrix.downsampled(maxSide: 3) == matrix)
    }

    @Test func nonFiniteValuesStayVisibleAfterDownsampling() {
        var values = [Float](repeating: 1, count: 16)
        values[5] = .nan
        let small = Matrix(height: 4, width: 4, values: values).downsampled(maxSide: 2)
        #expect(small.values[0].isNaN)
        #expect(small.values[1] == 1)
    }
}
