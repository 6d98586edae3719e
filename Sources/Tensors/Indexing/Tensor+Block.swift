extension BlockPlan {
    /// The plan of engine indices when every component is an in-range int or a step-1 slice and there is
    /// one component per dimension (at most four); `nil` otherwise.
    init?(_ indices: [TensorIndex], shape: [Int]) {
        guard indices.count == shape.count, shape.count <= BlockPlan.capacity else { return nil }
        var plan = BlockPlan()
        for (index, size) in zip(indices, shape) {
            switch index {
            case .int(let position):
                let resolved = position < 0 ? position + size : position
                guard resolved >= 0 && resolved < size else { return nil }
                plan.append((resolved, 1, false))
            case .slice(let start, let stop, let step):
                guard step == nil || step == 1 else { return nil }
                func clamp(_ bound: Int?, _ fallback: Int) -> Int {
                    guard var value = bound else { return fallback }
                    if value < 0 { value = max(value + size, 0) }
                    return min(value, size)
                }
                let first = clamp(start, 0)
                let end = clamp(stop, size)
                plan.append((first, max(0, end - first), true))
            default:
                return nil
            }
        }
        self = plan
    }
}

extension Tensor {
    /// The block a plan selects from this tensor when it is float32 of rank 1 to 4; `nil` otherwise (the
    /// general `getItem` then answers, with its errors).
    ///
    /// `reusableShape` is a shape the caller has at hand (the previous block's): when the block
    /// has that shape, the result shares the array instead of allocating its own (a loop slices
    /// one block shape on every iteration). `buffer`, when given and large enough, is emptied
    /// and holds the elements instead of a new array (a spare buffer no one else holds).
    public func block(
        _ plan: BlockPlan, reusableShape: [Int] = [], buffer: consuming [Float]? = nil
    ) -> Tensor? {
        guard case .float32(let values) = storage, rank >= 1, rank <= BlockPlan.capacity, plan.count == rank
        else { return nil }
        let total = plan.elementCount
        let outShape = blockShape(plan, reusing: reusableShape)
        guard total > 0 else { return try? Tensor(shape: outShape, floats: []) }
        // Walk the selected block row by row along the last dimension, copying whole rows.
        let last = plan.count - 1
        let rowLength = plan.extent(last)
        var strides = IntQuad()
        var stride = 1
        for dim in (0..<last).reversed() {
            stride *= shape[dim + 1]
            strides[dim] = stride
        }
        var rows = RowOffsets(plan: plan, strides: strides)
        var result = buffer.take() ?? []
        // A new array is admitted first; refused, the general path (``getItem(_:)``) says so.
        if result.capacity < total, (try? ElementBuffer.admit(total, of: Float.self, for: outShape)) == nil {
            return nil
        }
        values.withUnsafeBufferPointer { source in
            guard let from = source.baseAddress else { return }
            if result.capacity >= total {
                // Emptied and refilled to `total` elements in one step (the block lies inside the
                // source, which is at least that long), keeping the capacity; the rows below
                // then overwrite them.
                result.removeAll(keepingCapacity: true)
                result.append(contentsOf: UnsafeBufferPointer(start: from, count: total))
            } else {
                // Zero-filled, then overwritten: cheaper for small blocks than an uninitialized
                // array, whose allocation looks the array's type metadata up on every call.
                result = [Float](repeating: 0, count: total)
            }
            result.withUnsafeMutableBufferPointer { target in
                guard let to = target.baseAddress else { return }
                var written = 0
                while let offset = rows.next() {
                    (to + written).update(from: from + offset, count: rowLength)
                    written += rowLength
                }
            }
        }
        return try? Tensor(shape: outShape, floats: result)
    }

    /// The extents of the kept dimensions: `candidate` itself when it holds exactly those.
    private func blockShape(_ plan: BlockPlan, reusing candidate: [Int]) -> [Int] {
        var kept = 0
        var matches = true
        for dim in 0..<plan.count where plan.keeps(dim) {
            matches = matches && kept < candidate.count && candidate[kept] == plan.extent(dim)
            kept += 1
        }
        if matches && kept == candidate.count { return candidate }
        var outShape: [Int] = []
        outShape.reserveCapacity(kept)
        for dim in 0..<plan.count where plan.keeps(dim) { outShape.append(plan.extent(dim)) }
        return outShape
    }

    /// `tensor[i, j, …] = value` for one element of a float32 tensor, in place; false when not applicable.
    mutating func setFloatElement(_ indices: [TensorIndex], _ value: Scalar) -> Bool {
        guard dtype == .float32, indices.count == rank else { return false }
        var offset = 0
        for (index, size) in zip(indices, shape) {
            guard case .int(let position) = index else { return false }
            let resolved = position < 0 ? position + size : position
            guard resolved >= 0 && resolved < size else { return false }
            offset = offset * size + resolved
        }
        let number = value.floatValue
        // At the memory limit a shared buffer's copy is refused: the general path then says so.
        return (try? withMutableFloats { $0[offset] = number }) != nil
    }
}

/// The storage offsets of the rows (runs along the last dimension) a plan selects, in row-major
/// order: an odometer over the outer dimensions with row-major strides, all in registers.
private struct RowOffsets {
    let plan: BlockPlan
    let strides: IntQuad
    private var counters = IntQuad()
    private var finished = false

    init(plan: BlockPlan, strides: IntQuad) {
        self.plan = plan
        self.strides = strides
    }

    /// The next row's offset; `nil` after the last row. - Precondition: the plan has a dimension.
    mutating func next() -> Int? {
        guard !finished else { return nil }
        let last = plan.count - 1
        var offset = plan.first(last)
        for dim in 0..<last { offset += (plan.first(dim) + counters[dim]) * strides[dim] }
        finished = true
        var dim = last - 1
        while dim >= 0 {
            counters[dim] += 1
            if counters[dim] < plan.extent(dim) {
                finished = false
                break
            }
            counters[dim] = 0
            dim -= 1
        }
        return offset
    }
}
