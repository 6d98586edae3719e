extension TrackedTensor {
    /// `F.max_pool2d`: each output's gradient goes to the first largest element of its window.
    public func maxPool2d(
        kernelSize: ConvPair, stride: ConvPair? = nil, padding: ConvPair = 0, dilation: ConvPair = 1,
        ceilMode: Bool = false
    ) throws(TensorError) -> TrackedTensor {
        let result = try Tensors.maxPool2d(
            input: tensor, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
            ceilMode: ceilMode)
        guard requiresGrad else { return TrackedTensor(result) }
        let g = try PoolGeometry(
            op: "max_pool2d", input: tensor, kernel: kernelSize, stride: stride, padding: padding, dilation: dilation,
            ceilMode: ceilMode)
        let x = tensor
        return Self.record("MaxPool2DWithIndicesBackward0", result, inputs: [self], saving: [self]) {
            gradient, _ throws(TensorError) in
            let values = try x.floats
            let dy = try gradient.floats
            var dx = try ElementBuffer.repeating(Float(0), count: values.count, for: x.shape)
            for plane in 0..<g.planes {
                let source = plane * g.inPlane
                for oh in 0..<g.outHeight {
                    for ow in 0..<g.outWidth {
                        var best = -1
                        var bestValue = -Float.infinity
                        for kh in 0..<g.kernelHeight {
                            let ih = oh * g.strideHeight - g.padHeight + kh * g.dilationHeight
                            guard ih >= 0, ih < g.inHeight else { continue }
                            for kw in 0..<g.kernelWidth {
                                let iw = ow * g.strideWidth - g.padWidth + kw * g.dilationWidth
                                guard iw >= 0, iw < g.inWidth else { continue }
                                let value = values[source + ih * g.inWidth + iw]
                                if best < 0 || value > bestValue || value.isNaN && !bestValue.isNaN {
                                    best = source + ih * g.inWidth + iw
                                    bestValue = value
                                }
                            }
                        }
                        if best >= 0 { dx[best] += dy[(plane * g.outHeight + oh) * g.outWidth + ow] }
                    }
                }
            }
            return [Tensor(uncheckedShape: x.shape, storage: .float32(dx))]
        }
    }

    /// `F.avg_pool2d`: each output's gradient is spread over its window, divided as in the forward pass.
    public func avgPool2d(
        kernelSize: ConvPair, stride: ConvPair? = nil, padding: ConvPair = 0, ceilMode: Bool = false,
        countIncludePad: Bool = true, divisorOverride: Int? = nil
    ) throws(TensorError) -> TrackedTensor {
        let result = try Tensors.avgPool2d(
            input: tensor, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
            countIncludePad: countIncludePad, divisorOverride: divisorOverride)
        guard requiresGrad else { return TrackedTensor(result) }
        let g = try PoolGeometry(
            op: "avg_pool2d", input: tensor, kernel: kernelSize, stride: stride, padding: padding, dilation: 1,
            ceilMode: ceilMode)
        return recordedAvgPool2d(result, g, countIncludePad: countIncludePad, divisorOverride: divisorOverride)
    }

    /// `result`, the average pooling of this tensor over `g`, with the node that `avgPool2d` records for it.
    func recordedAvgPool2d(
        _ result: Tensor, _ g: PoolGeometry, countIncludePad: Bool, divisorOverride: Int?
    ) -> TrackedTensor {
        let shape = tensor.shape
        let tracked = Self.record("AvgPool2DBackward0", result, inputs: [self]) { gradient, _ throws(TensorError) in
            let dy = try gradient.floats
            if PoolEngine.isHalving(g) {
                let count = shape.reduce(1, *)
                let dx = try dy.withUnsafeBufferPointer { dy throws(TensorError) in
                    try ElementBuffer.uninitialized(count, for: shape) {
                        (dx: inout UnsafeMutableBufferPointer<Float>, initialized: inout Int) in
                        if let source = dy.baseAddress, let target = dx.baseAddress {
                            PoolEngine.halvingAverageGradient(
                                g, divisor: divisorOverride ?? 4, gradient: source, into: target)
                        }
                        initialized = count
                    }
                }
                return [Tensor(uncheckedShape: shape, storage: .float32(dx))]
            }
            var dx = try ElementBuffer.repeating(Float(0), count: shape.reduce(1, *), for: shape)
            for plane in 0..<g.planes {
                for oh in 0..<g.outHeight {
                    let hStart = oh * g.strideHeight - g.padHeight
                    let hEnd = Swift.min(hStart + g.kernelHeight, g.inHeight + g.padHeight)
                    let h0 = Swift.max(hStart, 0)
                    let h1 = Swift.max(h0, Swift.min(hEnd, g.inHeight))
                    for ow in 0..<g.outWidth {
                        let wStart = ow * g.strideWidth - g.padWidth
                        let wEnd = Swift.min(wStart + g.kernelWidth, g.inWidth + g.padWidth)
                        let w0 = Swift.max(wStart, 0)
                        let w1 = Swift.max(w0, Swift.min(wEnd, g.inWidth))
                        let divisor =
                            divisorOverride
                            ?? (countIncludePad ? (hEnd - hStart) * (wEnd - wStart) : (h1 - h0) * (w1 - w0))
                        guard divisor != 0 else { continue }
                        let share = dy[(plane * g.outHeight + oh) * g.outWidth + ow] / Float(divisor)
                        for ih in h0..<h1 {
                            for iw in w0..<w1 { dx[plane * g.inPlane + ih * g.inWidth + iw] += share }
                        }
                    }
                }
            }
            return [Tensor(uncheckedShape: shape, storage: .float32(dx))]
        }
        if PoolEngine.isHalving(g) {
            tracked.node?.fusedBackward = { gradient, pointwise in
                guard case .sigmoid(let output) = pointwise, output.shape == shape, output.dtype == .float32 else {
                    return nil
                }
                return SigmoidPoolingGradient(
                    geometry: g, divisor: divisorOverride ?? 4, gradient: gradient, output: output)
            }
        }
        return tracked
    }

    /// `F.adaptive_avg_pool2d`: each output's gradient is spread evenly over its input block.
    public func adaptiveAvgPool2d(outputSize: ConvPair) throws(TensorError) -> TrackedTensor {
        let result = try Tensors.adaptiveAvgPool2d(input: tensor, outputSize: outputSize)
        let shape = tensor.shape
        // PyTorch computes a global (1×1) adaptive average as a mean, and names its node so.
        let name = outputSize == ConvPair(1) ? "MeanBackward1" : "AdaptiveAvgPool2DBackward0"
        return Self.record(name, result, inputs: [self]) { gradient, _ throws(TensorError) in
            let height = shape[shape.count - 2]
            let width = shape[shape.count - 1]
            let planes = shape.dropLast(2).reduce(1, *)
            let (outHeight, outWidth) = (outputSize.height, outputSize.width)
            let dy = try gradient.floats
            var dx = try ElementBuffer.repeating(Float(0), count: shape.reduce(1, *), for: shape)
            for plane in 0..<planes {
                for oh in 0..<outHeight {
                    let h0 = oh * height / outHeight
                    let h1 = ((oh + 1) * height + outHeight - 1) / outHeight
                    for ow in 0..<outWidth {
                        let w0 = ow * width / outWidth
                        let w1 = ((ow + 1) * width + outWidth - 1) / outWidth
                        let share = dy[(plane * outHeight + oh) * outWidth + ow] / Float((h1 - h0) * (w1 - w0))
                        for ih in h0..<h1 {
                            for iw in w0..<w1 { dx[(plane * height + ih) * width + iw] += share }
                        }
                    }
                }
            }
            return [Tensor(uncheckedShape: shape, storage: .float32(dx))]
        }
    }
}
