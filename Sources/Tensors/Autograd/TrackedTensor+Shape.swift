extension TrackedTensor {
    /// An operation that only rearranges elements into `result`; `back` maps the output gradient
    /// to the input's layout.
    func rearranged(
        _ name: String, _ result: Tensor, back: @escaping (Tensor) throws(TensorError) -> Tensor
    ) -> TrackedTensor {
        Self.record(name, result, inputs: [self]) { g, _ throws(TensorError) in [try back(g)] }
    }

    /// `reshape`, `view`, `flatten`, `squeeze`, `unsqueeze`: the gradient takes the input's shape back.
    public func reshaped(_ name: String, _ result: Tensor) -> TrackedTensor {
        let shape = tensor.shape
        return rearranged(name, result) { g throws(TensorError) in try g.reshape(shape) }
    }

    /// `x.reshape(shape)`.
    public func reshape(_ newShape: [Int]) throws(TensorError) -> TrackedTensor {
        reshaped("ViewBackward0", try tensor.reshape(newShape))
    }

    /// `x.permute(dims)`: the gradient goes through the inverse permutation.
    public func permute(_ dims: [Int]) throws(TensorError) -> TrackedTensor {
        let result = try tensor.permute(dims)
        let order = try normalizedDims(dims, rank: tensor.rank)
        var inverse = Array(repeating: 0, count: order.count)
        for (position, dim) in order.enumerated() { inverse[dim] = position }
        return rearranged("PermuteBackward0", result) { g throws(TensorError) in try g.permute(inverse) }
    }

    /// `x.transpose(a, b)`.
    public func transpose(_ a: Int, _ b: Int) throws(TensorError) -> TrackedTensor {
        let result = try tensor.transpose(a, b)
        return rearranged("TransposeBackward0", result) { g throws(TensorError) in try g.transpose(a, b) }
    }

    /// `x.t()`.
    public func t() throws(TensorError) -> TrackedTensor {
        let result = try tensor.t()
        return rearranged("TBackward0", result) { g throws(TensorError) in try g.t() }
    }

    /// `x.expand(sizes)`: the gradient sums over the repeated entries.
    public func expand(_ sizes: [Int]) throws(TensorError) -> TrackedTensor {
        let result = try tensor.expand(sizes)
        let shape = tensor.shape
        return rearranged("ExpandBackward0", result) { g throws(TensorError) in try g.summed(toShape: shape) }
    }

    /// `x.flip(dims)`.
    public func flip(_ dims: [Int]) throws(TensorError) -> TrackedTensor {
        let result = try tensor.flip(dims)
        return rearranged("FlipBackward0", result) { g throws(TensorError) in try g.flip(dims) }
    }

    /// `x.repeat(sizes)`: the gradient sums the tiles.
    public func `repeat`(_ sizes: [Int]) throws(TensorError) -> TrackedTensor {
        let result = try tensor.repeat(sizes)
        let shape = tensor.shape
        return rearranged("RepeatBackward0", result) { g throws(TensorError) in
            // View the gradient as (tiles, size) pairs per dimension and sum the tile axes.
            let lead = sizes.count - shape.count
            let padded = Array(repeating: 1, count: lead) + shape
            var split: [Int] = []
            var tileAxes: [Int] = []
            for (dim, size) in padded.enumerated() {
                tileAxes.append(split.count)
                split.append(sizes[dim])
                split.append(size)
            }
            return try g.reshape(split).sum(dims: tileAxes).reshape(shape)
        }
    }

    /// `x[indices]`: the gradient lands on the selected elements (summed where an index repeats).
    public func getItem(_ indices: [TensorIndex]) throws(TensorError) -> TrackedTensor {
        let result = try tensor.getItem(indices)
        let source = tensor
        return Self.record("IndexBackward0", result, inputs: [self]) { g, _ throws(TensorError) in
            [try Tensor.indexGradient(g, indices: indices, of: source)]
        }
    }

    /// `x.narrow(dim, start, length)` and `x.select(dim, index)` go through ``getItem(_:)``.
    public func select(dim: Int, index: Int) throws(TensorError) -> TrackedTensor {
        let axis = try normalizedDim(dim, rank: tensor.rank)
        let indices = Array(repeating: TensorIndex.all, count: axis) + [.int(index)]
        let result = try getItem(indices)
        return TrackedTensor(result.tensor, node: result.node)
    }

    /// `F.pad(x, pad, value)`: the gradient is the gradient cropped by the same amounts.
    public func pad(_ amounts: [Int], value: Scalar = .int(0)) throws(TensorError) -> TrackedTensor {
        let result = try tensor.pad(amounts, value: value)
        let cropping = amounts.map { -$0 }
        return rearranged("ConstantPadNdBackward0", result) { g throws(TensorError) in try g.pad(cropping) }
    }

    /// `x.masked_fill(mask, value)`: filled positions get no gradient.
    public func maskedFill(_ mask: Tensor, _ value: Scalar) throws(TensorError) -> TrackedTensor {
        let result = try tensor.maskedFill(mask, value)
        return rearranged("MaskedFillBackward0", result) { g throws(TensorError) in
            try Tensor.where(mask, Tensor.scalar(.float(0)), g)
        }
    }

    /// `torch.cat(tensors, dim)`: each input gets its slice of the gradient.
    public static func cat(_ tensors: [TrackedTensor], dim: Int = 0) throws(TensorError) -> TrackedTensor {
        let result = try Tensor.cat(tensors.map(\.tensor), dim: dim)
        let axis = try normalizedDim(dim, rank: result.rank)
        let sizes = tensors.map { $0.tensor.rank == 0 ? 0 : ($0.tensor.rank > axis ? $0.tensor.shape[axis] : 0) }
        let shapes = tensors.map(\.shape)
        return record("CatBackward0", result, inputs: tensors) { g, needs throws(TensorError) in
            var start = 0
            var gradients: [Tensor?] = []
            for (index, size) in sizes.enumerated() {
                defer { start += size }
                // `cat` skips empty 1-D tensors; their gradient is empty too.
                guard needs[index] else {
                    gradients.append(nil)
                    continue
                }
                guard shapes[index].count == g.rank else {
                    gradients.append(try Tensor.zeros(shapes[index]))
                    continue
                }
                gradients.append(try g.narrow(dim: axis, start: start, length: size))
            }
            return gradients
        }
    }

    /// `torch.stack(tensors, dim)`: each input gets its slice of the gradient.
    public static func stack(_ tensors: [TrackedTensor], dim: Int = 0) throws(TensorError) -> TrackedTensor {
        let result = try Tensor.stack(tensors.map(\.tensor), dim: dim)
        let axis = try normalizedDim(dim, rank: result.rank)
        return record("StackBackward0", result, inputs: tensors) { g, needs throws(TensorError) in
            let slices = try g.unbind(dim: axis)
            return zip(slices, needs).map { $1 ? $0 : nil }
        }
    }
}

extension Tensor {
    /// The gradient of `source[indices]` for an output gradient `g`: zeros with `g` added at
    /// the selected positions.
    static func indexGradient(_ g: Tensor, indices: [TensorIndex], of source: Tensor) throws(TensorError) -> Tensor {
        let offsets: [Int]
        if let maskOffsets = try source.fullMaskOffsets(indices) {
            offsets = maskOffsets
        } else {
            offsets = try source.indexPlan(indices).offsets()
        }
        var result = try ElementBuffer.repeating(Float(0), count: source.count, for: source.shape)
        let values = try g.floats
        guard values.count == offsets.count else { throw .shape("autograd: index gradient has the wrong size") }
        for (position, offset) in offsets.enumerated() { result[offset] += values[position] }
        return Tensor(uncheckedShape: source.shape, storage: .float32(result))
    }
}

extension TrackedTensor {
    /// `x[indices] = value` as a recorded operation (PyTorch's `CopySlices`): the overwritten
    /// elements pass no gradient back to `x`; `value` gets the gradient of the positions it filled.
    public func settingItem(_ indices: [TensorIndex], to value: TrackedTensor) throws(TensorError) -> TrackedTensor {
        var result = tensor
        try result.setItem(indices, to: value.tensor)
        let valueShape = value.shape
        return Self.record("CopySlices", result, inputs: [self, value]) { g, needs throws(TensorError) in
            var gradients: [Tensor?] = [nil, nil]
            if needs[0] {
                var kept = g
                try kept.setItem(indices, to: .float(0))
                gradients[0] = kept
            }
            if needs[1] { gradients[1] = try g.getItem(indices).summed(toShape: valueShape) }
            return gradients
        }
    }
}
