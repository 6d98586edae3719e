extension Tensor {
    /// `torch.max(tensor)`: the largest element as a 0-d tensor (NaN if any element is NaN).
    public func max() throws(TensorError) -> Tensor {
        guard count > 0 else {
            throw .shape(
                "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."
            )
        }
        return try extremum(dim: nil, keepdim: false, largest: true).values
    }

    /// `torch.min(tensor)`: the smallest element as a 0-d tensor (NaN if any element is NaN).
    public func min() throws(TensorError) -> Tensor {
        guard count > 0 else {
            throw .shape(
                "min(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument."
            )
        }
        return try extremum(dim: nil, keepdim: false, largest: false).values
    }

    /// `torch.max(tensor, dim, keepdim)`: the largest entries along `dim` and their positions
    /// (the first one on ties).
    public func max(dim: Int, keepdim: Bool = false) throws(TensorError) -> (values: Tensor, indices: Tensor) {
        try extremum(dim: dim, keepdim: keepdim, largest: true, name: "max")
    }

    /// `torch.min(tensor, dim, keepdim)`: the smallest entries along `dim` and their positions.
    public func min(dim: Int, keepdim: Bool = false) throws(TensorError) -> (values: Tensor, indices: Tensor) {
        try extremum(dim: dim, keepdim: keepdim, largest: false, name: "min")
    }

    /// `torch.argmax(tensor, dim, keepdim)`: positions of the largest entries; without `dim`, the
    /// position in the flattened tensor.
    public func argmax(dim: Int? = nil, keepdim: Bool = false) throws(TensorError) -> Tensor {
        try extremum(dim: dim, keepdim: keepdim, largest: true, name: "argmax").indices
    }

    /// `torch.argmin(tensor, dim, keepdim)`: positions of the smallest entries.
    public func argmin(dim: Int? = nil, keepdim: Bool = false) throws(TensorError) -> Tensor {
        try extremum(dim: dim, keepdim: keepdim, largest: false, name: "argmin").indices
    }

    /// `torch.amax(tensor, dims, keepdim)`: the largest entries over several dimensions.
    public func amax(dims: [Int]? = nil, keepdim: Bool = false) throws(TensorError) -> Tensor {
        try extremumValues(dims: dims, keepdim: keepdim, largest: true)
    }

    /// `torch.amin(tensor, dims, keepdim)`: the smallest entries over several dimensions.
    public func amin(dims: [Int]? = nil, keepdim: Bool = false) throws(TensorError) -> Tensor {
        try extremumValues(dims: dims, keepdim: keepdim, largest: false)
    }

    private func extremumValues(dims: [Int]?, keepdim: Bool, largest: Bool) throws(TensorError) -> Tensor {
        let rows = try reductionRows(dims, keepdim: keepdim)
        guard rows.inner > 0 || rows.outer == 0 else {
            throw .shape("\(largest ? "amax" : "amin")(): Expected reduction dim to have non-zero size.")
        }
        // The rows are this tensor's storage or its permuted copy, both admitted when made.
        let flat = Tensor(
            uncheckedShape: [rows.outer, rows.inner], storage: AdmittedStorage(alreadyAdmitted: rows.storage))
        var values = try flat.extremum(dim: 1, keepdim: false, largest: largest).values
        values.setShapeUnchecked(rows.outShape)
        return values
    }

    private func extremum(
        dim: Int?, keepdim: Bool, largest: Bool, name: String = "max"
    ) throws(TensorError) -> (values: Tensor, indices: Tensor) {
        let rows = try reductionRows(dim.map { [$0] }, keepdim: keepdim)
        guard rows.inner > 0 || rows.outer == 0 else {
            if let dim {
                throw .index("\(name)(): Expected reduction dim \(dim) to have non-zero size.")
            }
            throw .shape("\(name)(): Expected reduction dim to be specified for input.numel() == 0.")
        }
        var outShape = rows.outShape
        if dim == nil && keepdim { outShape = Array(repeating: 1, count: rank) }
        switch rows.storage {
        case .int32:
            let found = try long().extremum(dim: dim, keepdim: keepdim, largest: largest, name: name)
            return (try found.values.to(.int32), found.indices)
        case .float32(let values):
            let found = try reduceRows(values, rows) { bestFloat($0, largest: largest) }
            return (
                Tensor(
                    uncheckedShape: outShape,
                    storage: .float32(try ElementBuffer.map(found.array, for: outShape) { $0.value })),
                Tensor(
                    uncheckedShape: outShape,
                    storage: .int64(try ElementBuffer.map(found.array, for: outShape) { Int64($0.index) }))
            )
        case .int64(let values):
            let found = try reduceRows(values, rows) { bestInteger($0, largest: largest) }
            return (
                Tensor(
                    uncheckedShape: outShape,
                    storage: .int64(try ElementBuffer.map(found.array, for: outShape) { $0.value })),
                Tensor(
                    uncheckedShape: outShape,
                    storage: .int64(try ElementBuffer.map(found.array, for: outShape) { Int64($0.index) }))
            )
        case .bool(let values):
            let found = try reduceRows(ElementBuffer.map(values, for: shape) { $0 ? Int64(1) : 0 }.array, rows) {
                bestInteger($0, largest: largest)
            }
            return (
                Tensor(
                    uncheckedShape: outShape,
                    storage: .bool(try ElementBuffer.map(found.array, for: outShape) { $0.value != 0 })),
                Tensor(
                    uncheckedShape: outShape,
                    storage: .int64(try ElementBuffer.map(found.array, for: outShape) { Int64($0.index) }))
            )
        }
    }
}

/// The first largest (or smallest) element of a row and its position in the row; the first NaN
/// wins, as NaN propagates in PyTorch.
private func bestFloat(_ row: ArraySlice<Float>, largest: Bool) -> (value: Float, index: Int) {
    var best = row[row.startIndex]
    var bestIndex = 0
    if best.isNaN { return (best, 0) }
    for (position, value) in row.enumerated().dropFirst() {
        if value.isNaN { return (value, position) }
        if largest ? value > best : value < best {
            best = value
            bestIndex = position
        }
    }
    return (best, bestIndex)
}

private func bestInteger(_ row: ArraySlice<Int64>, largest: Bool) -> (value: Int64, index: Int) {
    var best = row[row.startIndex]
    var bestIndex = 0
    for (position, value) in row.enumerated().dropFirst() where largest ? value > best : value < best {
        best = value
        bestIndex = position
    }
    return (best, bestIndex)
}
