extension TrackedTensor {
    /// `F.batch_norm(…, training=True)`: normalizes each channel with the batch's statistics.
    ///
    /// Gradients reach the input (through the statistics as well), the weight and the bias, in
    /// one fused backward pass (`NativeBatchNormBackward0`, as PyTorch names it).
    ///
    /// - Returns: the output and the statistics, to update the running averages with.
    public static func batchNorm(
        _ input: TrackedTensor, weight: TrackedTensor?, bias: TrackedTensor?, eps: Double
    ) throws(TensorError) -> (output: TrackedTensor, statistics: BatchNormStatistics) {
        let (output, statistics) = try Tensors.batchNorm(
            input: input.tensor, weight: weight?.tensor, bias: bias?.tensor, eps: eps)
        let invstd = statistics.variance.map { 1 / ($0 + eps).squareRoot() }
        let tracked = recordBatchNorm(
            output, input, weight, bias, mean: statistics.mean, invstd: invstd, batchStatistics: true)
        return (tracked, statistics)
    }

    /// `F.batch_norm(…, training=False)`: normalizes each channel with given (running)
    /// statistics, which are constants for autograd.
    public static func batchNorm(
        _ input: TrackedTensor, weight: TrackedTensor?, bias: TrackedTensor?, mean: Tensor, variance: Tensor,
        eps: Double
    ) throws(TensorError) -> TrackedTensor {
        let output = try Tensors.batchNorm(
            input: input.tensor, mean: mean, variance: variance, weight: weight?.tensor, bias: bias?.tensor, eps: eps)
        let means = try mean.floats.map(Double.init)
        let invstd = try variance.floats.map { 1 / (Double($0) + eps).squareRoot() }
        return recordBatchNorm(output, input, weight, bias, mean: means, invstd: invstd, batchStatistics: false)
    }

    private static func recordBatchNorm(
        _ output: Tensor, _ input: TrackedTensor, _ weight: TrackedTensor?, _ bias: TrackedTensor?, mean: [Double],
        invstd: [Double], batchStatistics: Bool
    ) -> TrackedTensor {
        recordNormalization("NativeBatchNormBackward0", output, input, weight, bias) {
            gradient, x, w, needs throws(TensorError) in
            try batchNormGradients(
                gradient, input: x, mean: mean, invstd: invstd, weight: w, batchStatistics: batchStatistics,
                needs: needs)
        }
    }

    /// Records a normalization with an optional element-wise weight and bias: the input, the weight and the
    /// bias are its operands, in that order, and `gradients` makes all three in one fused backward pass.
    private static func recordNormalization(
        _ name: String, _ output: Tensor, _ input: TrackedTensor, _ weight: TrackedTensor?, _ bias: TrackedTensor?,
        gradients:
            @escaping (
                _ gradient: Tensor, _ input: Tensor, _ weight: Tensor?, _ needs: (input: Bool, weight: Bool, bias: Bool)
            ) throws(TensorError) -> (input: Tensor?, weight: Tensor?, bias: Tensor?)
    ) -> TrackedTensor {
        let operands = [input] + [weight, bias].compactMap { $0 }
        let x = input.tensor
        let w = weight?.tensor
        let hasWeight = weight != nil
        let hasBias = bias != nil
        return record(name, output, inputs: operands, saving: [input] + [weight].compactMap { $0 }) {
            gradient, needs throws(TensorError) in
            let result = try gradients(
                gradient, x, w, (needs[0], hasWeight && needs[1], hasBias && needs[hasWeight ? 2 : 1]))
            return [result.input] + (hasWeight ? [result.weight] : []) + (hasBias ? [result.bias] : [])
        }
    }

    /// `F.layer_norm`: normalizes over the last dimensions (`normalizedShape`) of every sample,
    /// then applies the element-wise weight and bias (`NativeLayerNormBackward0`).
    public static func layerNorm(
        _ input: TrackedTensor, normalizedShape: [Int], weight: TrackedTensor?, bias: TrackedTensor?, eps: Double
    ) throws(TensorError) -> TrackedTensor {
        let (output, mean, rstd) = try Tensors.layerNormWithStatistics(
            input: input.tensor, normalizedShape: normalizedShape, weight: weight?.tensor, bias: bias?.tensor, eps: eps)
        return recordNormalization("NativeLayerNormBackward0", output, input, weight, bias) {
            gradient, x, w, needs throws(TensorError) in
            try layerNormGradients(
                gradient, input: x, normalizedShape: normalizedShape, mean: mean, rstd: rstd, weight: w, needs: needs)
        }
    }
}
