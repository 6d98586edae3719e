extension Tensor {
    /// `torch.cat(tensors, dim)`: joins tensors along an existing dimension; the result type is
    /// the promotion of all inputs. 1-D empty tensors are skipped, as in PyTorch.
    public static func cat(_ tensors: [Tensor], dim: Int = 0) throws(TensorError) -> Tensor {
        guard !tensors.isEmpty else { throw .value("torch.cat(): expected a non-empty list of Tensors") }
        if let position = tensors.firstIndex(where: { $0.rank == 0 }) {
            throw .shape("zero-dimensional tensor (at position \(position)) cannot be concatenated")
        }
        let resultType = tensors.dropFirst().reduce(tensors[0].dtype) { DType.promoted($0, $1.dtype) }
        let parts = tensors.enumerated().filter { !($0.element.rank == 1 && $0.element.count == 0) }
        guard let reference = parts.first?.element else {
            return Tensor(uncheckedShape: [0], storage: try AdmittedStorage.scalars([], dtype: resultType, for: [0]))
        }
        let axis = try normalizedDim(dim, rank: reference.rank)
        var joinedSize = 0
        for (position, tensor) in parts {
            guard tensor.rank == reference.rank else {
                throw .shape(
                    "Tensors must have same number of dimensions: got \(reference.rank) and \(tensor.rank)")
            }
            for d in 0..<tensor.rank where d != axis && tensor.shape[d] != reference.shape[d] {
                throw .shape(
                    "Sizes of tensors must match except in dimension \(axis). Expected size \(reference.shape[d]) but got size \(tensor.shape[d]) for tensor number \(position) in the list."
                )
            }
            joinedSize += tensor.shape[axis]
        }
        var outShape = reference.shape
        outShape[axis] = joinedSize
        _ = try TensorLimits.elementCount(of: outShape)
        let outer = reference.shape[..<axis].reduce(1, &*)
        let inner = reference.shape[(axis + 1)...].reduce(1, &*)
        let chunkSizes = parts.map { $0.element.shape[axis] * inner }
        var storages: [TensorStorage] = []
        for part in parts {
            storages.append(try part.element.storage.converted(to: resultType, for: part.element.shape).storage)
        }
        let storage: AdmittedStorage
        switch resultType {
        case .float32:
            storage = .float32(
                try interleave(
                    storages.map { if case .float32(let v) = $0 { v } else { [] } }, chunkSizes, outer, for: outShape))
        case .int32:
            storage = .int32(
                try interleave(
                    storages.map { if case .int32(let v) = $0 { v } else { [] } }, chunkSizes, outer, for: outShape))
        case .int64:
            storage = .int64(
                try interleave(
                    storages.map { if case .int64(let v) = $0 { v } else { [] } }, chunkSizes, outer, for: outShape))
        case .bool:
            storage = .bool(
                try interleave(
                    storages.map { if case .bool(let v) = $0 { v } else { [] } }, chunkSizes, outer, for: outShape))
        }
        return Tensor(uncheckedShape: outShape, storage: storage)
    }

    /// For each of `outer` rounds, appends the next `chunkSizes[i]` elements of every array `i`.
    /// The result is admitted for a tensor of `shape`.
    private static func interleave<Element>(
        _ arrays: [[Element]], _ chunkSizes: [Int], _ outer: Int, for shape: [Int]
    ) throws(TensorError) -> AdmittedElements<Element> {
        try ElementBuffer.make(arrays.reduce(0) { $0 + $1.count }, for: shape) {
            (result: UnsafeMutableBufferPointer<Element>) in
            var next = 0
            for round in 0..<outer {
                for (array, size) in zip(arrays, chunkSizes) {
                    for element in array[(round * size)..<((round + 1) * size)] {
                        (result.baseAddress! + next).initialize(to: element)
                        next += 1
                    }
                }
            }
        }
    }

    /// `torch.stack(tensors, dim)`: joins same-shaped tensors along a new dimension.
    public static func stack(_ tensors: [Tensor], dim: Int = 0) throws(TensorError) -> Tensor {
        guard let first = tensors.first else { throw .value("stack expects a non-empty TensorList") }
        for (position, tensor) in tensors.enumerated() where tensor.shape != first.shape {
            throw .shape(
                "stack expects each tensor to be equal size, but got \(formatShape(first.shape)) at entry 0 and \(formatShape(tensor.shape)) at entry \(position)"
            )
        }
        let axis = try normalizedDim(dim, rank: first.rank + 1)
        var expanded: [Tensor] = []
        for tensor in tensors { expanded.append(try tensor.unsqueeze(axis)) }
        return try cat(expanded, dim: axis)
    }

    /// `torch.unbind(tensor, dim)`: the slices along `dim`, each without that dimension.
    public func unbind(dim: Int = 0) throws(TensorError) -> [Tensor] {
        guard rank > 0 else { throw .index("Dimension specified as \(dim) but tensor has no dimensions") }
        let axis = try normalizedDim(dim, rank: rank)
        var pieces: [Tensor] = []
        for index in 0..<shape[axis] { pieces.append(try select(dim: axis, index: index)) }
        return pieces
    }

    /// `torch.split(tensor, split_size, dim)`: pieces of `size` entries along `dim` (the last may
    /// be smaller).
    public func split(_ size: Int, dim: Int = 0) throws(TensorError) -> [Tensor] {
        guard rank > 0 else { throw .index("split expects at least a 1-dimensional tensor") }
        guard size >= 0 else { throw .value("split expects split_size be non-negative, but got split_size=\(size)") }
        let axis = try normalizedDim(dim, rank: rank)
        let total = shape[axis]
        guard size > 0 else {
            guard total == 0 else {
                throw .value("split_size can only be 0 if dimension size is 0, but got dimension size of \(total)")
            }
            return [self]
        }
        let pieces = total == 0 ? 1 : (total - 1) / size + 1
        var pieceTensors: [Tensor] = []
        for piece in 0..<pieces {
            let start = piece * size
            pieceTensors.append(try sliced(axis: axis, start: start, count: Swift.min(size, total - start), step: 1))
        }
        return pieceTensors
    }

    /// `torch.split(tensor, [sizes], dim)`: pieces of the given sizes, which must add up to the
    /// dimension's size.
    public func split(sizes: [Int], dim: Int = 0) throws(TensorError) -> [Tensor] {
        guard rank > 0 else { throw .index("split expects at least a 1-dimensional tensor") }
        let axis = try normalizedDim(dim, rank: rank)
        var total = 0
        var overflowed = false
        for size in sizes {
            let (sum, overflow) = total.addingReportingOverflow(size)
            overflowed = overflowed || overflow || size < 0
            total = sum
        }
        guard !overflowed, total == shape[axis] else {
            throw .value(
                "split_with_sizes expects split_sizes to sum exactly to \(shape[axis]) (input tensor's size at dimension \(axis)), but got split_sizes=\(formatShape(sizes))"
            )
        }
        var start = 0
        var pieces: [Tensor] = []
        for size in sizes {
            pieces.append(try sliced(axis: axis, start: start, count: size, step: 1))
            start += size
        }
        return pieces
    }

    /// `torch.chunk(tensor, chunks, dim)`: at most `chunks` pieces of equal size (the last may be
    /// smaller), as PyTorch splits them.
    public func chunk(_ chunks: Int, dim: Int = 0) throws(TensorError) -> [Tensor] {
        guard chunks > 0 else { throw .value("chunk expects `chunks` to be greater than 0, got: \(chunks)") }
        guard rank > 0 else { throw .index("chunk expects at least a 1-dimensional tensor") }
        let axis = try normalizedDim(dim, rank: rank)
        let size = shape[axis] == 0 ? 0 : (shape[axis] - 1) / chunks + 1
        return try split(size, dim: axis)
    }

    /// `torch.nn.functional.pad(tensor, pad, value=value)` in constant mode.
    ///
    /// `pad` lists (before, after) pairs starting from the last dimension:
    /// `(left, right, top, bottom, ...)`. Negative amounts crop.
    public func pad(_ pad: [Int], value: Scalar = .int(0)) throws(TensorError) -> Tensor {
        guard pad.count % 2 == 0 else { throw .value("Padding length must be divisible by 2") }
        guard pad.count / 2 <= rank else {
            throw .value(
                "Padding length should be less than or equal to two times the input dimension but got padding length \(pad.count) and input of dimension \(rank)"
            )
        }
        var outShape = shape
        var before = Array(repeating: 0, count: rank)
        for pair in 0..<(pad.count / 2) {
            let dim = rank - 1 - pair
            before[dim] = pad[2 * pair]
            let (partial, overflowBefore) = shape[dim].addingReportingOverflow(pad[2 * pair])
            let (newSize, overflowAfter) = partial.addingReportingOverflow(pad[2 * pair + 1])
            guard !overflowBefore, !overflowAfter else {
                throw TensorError(.limit, "padding \(formatShape(pad)) is too large to represent")
            }
            guard newSize >= 0 else {
                throw .shape(
                    "The input size \(shape[dim]), plus negative padding \(pad[2 * pair]) and \(pad[2 * pair + 1]) resulted in a negative output size, which is invalid. Check dimension \(dim) of your input."
                )
            }
            outShape[dim] = newSize
        }
        let outCount = try TensorLimits.checkedElementCount(of: outShape)
        var result = Tensor(
            uncheckedShape: outShape,
            storage: try AdmittedStorage.repeating(value, count: outCount, dtype: dtype, for: outShape))
        // The region of the input that survives, and where it lands in the output.
        var regionShape: [Int] = []
        var sourceStarts: [Int] = []
        var targetStarts: [Int] = []
        for dim in 0..<rank {
            // Amounts were checked to keep each size representable, but `-Int.min` is not.
            let sourceStart = before[dim] < 0 ? (before[dim] == .min ? .max : -before[dim]) : 0
            let targetStart = Swift.max(0, before[dim])
            regionShape.append(Swift.max(0, Swift.min(shape[dim] - sourceStart, outShape[dim] - targetStart)))
            sourceStarts.append(sourceStart)
            targetStarts.append(targetStart)
        }
        if regionShape.contains(0) { return result }
        // The region is non-empty, so every start lies inside its tensor and the offsets fit.
        let sourceStrides = Layout.contiguousStrides(shape)
        let targetStrides = Layout.contiguousStrides(outShape)
        let sourceBase = zip(sourceStarts, sourceStrides).reduce(0) { $0 + $1.0 * $1.1 }
        let targetBase = zip(targetStarts, targetStrides).reduce(0) { $0 + $1.0 * $1.1 }
        let sources = try Layout.offsets(shape: regionShape, strides: sourceStrides, base: sourceBase)
        let targets = try Layout.offsets(shape: regionShape, strides: targetStrides, base: targetBase)
        try result.storage.scatter(storage.gathered(sources, for: regionShape).storage, to: targets, for: outShape)
        return result
    }
}

extension TensorStorage {
    /// Writes `values` (converted to this storage's type) at `offsets`, in order; later writes win.
    /// `shape` is the tensor's, for the message when a conversion does not fit.
    /// - Precondition: `values.count == offsets.count` and every offset is in range.
    mutating func scatter(_ values: TensorStorage, to offsets: [Int], for shape: [Int]) throws(TensorError) {
        if case .int32 = self {
            // Through int64: a copy, but int32 tensors are rare and small (labels, indices).
            var wide = try converted(to: .int64, for: shape).storage
            try wide.scatter(values, to: offsets, for: shape)
            self = try wide.converted(to: .int32, for: shape).storage
            return
        }
        // Each case moves the array out of `self` before writing, so it is uniquely referenced
        // and updated in place (no copy of the whole tensor for a single assignment) unless
        // another tensor shares it; then the copy is admitted first (``scatterElements``).
        switch (try values.converted(to: dtype, for: [offsets.count]).storage, self) {
        case (.float32(let source), .float32(var target)):
            self = .bool([])
            let refusal = scatterElements(&target, source, offsets, for: shape)
            self = .float32(target)
            if let refusal { throw refusal }
        case (.int64(let source), .int64(var target)):
            self = .bool([])
            let refusal = scatterElements(&target, source, offsets, for: shape)
            self = .int64(target)
            if let refusal { throw refusal }
        case (.bool(let source), .bool(var target)):
            self = .bool([])
            let refusal = scatterElements(&target, source, offsets, for: shape)
            self = .bool(target)
            if let refusal { throw refusal }
        default:
            return
        }
    }
}

@inline(__always)
/// Writes `source` at `offsets` of `target`; a shared `target` is copied first, and when that
/// copy is refused the refusal is returned and `target` is unchanged.
private func scatterElements<Element>(
    _ target: inout [Element], _ source: [Element], _ offsets: [Int], for shape: [Int]
) -> TensorError? {
    if !isUniquelyReferenced(&target) {
        do throws(TensorError) {
            target = try copyElements(target, for: shape).array
        } catch {
            return error
        }
    }
    target.withUnsafeMutableBufferPointer { out in
        source.withUnsafeBufferPointer { values in
            offsets.withUnsafeBufferPointer { positions in
                for index in 0..<positions.count { out[positions[index]] = values[index] }
            }
        }
    }
    return nil
}
