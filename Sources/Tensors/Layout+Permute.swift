extension Layout {
    /// The side of the square tiles a transposing copy works in: 32 × 32 float32 is 4 KB, so a
    /// tile's source lines and destination lines stay in the L1 cache together.
    static let tileSize = 32

    /// Copies a contiguous tensor into the order of a permutation, `result[i] = source[offset(i)]`
    /// for the strided view `(shape, strides)`.
    ///
    /// When the source's innermost dimension does not stay innermost (a transpose), reading in
    /// output order would touch a new cache line per element; the copy then works in square tiles
    /// of the two dimensions involved. Other permutations gather row by row.
    /// - Precondition: `strides` is a permutation of the contiguous strides of the source.
    /// - Throws: `.memory` when the result, or the offsets a gather needs, do not fit.
    static func permuted<Element>(_ source: [Element], shape: [Int], strides: [Int]) throws(TensorError)
        -> AdmittedElements<Element>
    {
        let rank = shape.count
        let count = shape.reduce(1, &*)
        guard rank >= 2, count > 0,
            let unitDim = (0..<rank).first(where: { strides[$0] == 1 && shape[$0] > 1 }), unitDim != rank - 1,
            shape[rank - 1] > 1
        else {
            return try gather(source, offsets(shape: shape, strides: strides), for: shape)
        }
        let last = rank - 1
        let outStrides = contiguousStrides(shape)
        let outerDims = (0..<rank).filter { $0 != unitDim && $0 != last }
        let outerShape = outerDims.map { shape[$0] }
        let sourceBases = try offsets(shape: outerShape, strides: outerDims.map { strides[$0] })
        let targetBases = try offsets(shape: outerShape, strides: outerDims.map { outStrides[$0] })
        let (rows, columns) = (shape[unitDim], shape[last])
        let (sourceColumnStride, targetRowStride) = (strides[last], outStrides[unitDim])
        return try ElementBuffer.make(count, for: shape) { (output: UnsafeMutableBufferPointer<Element>) in
            source.withUnsafeBufferPointer { input in
                let read = input.baseAddress!
                let write = output.baseAddress!
                for (sourceBase, targetBase) in zip(sourceBases, targetBases) {
                    for rowStart in stride(from: 0, to: rows, by: tileSize) {
                        let rowEnd = Swift.min(rowStart + tileSize, rows)
                        for columnStart in stride(from: 0, to: columns, by: tileSize) {
                            let columnEnd = Swift.min(columnStart + tileSize, columns)
                            for row in rowStart..<rowEnd {
                                let target = write + targetBase + row * targetRowStride
                                let origin = read + sourceBase + row
                                for column in columnStart..<columnEnd {
                                    (target + column).initialize(to: origin[column * sourceColumnStride])
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

extension TensorStorage {
    /// The elements in the order of a permuted strided view (see ``Layout/permuted(_:shape:strides:)``).
    ///
    /// - Throws: `.memory` when the result, with the offsets a gather may need, does not fit.
    func permuted(shape: [Int], strides: [Int]) throws(TensorError) -> AdmittedStorage {
        switch self {
        case .float32(let values): .float32(try Layout.permuted(values, shape: shape, strides: strides))
        case .int32(let values): .int32(try Layout.permuted(values, shape: shape, strides: strides))
        case .int64(let values): .int64(try Layout.permuted(values, shape: shape, strides: strides))
        case .bool(let values): .bool(try Layout.permuted(values, shape: shape, strides: strides))
        }
    }
}
