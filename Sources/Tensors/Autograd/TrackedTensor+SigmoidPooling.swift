extension TrackedTensor {
    /// `avg_pool2d(sigmoid(self), …)`, returning the sigmoid's output too, each with the node that
    /// `apply(.sigmoid)` and then ``avgPool2d(kernelSize:stride:padding:ceilMode:countIncludePad:divisorOverride:)``
    /// record: what the book's `nn.Sigmoid()` followed by `nn.AvgPool2d(kernel_size=2, stride=2)` does.
    ///
    /// For a float32 input and a 2×2 pooling with stride 2 (``PoolEngine/isHalving(_:)``) both are
    /// computed in one pass (``PoolEngine/sigmoidHalvingAverage(_:divisor:input:activation:output:wide:)``),
    /// with the same bits; anything else, or ``SigmoidPoolingFusion/isOn`` switched off, runs the two
    /// operations one after the other, with their errors.
    public func sigmoidAvgPool2d(
        kernelSize: ConvPair, stride: ConvPair? = nil, padding: ConvPair = 0, ceilMode: Bool = false,
        countIncludePad: Bool = true, divisorOverride: Int? = nil
    ) throws(TensorError) -> (activation: TrackedTensor, pooled: TrackedTensor) {
        guard SigmoidPoolingFusion.isOn, case .float32(let values) = tensor.storage, divisorOverride != 0,
            let g = try? PoolGeometry(
                op: "avg_pool2d", input: tensor, kernel: kernelSize, stride: stride, padding: padding, dilation: 1,
                ceilMode: ceilMode),
            PoolEngine.isHalving(g)
        else {
            let activation = try apply(.sigmoid)
            let pooled = try activation.avgPool2d(
                kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
                countIncludePad: countIncludePad, divisorOverride: divisorOverride)
            return (activation, pooled)
        }
        let shape = tensor.shape
        let outShape = g.outputShape(of: shape)
        let (y, pooled) = try ElementBuffer.pair(values.count, for: shape, g.planes * g.outPlane, for: outShape) {
            (y: UnsafeMutableBufferPointer<Float>, pooled: UnsafeMutableBufferPointer<Float>) in
            values.withUnsafeBufferPointer { x in
                guard let x = x.baseAddress, let y = y.baseAddress, let pooled = pooled.baseAddress else { return }
                PoolEngine.sigmoidHalvingAverage(
                    g, divisor: divisorOverride ?? 4, input: x, activation: y, output: pooled)
            }
        }
        let activation = Tensor(uncheckedShape: shape, storage: .float32(y))
        let result = Tensor(uncheckedShape: outShape, storage: .float32(pooled))
        guard requiresGrad else { return (TrackedTensor(activation), TrackedTensor(result)) }
        let tracked = recordedSigmoid(activation)
        return (
            tracked,
            tracked.recordedAvgPool2d(result, g, countIncludePad: countIncludePad, divisorOverride: divisorOverride)
        )
    }
}
