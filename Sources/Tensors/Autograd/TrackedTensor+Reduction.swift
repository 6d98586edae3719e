import Foundation

extension TrackedTensor {
    /// `x.sum(dims, keepdim)`: every input element gets the gradient of its sum.
    public func sum(dims: [Int]? = nil, keepdim: Bool = false) throws(TensorError) -> TrackedTensor {
        let result = try tensor.sum(dims: dims, keepdim: keepdim)
        let shape = tensor.shape
        let kept = try keptShape(dims)
        return Self.record("SumBackward\(dims == nil ? 0 : 1)", result, inputs: [self]) { g, _ throws(TensorError) in
            [try g.reshape(kept).broadcast(to: shape)]
        }
    }

    /// `x.mean(dims, keepdim)`: every input element gets the gradient divided by the count.
    public func mean(dims: [Int]? = nil, keepdim: Bool = false) throws(TensorError) -> TrackedTensor {
        let result = try tensor.mean(dims: dims, keepdim: keepdim)
        let shape = tensor.shape
        let kept = try keptShape(dims)
        let count = Swift.max(1, tensor.count / Swift.max(1, result.count))
        let scale = Tensor.scalar(.float(1 / Double(count)))
        return Self.record("MeanBackward\(dims == nil ? 0 : 1)", result, inputs: [self]) { g, _ throws(TensorError) in
            [try (try g * scale).reshape(kept).broadcast(to: shape)]
        }
    }

    /// `x.max()` / `x.min()` over all elements: tied extremes share the gradient evenly.
    public func extremum(largest: Bool) throws(TensorError) -> TrackedTensor {
        let result = largest ? try tensor.max() : try tensor.min()
        let x = tensor
        return Self.record(largest ? "MaxBackward1" : "MinBackward1", result, inputs: [self], saving: [self]) {
            g, _ throws(TensorError) in
            let hits = try x.eq(result).to(.float32)
            let share = try g / hits.sum()
            return [try hits * share]
        }
    }

    /// `x.max(dim)` / `x.min(dim)`: the gradient goes to the position each extreme came from.
    public func extremum(
        dim: Int, keepdim: Bool, largest: Bool
    ) throws(TensorError) -> (values: TrackedTensor, indices: Tensor) {
        let (values, indices) =
            largest ? try tensor.max(dim: dim, keepdim: keepdim) : try tensor.min(dim: dim, keepdim: keepdim)
        let shape = tensor.shape
        let axis = try normalizedDim(dim, rank: tensor.rank)
        let kept = try keptShape([dim])
        let tracked = Self.record(largest ? "MaxBackward0" : "MinBackward0", values, inputs: [self]) {
            g, _ throws(TensorError) in
            [
                try Tensor.scatterAlong(
                    axis, indices: try indices.reshape(kept), values: try g.reshape(kept), shape: shape)
            ]
        }
        return (tracked, indices)
    }

    /// `x.prod(dims, keepdim)`: each element gets the product of the others.
    public func prod(dims: [Int]? = nil, keepdim: Bool = false) throws(TensorError) -> TrackedTensor {
        let result = try tensor.prod(dims: dims, keepdim: keepdim)
        let x = tensor
        let kept = try keptShape(dims)
        return Self.record("ProdBackward\(dims == nil ? 0 : 1)", result, inputs: [self], saving: [self]) {
            g, _ throws(TensorError) in
            // Products of the others, computed without dividing so zeros are handled exactly.
            let others = try x.productsOfOthers(dims: dims)
            return [try others * (try g.reshape(kept))]
        }
    }

    /// `x.var(dims)` / `x.std(dims)`, with `n - correction` in the divisor.
    public func variance(
        dims: [Int]? = nil, correction: Int = 1, keepdim: Bool = false, squareRoot: Bool = false
    ) throws(TensorError) -> TrackedTensor {
        let variance = try tensor.variance(dims: dims, correction: correction, keepdim: keepdim)
        let result = squareRoot ? try variance.sqrt() : variance
        let x = tensor
        let kept = try keptShape(dims)
        let count = Swift.max(1, tensor.count / Swift.max(1, result.count))
        let divisor = Swift.max(Double(count - correction), 0)
        return Self.record(squareRoot ? "StdBackward0" : "VarBackward0", result, inputs: [self], saving: [self]) {
            g, _ throws(TensorError) in
            let mean = try x.mean(dims: dims, keepdim: true)
            var scale = try g.reshape(kept) * Tensor.scalar(.float(2 / divisor))
            if squareRoot { scale = try scale / (try result.reshape(kept) * Tensor.scalar(.float(2))) }
            return [try (try x - mean) * scale]
        }
    }

    /// `x.norm(p, dims)`: `g · sign(x) · |x|^(p−1) / ‖x‖^(p−1)` (zero where the norm is zero).
    public func norm(p: Double = 2, dims: [Int]? = nil, keepdim: Bool = false) throws(TensorError) -> TrackedTensor {
        let result = try tensor.norm(p: p, dims: dims, keepdim: keepdim)
        let x = tensor
        let kept = try keptShape(dims)
        return Self.record("NormBackward1", result, inputs: [self], saving: [self]) { g, _ throws(TensorError) in
            let norms = try result.reshape(kept).broadcast(to: x.shape)
            let grads = try g.reshape(kept).broadcast(to: x.shape)
            if p == .infinity {
                let hits = try x.abs().eq(norms).to(.float32)
                let counts = try hits.sum(dims: dims, keepdim: true)
                return [
                    try .zipElements(grads, x, try hits / counts) { g, v, h in g * h * (v > 0 ? 1 : v < 0 ? -1 : 0) }
                ]
            }
            let power = Float(p)
            return [
                try .zipElements(grads, x, norms) { g, v, n in
                    guard n != 0 else { return 0 }
                    let sign: Float = v > 0 ? 1 : v < 0 ? -1 : 0
                    if power == 1 { return g * sign }
                    if power == 2 { return g * v / n }
                    return g * sign * Foundation.pow(Swift.abs(v), power - 1) / Foundation.pow(n, power - 1)
                }
            ]
        }
    }

    /// The input shape with reduced dimensions set to 1 (the `keepdim=True` result shape).
    func keptShape(_ dims: [Int]?) throws(TensorError) -> [Int] {
        guard let dims, !dims.isEmpty else { return Array(repeating: 1, count: tensor.rank) }
        let reduced = Set(try normalizedDims(dims, rank: tensor.rank))
        return tensor.shape.enumerated().map { reduced.contains($0.offset) ? 1 : $0.element }
    }
}

extension Tensor {
    /// A zero tensor of `shape` with `values` written at `indices` along `dim` (all three have the
    /// same shape except along `dim`, where indices and values have size 1).
    static func scatterAlong(_ dim: Int, indices: Tensor, values: Tensor, shape: [Int]) throws(TensorError) -> Tensor {
        let count = try TensorLimits.elementCount(of: shape)
        // A 0-d tensor's only element is its own extreme.
        guard !shape.isEmpty else { return try values.to(.float32).reshape([]) }
        var result = try ElementBuffer.repeating(Float(0), count: count, for: shape)
        let positions = try indices.long().storage.int64Elements
        let gradients = try values.floats
        let inner = shape[(dim + 1)...].reduce(1, *)
        let size = shape.isEmpty ? 1 : shape[dim]
        for (index, position) in positions.enumerated() {
            let outer = index / Swift.max(1, inner)
            let offset = (outer * size + Int(position)) * inner + index % Swift.max(1, inner)
            result[offset] += gradients[index]
        }
        return Tensor(uncheckedShape: shape, storage: .float32(result))
    }

    /// For each element, the product of the other elements of its reduction group: the group's
    /// product without its zeros, divided by the element, or zero when another zero remains.
    func productsOfOthers(dims: [Int]?) throws(TensorError) -> Tensor {
        let x = try to(.float32)
        let zeroMask = try x.eq(.int(0))
        let safe = try Tensor.where(zeroMask, Tensor.scalar(.float(1)), x)
        let products = try safe.prod(dims: dims, keepdim: true).broadcast(to: shape)
        let zeros = try zeroMask.to(.float32).sum(dims: dims, keepdim: true).broadcast(to: shape)
        return try .zipElements(x, products, zeros) { value, product, zeroCount in
            if value == 0 { return zeroCount == 1 ? product : 0 }
            return zeroCount > 0 ? 0 : product / value
        }
    }
}
