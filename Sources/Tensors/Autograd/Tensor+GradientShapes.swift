extension Tensor {
    /// Sums a broadcast gradient back to `shape`: leading dimensions the operand did not have, and
    /// dimensions where it had size 1, are summed away (the reverse of broadcasting).
    func summed(toShape target: [Int]) throws(TensorError) -> Tensor {
        guard shape != target else { return self }
        if target.reduce(1, *) == count { return try reshape(target) }
        let lead = rank - target.count
        guard lead >= 0 else { return try expand(target) }
        var dims = Array(0..<lead)
        for (dim, size) in target.enumerated() where size == 1 && shape[lead + dim] != 1 {
            dims.append(lead + dim)
        }
        let reduced = dims.isEmpty ? self : try sum(dims: dims, keepdim: true)
        return try reduced.reshape(target)
    }

    /// A gradient of the operand's shape from the gradient of its broadcast result.
    static func gradient(_ gradient: Tensor, for operand: Tensor) throws(TensorError) -> Tensor {
        try gradient.summed(toShape: operand.shape)
    }

    /// Elementwise `body(a, b)` over two float tensors of the same shape (a fast path for
    /// backward formulas whose operands are known to agree in shape).
    static func zipElements(_ a: Tensor, _ b: Tensor, _ body: (Float, Float) -> Float) throws(TensorError) -> Tensor {
        guard a.shape == b.shape else { throw .shape("autograd: operand shapes differ") }
        let x = try a.floats
        let y = try b.floats
        let result = try ElementBuffer.make(x.count, for: a.shape) { (buffer: UnsafeMutableBufferPointer<Float>) in
            for index in 0..<x.count { buffer[index] = body(x[index], y[index]) }
        }
        return Tensor(uncheckedShape: a.shape, storage: .float32(result))
    }

    /// The sigmoid's input gradient `g · y · (1 − y)` from its output `y` (``VectorSigmoid``).
    static func sigmoidGradient(_ g: Tensor, output: Tensor) throws(TensorError) -> Tensor {
        guard g.shape == output.shape else { throw .shape("autograd: operand shapes differ") }
        let gradient = try g.floats
        let values = try output.floats
        let result = try ElementBuffer.make(gradient.count, for: g.shape) { (dx: UnsafeMutableBufferPointer<Float>) in
            gradient.withUnsafeBufferPointer { dy in
                values.withUnsafeBufferPointer { y in
                    if let dyStart = dy.baseAddress, let yStart = y.baseAddress, let dxStart = dx.baseAddress {
                        VectorSigmoid.backward(dyStart, yStart, dxStart, count: dy.count)
                    }
                }
            }
        }
        return Tensor(uncheckedShape: g.shape, storage: .float32(result))
    }

    /// Elementwise `body(a, b, c)` over three float tensors of the same shape.
    static func zipElements(
        _ a: Tensor, _ b: Tensor, _ c: Tensor, _ body: (Float, Float, Float) -> Float
    ) throws(TensorError) -> Tensor {
        guard a.shape == b.shape, a.shape == c.shape else { throw .shape("autograd: operand shapes differ") }
        let x = try a.floats
        let y = try b.floats
        let z = try c.floats
        let result = try ElementBuffer.make(x.count, for: a.shape) { (buffer: UnsafeMutableBufferPointer<Float>) in
            for index in 0..<x.count { buffer[index] = body(x[index], y[index], z[index]) }
        }
        return Tensor(uncheckedShape: a.shape, storage: .float32(result))
    }

    /// Elementwise `body(a)` over a float tensor.
    func mapElements(_ body: (Float) -> Float) throws(TensorError) -> Tensor {
        Tensor(uncheckedShape: shape, storage: .float32(try mapFloats(try floats, for: shape, body)))
    }

    /// The same values broadcast to `shape` (the gradient of a reduction flowing back).
    func broadcast(to target: [Int]) throws(TensorError) -> Tensor {
        shape == target ? self : try expand(target)
    }
}

extension TensorStorage {
    /// The elements of an int64 storage (empty for other types).
    var int64Elements: [Int64] {
        if case .int64(let values) = self { return values }
        return []
    }
}

extension TrackedTensor {
    /// Sums a broadcast gradient back to `shape` (for sinks that receive a gradient of another shape).
    public static func reduceGradient(_ gradient: Tensor, to shape: [Int]) throws(TensorError) -> Tensor {
        try gradient.summed(toShape: shape)
    }
}
