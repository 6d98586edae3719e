extension Tensor {
    /// `tensor.reshape(shape)`: the same elements in a new shape; one size may be `-1` and is
    /// inferred from the others.
    ///
    /// - Throws: `.shape` when the sizes disagree (*"shape '[3, 5]' is invalid for input of size
    ///   12"*), `.value` for two `-1`s or a size below `-1`.
    public func reshape(_ newShape: [Int]) throws(TensorError) -> Tensor {
        let resolved = try inferredShape(newShape)
        try TensorLimits.checkRank(resolved)
        return Tensor(uncheckedShape: resolved, sharingStorageOf: self)
    }

    /// `tensor.view(shape)`: the same as ``reshape(_:)`` (storage is always contiguous here).
    public func view(_ newShape: [Int]) throws(TensorError) -> Tensor { try reshape(newShape) }

    /// `tensor.reshape_as(other)` / `view_as(other)`.
    public func reshapeAs(_ other: Tensor) throws(TensorError) -> Tensor { try reshape(other.shape) }

    /// `tensor.contiguous()`: storage is always contiguous, so this is the tensor itself.
    public func contiguous() -> Tensor { self }

    private func inferredShape(_ requested: [Int]) throws(TensorError) -> [Int] {
        // Made only when it is thrown: every reshape comes through here.
        let quoted = { "shape '\(formatShape(requested))' is invalid for input of size \(self.count)" }
        var inferredIndex: Int?
        var known = 1
        for (index, size) in requested.enumerated() {
            if size == -1 {
                guard inferredIndex == nil else { throw .value("only one dimension can be inferred") }
                inferredIndex = index
            } else if size < 0 {
                throw .value("invalid shape dimension \(size)")
            } else {
                let (product, overflow) = known.multipliedReportingOverflow(by: size)
                guard !overflow else { throw .shape(quoted()) }
                known = product
            }
        }
        var resolved = requested
        if let inferredIndex {
            guard known != 0, count % known == 0 else { throw .shape(quoted()) }
            resolved[inferredIndex] = count / known
        } else {
            guard known == count else { throw .shape(quoted()) }
        }
        return resolved
    }

    /// `torch.flatten(tensor, start_dim, end_dim)`: merges dimensions `startDim...endDim` into one.
    public func flatten(startDim: Int = 0, endDim: Int = -1) throws(TensorError) -> Tensor {
        if rank == 0 { return Tensor(uncheckedShape: [1], sharingStorageOf: self) }
        let start = try normalizedDim(startDim, rank: rank)
        let end = try normalizedDim(endDim, rank: rank)
        guard start <= end else {
            throw .value("flatten() has invalid args: start_dim cannot come after end_dim")
        }
        let merged = shape[start...end].reduce(1, &*)
        return Tensor(
            uncheckedShape: Array(shape[..<start]) + [merged] + Array(shape[(end + 1)...]), sharingStorageOf: self)
    }

    /// `tensor.squeeze()`: removes every dimension of size 1.
    public func squeeze() -> Tensor {
        Tensor(uncheckedShape: shape.filter { $0 != 1 }, sharingStorageOf: self)
    }

    /// `tensor.squeeze(dim)`: removes dimension `dim` if its size is 1, else returns the tensor.
    public func squeeze(dim: Int) throws(TensorError) -> Tensor {
        try squeeze(dims: [dim])
    }

    /// `tensor.squeeze(dims)`: removes those of the given dimensions whose size is 1.
    public func squeeze(dims: [Int]) throws(TensorError) -> Tensor {
        let removed = Set(try normalizedDims(dims, rank: rank))
        if rank == 0 { return self }
        let kept = shape.enumerated().filter { !(removed.contains($0.offset) && $0.element == 1) }.map(\.element)
        return Tensor(uncheckedShape: kept, sharingStorageOf: self)
    }

    /// `tensor.unsqueeze(dim)`: inserts a dimension of size 1 at `dim` (in `-rank-1...rank`).
    public func unsqueeze(_ dim: Int) throws(TensorError) -> Tensor {
        let position = try normalizedDim(dim, rank: rank + 1)
        var newShape = shape
        newShape.insert(1, at: position)
        try TensorLimits.checkRank(newShape)
        return Tensor(uncheckedShape: newShape, sharingStorageOf: self)
    }

    /// `tensor.permute(dims)`: reorders the dimensions; `dims` must be a permutation.
    public func permute(_ dims: [Int]) throws(TensorError) -> Tensor {
        guard dims.count == rank else {
            throw .shape(
                "permute(): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(rank) is not equal to len(dims) = \(dims.count)"
            )
        }
        let order = try normalizedDims(dims, rank: rank)
        if order == Array(0..<rank) { return self }
        let strides = Layout.contiguousStrides(shape)
        let newShape = order.map { shape[$0] }
        return Tensor(
            uncheckedShape: newShape, storage: try storage.permuted(shape: newShape, strides: order.map { strides[$0] })
        )
    }

    /// `tensor.transpose(dim0, dim1)`: swaps two dimensions.
    public func transpose(_ dim0: Int, _ dim1: Int) throws(TensorError) -> Tensor {
        if rank == 0 {
            _ = try normalizedDim(dim0, rank: 0)
            _ = try normalizedDim(dim1, rank: 0)
            return self
        }
        let first = try normalizedDim(dim0, rank: rank)
        let second = try normalizedDim(dim1, rank: rank)
        var order = Array(0..<rank)
        order.swapAt(first, second)
        return try permute(order)
    }

    /// `tensor.t()`: transposes a 2-D tensor; 0-D and 1-D tensors are returned as is.
    public func t() throws(TensorError) -> Tensor {
        guard rank <= 2 else {
            throw .shape("t() expects a tensor with <= 2 dimensions, but self is \(rank)D")
        }
        return rank == 2 ? try transpose(0, 1) : self
    }

    /// `tensor.T`: all dimensions in reverse order (the transpose of a matrix).
    public func reversedDims() -> Tensor {
        // Reversing 0..<rank is always a valid permutation.
        (try? permute(Array((0..<rank).reversed()))) ?? self
    }

    /// `tensor.repeat(sizes)`: tiles the tensor `sizes[i]` times along each dimension; extra
    /// leading sizes add dimensions.
    public func `repeat`(_ sizes: [Int]) throws(TensorError) -> Tensor {
        guard sizes.count >= rank else {
            throw .shape(
                "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
        }
        guard sizes.allSatisfy({ $0 >= 0 }) else {
            throw .value("Trying to create tensor with negative dimension: \(formatShape(sizes))")
        }
        let padded = Array(repeating: 1, count: sizes.count - rank) + shape
        var interleavedSource: [Int] = []
        var interleavedTarget: [Int] = []
        var resultShape: [Int] = []
        for (times, size) in zip(sizes, padded) {
            interleavedSource += [1, size]
            interleavedTarget += [times, size]
            let (product, overflow) = times.multipliedReportingOverflow(by: size)
            guard !overflow else { throw TensorError(.limit, "repeat: the result size overflows") }
            resultShape.append(product)
        }
        _ = try TensorLimits.checkedElementCount(of: resultShape)
        let tiled = try Tensor(uncheckedShape: interleavedSource, sharingStorageOf: self).materialized(
            broadcastTo: interleavedTarget)
        return Tensor(uncheckedShape: resultShape, sharingStorageOf: tiled)
    }

    /// `tensor.expand(sizes)`: repeats dimensions of size 1 (and new leading dimensions) to reach
    /// `sizes`; `-1` keeps a dimension's size.
    public func expand(_ sizes: [Int]) throws(TensorError) -> Tensor {
        guard sizes.count >= rank else {
            throw .shape(
                "expand: the number of sizes provided (\(sizes.count)) must be greater or equal to the number of dimensions in the tensor (\(rank))"
            )
        }
        let lead = sizes.count - rank
        var target = sizes
        for (dim, size) in sizes.enumerated() {
            if dim < lead {
                guard size >= 0 else {
                    throw .value(
                        "expand: the expanded size of the tensor (\(size)) isn't allowed in a leading, non-existing dimension \(dim)"
                    )
                }
                continue
            }
            let existing = shape[dim - lead]
            if size == -1 {
                target[dim] = existing
            } else if existing != size && existing != 1 {
                throw .shape(
                    "The expanded size of the tensor (\(size)) must match the existing size (\(existing)) at non-singleton dimension \(dim).  Target sizes: \(formatShape(sizes)).  Tensor sizes: \(formatShape(shape))"
                )
            } else if size < 0 {
                throw .value("expand: invalid size \(size) at dimension \(dim)")
            }
        }
        _ = try TensorLimits.elementCount(of: target)
        return try materialized(broadcastTo: target)
    }

    /// `tensor.expand_as(other)`.
    public func expandAs(_ other: Tensor) throws(TensorError) -> Tensor { try expand(other.shape) }

    /// `torch.broadcast_to(tensor, shape)`.
    public func broadcastTo(_ target: [Int]) throws(TensorError) -> Tensor { try expand(target) }

    /// `tensor.flip(dims)`: reverses the order of elements along the given dimensions.
    public func flip(_ dims: [Int]) throws(TensorError) -> Tensor {
        let flipped = Set(try normalizedDims(dims, rank: rank))
        guard rank > 0, !flipped.isEmpty else { return self }
        let strides = Layout.contiguousStrides(shape)
        var base = 0
        var newStrides = strides
        for dim in flipped where shape[dim] > 0 {
            base += (shape[dim] - 1) * strides[dim]
            newStrides[dim] = -strides[dim]
        }
        return Tensor(
            uncheckedShape: shape,
            storage: try storage.gathered(Layout.offsets(shape: shape, strides: newStrides, base: base), for: shape))
    }

    /// `tensor.narrow(dim, start, length)`: `length` consecutive entries of one dimension.
    public func narrow(dim: Int, start: Int, length: Int) throws(TensorError) -> Tensor {
        guard rank > 0 else { throw .index("narrow() cannot be applied to a 0-dim tensor.") }
        let axis = try normalizedDim(dim, rank: rank)
        let size = shape[axis]
        let begin = start < 0 ? start + size : start
        guard begin >= 0, begin <= size else {
            throw .index("start out of range (expected to be in range of [\(-size), \(size)], but got \(start))")
        }
        guard length >= 0, length <= size - begin else {
            throw .index("start (\(begin)) + length (\(length)) exceeds dimension size (\(size)).")
        }
        return try sliced(axis: axis, start: begin, count: length, step: 1)
    }

    /// `tensor.select(dim, index)`: one entry of a dimension, which disappears.
    public func select(dim: Int, index: Int) throws(TensorError) -> Tensor {
        guard rank > 0 else { throw .index("select() cannot be applied to a 0-dim tensor.") }
        let axis = try normalizedDim(dim, rank: rank)
        let position = try checkedIndex(index, size: shape[axis], dim: axis)
        var result = try sliced(axis: axis, start: position, count: 1, step: 1)
        var newShape = result.shape
        newShape.remove(at: axis)
        result.setShapeUnchecked(newShape)
        return result
    }

    /// `count` entries of dimension `axis` starting at `start`, `step` apart.
    /// - Precondition: the entries exist.
    func sliced(axis: Int, start: Int, count entries: Int, step: Int) throws(TensorError) -> Tensor {
        var newShape = shape
        newShape[axis] = entries
        if step == 1 {
            // Contiguous storage: a step-1 slice is one run of rows per outer index, copied whole
            // (`for x in X`, `X[i]`, `zip(X, K)` take this path on every item).
            var outer = 1
            for dim in 0..<axis { outer &*= shape[dim] }
            var inner = 1
            for dim in (axis + 1)..<shape.count { inner &*= shape[dim] }
            return Tensor(
                uncheckedShape: newShape,
                storage: try storage.copiedRuns(
                    outer: outer, sourceRow: shape[axis] &* inner, first: start &* inner, length: entries &* inner,
                    for: newShape))
        }
        let strides = Layout.contiguousStrides(shape)
        var newStrides = strides
        newStrides[axis] = strides[axis] * step
        let offsets = try Layout.offsets(shape: newShape, strides: newStrides, base: start * strides[axis])
        return Tensor(uncheckedShape: newShape, storage: try storage.gathered(offsets, for: newShape))
    }

    /// Normalizes a possibly negative index into a dimension of `size` entries.
    func checkedIndex(_ index: Int, size: Int, dim: Int) throws(TensorError) -> Int {
        guard index >= -size && index < size else {
            throw .index("index \(index) is out of bounds for dimension \(dim) with size \(size)")
        }
        return index < 0 ? index + size : index
    }
}
