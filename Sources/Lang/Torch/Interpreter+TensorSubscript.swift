import Tensors

extension Interpreter {
    /// `tensor[a:b, i, …]`: the parts are evaluated in Python's order, and when they are all ints
    /// or step-1 slices of ints the block is copied without building slice objects; otherwise
    /// the evaluated parts go to the general subscript.
    func tensorSubscript(_ box: TensorBox, _ items: [Expr]) throws(PyError) -> Value {
        // The shape only: the elements stay in the box until the block is copied out of them.
        let shape = box.tensor.shape
        guard !tracks(box), items.count == shape.count, items.count <= BlockPlan.capacity else {
            return try getItem(.tensor(box), .tuple(try evaluateItems(items)))
        }
        var plan = BlockPlan()
        var values: [Value] = []
        for position in items.indices {
            switch items[position].kind {
            case .slice(let lower, let upper, let step):
                let start = try evaluateOptional(lower)
                let stop = try evaluateOptional(upper)
                let stride = try evaluateOptional(step)
                if values.isEmpty, let entry = FastIndexing.sliceEntry(start, stop, stride, size: shape[position]) {
                    plan.append(entry)
                    continue
                }
                if values.isEmpty { values = try replay(plan, items) }
                values.append(.slice(SliceBox(start, stop, stride)))
            case .starred:
                // `X[*rows]`: the parts so far rebuilt, the rest expanded in order as a display does.
                if values.isEmpty { values = try replay(plan, items) }
                values += try evaluateItems(Array(items[position...]))
                return try getItem(.tensor(box), .tuple(values))
            default:
                let value = try evaluate(items[position])
                if values.isEmpty, let entry = FastIndexing.intEntry(value, size: shape[position]) {
                    plan.append(entry)
                    continue
                }
                if values.isEmpty { values = try replay(plan, items) }
                values.append(value)
            }
        }
        if values.isEmpty {
            // The spare box (see `spareTensorBox`) and its buffer take the block when there is one.
            let spare = spareTensorBox
            spareTensorBox = nil
            var buffer: [Float]?
            if let spare {
                // Always float32: `recycle` keeps no other kind, and no program can reach the box.
                var floats: [Float] = []
                _ = try? spare.tensor.withMutableFloats { swap(&floats, &$0) }
                buffer = consume floats
            }
            if let fast = box.tensor.block(plan, reusableShape: lastBlockShape, buffer: buffer.take()) {
                lastBlockShape = fast.shape
                guard let spare else { return .tensor(fast) }
                spare.tensor = fast
                return .tensor(spare)
            }
        }
        if values.isEmpty { values = try replay(plan, items) }
        return try getItem(.tensor(box), .tuple(values))
    }

    /// The interpreter values of the parts already planned (ints and plain slices), rebuilt
    /// without evaluating anything again.
    private func replay(_ plan: BlockPlan, _ items: [Expr]) throws(PyError) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(items.count)
        for dim in 0..<plan.count {
            let first = plan.first(dim)
            values.append(
                plan.keeps(dim) ? .slice(SliceBox(.int(first), .int(first + plan.extent(dim)), .none)) : .int(first))
        }
        return values
    }

    /// `tensor[i, j, …] = value` for a float32 tensor: the index parts are evaluated in order and
    /// folded into an element offset while they are in-range ints; at the first other part the
    /// ints so far are rebuilt (nothing is evaluated twice) and the general assignment runs.
    func assignTensorSubscript(_ box: TensorBox, _ items: [Expr], _ value: Value) throws(PyError) {
        let shape = box.tensor.shape
        guard !tracks(box), box.tensor.dtype == .float32, items.count == shape.count else {
            return try setItem(.tensor(box), .tuple(try evaluateItems(items)), value)
        }
        var offset = 0
        for position in items.indices {
            if case .starred = items[position].kind {
                // `Y[*rows] = v`: the ints so far rebuilt, the rest expanded in order.
                var values = positions(of: offset, in: shape[..<position]).map { Value.int($0) }
                values += try evaluateItems(Array(items[position...]))
                return try setItem(.tensor(box), .tuple(values), value)
            }
            let part = try evaluate(items[position])
            if let entry = FastIndexing.intEntry(part, size: shape[position]) {
                offset = offset * shape[position] + entry.first
                continue
            }
            var values = positions(of: offset, in: shape[..<position]).map { Value.int($0) }
            values.append(part)
            values += try evaluateItems(Array(items[(position + 1)...]))
            return try setItem(.tensor(box), .tuple(values), value)
        }
        if let element = try elementValue(value), !tracks(value) {
            box.noteInPlaceChange()
            try engine { () throws(TensorError) in try box.tensor.withMutableFloats { $0[offset] = element } }
            return
        }
        try setItem(.tensor(box), .tuple(positions(of: offset, in: shape[...]).map { Value.int($0) }), value)
    }

    /// The row-major index of `offset` in a block of `shape` (every size positive).
    private func positions(of offset: Int, in shape: ArraySlice<Int>) -> [Int] {
        var result = [Int](repeating: 0, count: shape.count)
        var remaining = offset
        for dim in shape.indices.reversed() {
            result[dim - shape.startIndex] = remaining % shape[dim]
            remaining /= shape[dim]
        }
        return result
    }
}
