extension TrackedTensor {
    /// `F.adaptive_max_pool2d`: each output's gradient goes to the input element it came from.
    ///
    /// - Returns: the maxima and their indices inside each plane (int64, as PyTorch's
    ///   `return_indices=True` gives them).
    public func adaptiveMaxPool2d(outputSize: ConvPair) throws(TensorError) -> (values: TrackedTensor, indices: Tensor)
    {
        let (values, indices) = try Tensors.adaptiveMaxPool2d(input: tensor, outputSize: outputSize)
        let shape = tensor.shape
        let tracked = Self.record("AdaptiveMaxPool2DBackward0", values, inputs: [self]) {
            gradient, _ throws(TensorError) in
            [try Self.scatterPlanes(gradient, indices: indices, inputShape: shape)]
        }
        return (tracked, indices)
    }

    /// Adds each plane's gradient values at their in-plane indices into a zero tensor of the
    /// input's shape, planes in parallel.
    static func scatterPlanes(_ gradient: Tensor, indices: Tensor, inputShape: [Int]) throws(TensorError) -> Tensor {
        guard case .int64(let positions) = indices.storage, gradient.count == positions.count else {
            throw .shape("adaptive_max_pool2d backward: the gradient does not match the indices")
        }
        let dy = try gradient.floats
        let inPlane = inputShape.suffix(2).reduce(1, *)
        let outPlane = indices.shape.suffix(2).reduce(1, *)
        let planes = inputShape.dropLast(2).reduce(1, *)
        var dx = try ElementBuffer.repeating(Float(0), count: planes * inPlane, for: inputShape)
        dx.withUnsafeMutableBufferPointer { dx in
            guard let target = dx.baseAddress, outPlane > 0 else { return }
            let body = { (range: Range<Int>) in
                for plane in range {
                    for o in 0..<outPlane {
                        target[plane * inPlane + Int(positions[plane * outPlane + o])] += dy[plane * outPlane + o]
                    }
                }
            }
            if planes * outPlane < PoolEngine.parallelThreshold {
                body(0..<planes)
            } else {
                Parallel.forEach(planes, body: body)
            }
        }
        return Tensor(uncheckedShape: inputShape, storage: .float32(dx))
    }
}
