/// What a training-mode batch-norm pass measured: each channel's mean and variance over the
/// batch (and the spatial positions), in double precision.
///
/// The output was normalized with the biased variance (divided by `N·S`); the running variance
/// of `nn.BatchNorm` is updated with the unbiased one (divided by `N·S − 1`), as in PyTorch.
///
/// ```swift
/// let (y, stats) = try batchNorm(input: x, weight: nil, bias: nil, eps: 1e-5)
/// (runningMean, runningVar) = try stats.updating(
///     runningMean: runningMean, runningVariance: runningVar, momentum: 0.1)
/// ```
public struct BatchNormStatistics: Sendable, Hashable {
    /// The mean of each channel.
    public let mean: [Double]
    /// The biased variance of each channel (what normalized the batch).
    public let variance: [Double]
    /// The values each channel's statistics were taken over (`N·S`).
    public let count: Int

    /// Wraps measured statistics.
    public init(mean: [Double], variance: [Double], count: Int) {
        self.mean = mean
        self.variance = variance
        self.count = count
    }

    /// The unbiased variance of each channel (`NaN` for a single value, as in PyTorch).
    public var unbiasedVariance: [Double] {
        let factor = count > 1 ? Double(count) / Double(count - 1) : .nan
        return variance.map { $0 * factor }
    }

    /// The running statistics after this batch:
    /// `running ← (1 − momentum)·running + momentum·batch`, with the unbiased batch variance.
    ///
    /// `momentum = 1 / num_batches_tracked` gives the cumulative average (`momentum=None`).
    /// - Throws: ``TensorError`` when a running tensor does not hold one float32 value per channel.
    public func updating(
        runningMean: Tensor, runningVariance: Tensor, momentum: Double
    ) throws(TensorError) -> (mean: Tensor, variance: Tensor) {
        guard runningMean.count == mean.count, runningVariance.count == mean.count,
            runningMean.dtype == .float32, runningVariance.dtype == .float32
        else {
            throw .shape(
                "batch_norm: running_mean and running_var must hold \(mean.count) float32 values (one per channel), "
                    + "got \(runningMean.count) and \(runningVariance.count)")
        }
        let unbiased = unbiasedVariance
        let oldMean = try runningMean.floats
        let oldVariance = try runningVariance.floats
        let newMean = try ElementBuffer.map(Array(0..<mean.count), for: runningMean.shape) { c in
            Float(momentum * mean[c] + (1 - momentum) * Double(oldMean[c]))
        }
        let newVariance = try ElementBuffer.map(Array(0..<mean.count), for: runningVariance.shape) { c in
            Float(momentum * unbiased[c] + (1 - momentum) * Double(oldVariance[c]))
        }
        return (
            Tensor(uncheckedShape: runningMean.shape, storage: .float32(newMean)),
            Tensor(uncheckedShape: runningVariance.shape, storage: .float32(newVariance))
        )
    }
}
