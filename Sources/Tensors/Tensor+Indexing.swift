/// Where the elements selected by a subscript live in the indexed tensor's storage: every
/// combination of one offset per axis, added to `base`, in row-major order of the result.
struct IndexPlan {
    var base = 0
    /// Per result axis group, the storage offsets it contributes.
    var axes: [[Int]] = []
    /// Per result axis group, the result dimensions it produces (one for a slice or new axis,
    /// the broadcast index shape for tensor indices).
    var axisShapes: [[Int]] = []

    var resultShape: [Int] { axisShapes.flatMap { $0 } }

    /// The storage offset of every selected element. - Precondition: the result passed the cap.
    /// - Throws: `.memory` when the offsets (one `Int` per selected element) do not fit.
    func offsets() throws(TensorError) -> [Int] {
        try ElementBuffer.admit(resultShape.reduce(1, &*), of: Int.self, for: resultShape)
        var result = [base]
        for axis in axes {
            var next: [Int] = []
            next.reserveCapacity(result.count * axis.count)
            for offset in result {
                for step in axis { next.append(offset + step) }
            }
            result = next
        }
        return result
    }
}

extension Tensor {
    /// `tensor[indices]` (Python's `__getitem__`): integers drop their dimension, slices keep it,
    /// `None` inserts one, `...` stands for the rest, and bool masks or int64 tensors select
    /// entries (their result dimensions replace the indexed ones, or go first when tensor
    /// indices are separated by other components, as in PyTorch).
    ///
    /// - Throws: `.index` for out-of-range integers (*"index 5 is out of bounds for dimension 0
    ///   with size 3"*) or too many indices, `.value` for a non-positive step.
    public func getItem(_ indices: [TensorIndex]) throws(TensorError) -> Tensor {
        // Ints and step-1 slices, one per dimension, of a float32 tensor: the block is copied row by row.
        if let plan = BlockPlan(indices, shape: shape), let block = block(plan) { return block }
        if let offsets = try fullMaskOffsets(indices) {
            return Tensor(uncheckedShape: [offsets.count], storage: try storage.gathered(offsets, for: [offsets.count]))
        }
        let plan = try indexPlan(indices)
        let shape = plan.resultShape
        _ = try TensorLimits.elementCount(of: shape)
        return Tensor(uncheckedShape: shape, storage: try storage.gathered(plan.offsets(), for: shape))
    }

    /// `tensor[indices] = value` (Python's `__setitem__`): the selected elements become `value`.
    public mutating func setItem(_ indices: [TensorIndex], to value: Scalar) throws(TensorError) {
        if setFloatElement(indices, value) { return }
        try setItem(indices, to: .scalar(value))
    }

    /// `tensor[indices] = values`: `values` is broadcast to the shape of the selection and
    /// converted to this tensor's type.
    ///
    /// Not optimized: Swift 6.3's CopyPropagation pass stops the release build on this function
    /// ("Found outside of lifetime use", a borrow of the storage switched on after its end).
    @_optimize(none)
    public mutating func setItem(_ indices: [TensorIndex], to values: Tensor) throws(TensorError) {
        let maskOffsets = try fullMaskOffsets(indices)
        if let offsets = maskOffsets, values.count == 1 {
            let value = values.storage.scalar(at: 0)
            let fill = try AdmittedStorage.repeating(value, count: offsets.count, dtype: dtype, for: [offsets.count])
            try storage.scatter(fill.storage, to: offsets, for: shape)
            return
        }
        let plan = try indexPlan(indices)
        let shape = plan.resultShape
        _ = try TensorLimits.elementCount(of: shape)
        guard (try? Broadcasting.shape(values.shape, shape)) == shape else {
            throw .shape(
                "shape mismatch: value tensor of shape \(formatShape(values.shape)) cannot be broadcast to indexing result of shape \(formatShape(shape))"
            )
        }
        let source = try values.materialized(broadcastTo: shape)
        let offsets = try plan.offsets()
        try storage.scatter(source.storage, to: offsets, for: self.shape)
    }

    /// `torch.masked_fill(tensor, mask, value)`: a copy with `value` where `mask` is true
    /// (the mask broadcasts to the tensor's shape).
    public func maskedFill(_ mask: Tensor, _ value: Scalar) throws(TensorError) -> Tensor {
        guard mask.dtype == .bool else {
            throw .type("masked_fill_ only supports boolean masks, but got mask with dtype \(mask.dtype.rawValue)")
        }
        var result = self
        let fullMask = try mask.expand(shape)
        try result.setItem([.tensor(fullMask)], to: value)
        return result
    }

    /// `torch.index_select(tensor, dim, index)`: the entries of one dimension at the positions of
    /// a 1-D int64 tensor.
    public func indexSelect(dim: Int, index: Tensor) throws(TensorError) -> Tensor {
        guard index.dtype == .int64 || index.dtype == .int32, index.rank <= 1 else {
            throw .type("index_select(): Expected a 1-D int64 index tensor")
        }
        let axis = try normalizedDim(dim, rank: rank)
        if rank == 0 { return try getItem([.tensor(index)]) }
        return try getItem(Array(repeating: .all, count: axis) + [.tensor(index)])
    }

    /// For the common `X[mask]` with a bool mask of X's own shape, the offsets of the true
    /// elements (a fast path around the general plan); `nil` for any other subscript.
    /// - Throws: `.memory` when room for an offset per mask element does not fit.
    func fullMaskOffsets(_ indices: [TensorIndex]) throws(TensorError) -> [Int]? {
        guard indices.count == 1, case .tensor(let mask) = indices[0], mask.shape == shape,
            case .bool(let flags) = mask.storage
        else { return nil }
        try ElementBuffer.admit(flags.count, of: Int.self, for: mask.shape)
        return flags.withUnsafeBufferPointer { buffer in
            // A Bool is one byte holding 0 or 1; reading it as a number keeps the loop free of
            // branches, which random masks would mispredict half the time.
            buffer.withMemoryRebound(to: UInt8.self) { bytes in
                Array(unsafeUninitializedCapacity: bytes.count) { offsets, selected in
                    var next = 0
                    for index in 0..<bytes.count {
                        offsets[next] = index
                        next &+= Int(bytes[index])
                    }
                    selected = next
                }
            }
        }
    }

    func indexPlan(_ indices: [TensorIndex]) throws(TensorError) -> IndexPlan {
        let ellipses = indices.filter { $0 == .ellipsis }.count
        guard ellipses <= 1 else { throw .index("an index can only have a single ellipsis ('...')") }
        let consumed = indices.reduce(0) { $0 + $1.consumedDims }
        guard consumed <= rank else {
            throw .index("too many indices for tensor of dimension \(rank)")
        }
        var expanded: [TensorIndex] = []
        for index in indices {
            if index == .ellipsis {
                expanded += Array(repeating: .all, count: rank - consumed)
            } else {
                expanded.append(index)
            }
        }
        if ellipses == 0 { expanded += Array(repeating: .all, count: rank - consumed) }

        let strides = Layout.contiguousStrides(shape)
        var plan = IndexPlan()
        var dim = 0
        // Tensor indices: one int64 position tensor and one stride per indexed dimension.
        var advanced: [(positions: Tensor, stride: Int)] = []
        var advancedSlots: [Int] = []  // positions among the non-integer components
        var slot = 0
        for index in expanded {
            switch index {
            case .int(let value):
                plan.base += try checkedIndex(value, size: shape[dim], dim: dim) * strides[dim]
                dim += 1
                continue
            case .slice(let start, let stop, let step):
                let (first, count) = try resolvedSlice(start: start, stop: stop, step: step, size: shape[dim])
                // With two or more entries the step is at most the size, so this cannot overflow.
                let spacing = count > 1 ? strides[dim] * (step ?? 1) : 0
                plan.axes.append((0..<count).map { (first * strides[dim]) + $0 * spacing })
                plan.axisShapes.append([count])
                dim += 1
            case .newAxis:
                plan.axes.append([0])
                plan.axisShapes.append([1])
            case .ellipsis:
                break
            case .tensor(let tensor):
                advancedSlots.append(slot)
                for (offset, positions) in try positionTensors(tensor, startingAt: dim).enumerated() {
                    advanced.append((positions, strides[dim + offset]))
                }
                dim += tensor.dtype == .bool ? tensor.rank : 1
            }
            slot += 1
        }
        guard !advanced.isEmpty else { return plan }

        var indexShape: [Int] = []
        for entry in advanced { indexShape = try Broadcasting.shape(indexShape, entry.positions.shape) }
        _ = try TensorLimits.elementCount(of: indexShape)
        var combined = Array(repeating: 0, count: indexShape.reduce(1, &*))
        for entry in advanced {
            guard case .int64(let positions) = try entry.positions.materialized(broadcastTo: indexShape).storage else {
                continue
            }
            for index in combined.indices { combined[index] += Int(positions[index]) * entry.stride }
        }
        let adjacent = zip(advancedSlots, advancedSlots.dropFirst()).allSatisfy { $1 == $0 + 1 }
        // Slots count non-integer components, so the first slot is where the group goes.
        let insertAt = adjacent ? advancedSlots[0] : 0
        let position = Swift.min(insertAt, plan.axes.count)
        plan.axes.insert(combined, at: position)
        plan.axisShapes.insert(indexShape, at: position)
        return plan
    }

    /// Turns one tensor index into checked, non-negative int64 positions per indexed dimension:
    /// a mask over `k` dimensions gives `k` position tensors (like `nonzero`).
    private func positionTensors(_ index: Tensor, startingAt dim: Int) throws(TensorError) -> [Tensor] {
        switch index.storage {
        case .bool(let mask):
            for (offset, size) in index.shape.enumerated() where size != shape[dim + offset] {
                throw .index(
                    "The shape of the mask \(formatShape(index.shape)) at index \(offset) does not match the shape of the indexed tensor \(formatShape(shape)) at index \(dim + offset)"
                )
            }
            let maskStrides = Layout.contiguousStrides(index.shape)
            try ElementBuffer.admit(mask.count, of: Int.self, for: index.shape)
            let selected = mask.indices.filter { mask[$0] }
            var tensors: [Tensor] = []
            for axis in index.shape.indices {
                let positions = try ElementBuffer.map(selected, for: [selected.count]) {
                    Int64(($0 / maskStrides[axis]) % index.shape[axis])
                }
                tensors.append(Tensor(uncheckedShape: [positions.count], storage: .int64(positions)))
            }
            return tensors
        case .int64(let positions):
            let size = shape[dim]
            var checked = try copyElements(positions, for: index.shape)
            for (position, value) in positions.enumerated() {
                guard value >= -Int64(size) && value < Int64(size) else {
                    throw .index("index \(value) is out of bounds for dimension \(dim) with size \(size)")
                }
                if value < 0 { checked[position] = value + Int64(size) }
            }
            return [Tensor(uncheckedShape: index.shape, storage: .int64(checked))]
        case .int32:
            return try positionTensors(index.long(), startingAt: dim)
        case .float32:
            throw .index("tensors used as indices must be long, int, byte or bool tensors")
        }
    }
}
