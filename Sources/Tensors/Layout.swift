/// Helpers that turn shapes, dimensions and strides into element offsets; every shape operation
/// goes through them so that range checks happen in one place.
enum Layout {
    /// Row-major strides of `shape`: the last dimension has stride 1.
    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = Array(repeating: 1, count: shape.count)
        var running = 1
        for dim in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[dim] = running
            running = running &* max(shape[dim], 1)
        }
        return strides
    }

    /// The storage offsets of every element of a strided view, in row-major order of `shape`.
    ///
    /// - Precondition: every offset `base + Σ index[d] * strides[d]` is within the source storage.
    static func offsets(shape: [Int], strides: [Int], base: Int = 0) throws(TensorError) -> [Int] {
        let count = shape.reduce(1, &*)
        guard count > 0 else { return [] }
        try ElementBuffer.admit(count, of: Int.self, for: shape)
        let rank = shape.count
        if rank == 0 { return [base] }
        return Array(unsafeUninitializedCapacity: count) { buffer, initialized in
            var index = Array(repeating: 0, count: rank)
            var offset = base
            let innerSize = shape[rank - 1]
            let innerStride = strides[rank - 1]
            var position = 0
            while position < count {
                var inner = offset
                for _ in 0..<innerSize {
                    buffer[position] = inner
                    position += 1
                    inner += innerStride
                }
                // Advance the odometer over the outer dimensions.
                var dim = rank - 2
                while dim >= 0 {
                    index[dim] += 1
                    offset += strides[dim]
                    if index[dim] < shape[dim] { break }
                    offset -= strides[dim] * shape[dim]
                    index[dim] = 0
                    dim -= 1
                }
            }
            initialized = count
        }
    }
}

/// Normalizes a possibly negative dimension index for a tensor of the given rank, as PyTorch
/// does: `-1` is the last dimension. A 0-d tensor accepts `0` and `-1`.
///
/// - Throws: `.index` with PyTorch's message, e.g. *"Dimension out of range (expected to be in
///   range of [-2, 1], but got 2)"*.
public func normalizedDim(_ dim: Int, rank: Int) throws(TensorError) -> Int {
    let effectiveRank = max(rank, 1)
    guard dim >= -effectiveRank && dim < effectiveRank else {
        throw .index(
            "Dimension out of range (expected to be in range of [\(-effectiveRank), \(effectiveRank - 1)], but got \(dim))"
        )
    }
    return dim < 0 ? dim + effectiveRank : dim
}

/// Normalizes a list of dimensions and checks that none repeats (PyTorch: *"dim 1 appears
/// multiple times in the list of dims"*).
func normalizedDims(_ dims: [Int], rank: Int) throws(TensorError) -> [Int] {
    var seen = Set<Int>()
    var result: [Int] = []
    for dim in dims {
        let normalized = try normalizedDim(dim, rank: rank)
        guard seen.insert(normalized).inserted else {
            throw .value("dim \(normalized) appears multiple times in the list of dims")
        }
        result.append(normalized)
    }
    return result
}
