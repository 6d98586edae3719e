/// The loops of batch normalization, one channel at a time, channels spread over the engine's
/// threads.
///
/// Each pass works through a channel's `N` runs of `S` floats and then goes straight on to the
/// second loop over the same runs, so that loop finds them in the core's L2 cache: the training
/// forward pass reads the input from memory once (the statistics of each run are taken in two
/// sweeps while the run sits in L1) and writes the output once; the backward pass reads the input
/// and the upstream gradient once each and writes the input gradient.
enum BatchNormKernel {
    /// Elements below which a call stays on the calling thread.
    static let parallelThreshold = 1 << 15

    /// Runs `body(channel)` for every channel, claimed by up to ``Parallel/threadCount`` threads.
    static func forEachChannel(_ g: BatchNormGeometry, _ body: (Int) -> Void) {
        if g.count < parallelThreshold || g.channels < 2 {
            for channel in 0..<g.channels { body(channel) }
        } else {
            Parallel.forEachClaimed(g.channels) { claims in
                for channel in claims { body(channel) }
            }
        }
    }

    /// The mean and biased variance of one channel: each run's mean and sum of squared
    /// deviations (two sweeps over the run, in L1), combined run by run with Chan's formula so
    /// no sum of squares of raw values ever cancels.
    static func statistics(_ g: BatchNormGeometry, _ x: UnsafePointer<Float>, channel: Int) -> (Double, Double) {
        let runLength = Double(g.spatial)
        var mean = 0.0
        var squares = 0.0
        var seen = 0.0
        for sample in 0..<g.batch {
            let run = x + (sample * g.channels + channel) * g.spatial
            let runMean = NormalizationLanes.sum(run, g.spatial) / runLength
            let center = Float(runMean)
            let offset = runMean - Double(center)
            let runSquares = max(
                0, NormalizationLanes.squaredDeviations(run, g.spatial, around: center) - runLength * offset * offset)
            let total = seen + runLength
            let delta = runMean - mean
            mean += delta * runLength / total
            squares += runSquares + delta * delta * seen * runLength / total
            seen = total
        }
        return (mean, squares / seen)
    }

    /// `y = (x − mean)·weight/√(variance + eps) + bias` for every channel, with the channel's
    /// `(mean, variance)` from `statistics` (measured, or the running ones).
    static func forward(
        _ g: BatchNormGeometry, input x: UnsafePointer<Float>, output y: UnsafeMutablePointer<Float>,
        weight: UnsafePointer<Float>?, bias: UnsafePointer<Float>?, eps: Double,
        statistics: (Int) -> (mean: Double, variance: Double)
    ) {
        forEachChannel(g) { channel in
            let (mean, variance) = statistics(channel)
            let invstd = 1 / (variance + eps).squareRoot()
            let scale = Float(invstd * Double(weight?[channel] ?? 1))
            let shift = bias?[channel] ?? 0
            let center = Float(mean)
            for sample in 0..<g.batch {
                let offset = (sample * g.channels + channel) * g.spatial
                NormalizationLanes.normalize(
                    x + offset, y + offset, g.spatial, center: center, scale: scale, shift: shift)
            }
        }
    }

    /// Where the backward pass writes: any of the input gradient and the per-channel sums
    /// `Σ dy` (the bias gradient) and `Σ dy·(x − mean)` (the weight gradient times `√(var + eps)`).
    struct Gradients {
        var input: UnsafeMutablePointer<Float>?
        var sumGradient: UnsafeMutablePointer<Double>?
        var sumProduct: UnsafeMutablePointer<Double>?
    }

    /// The backward pass. With batch statistics, the mean and variance depend on the input, so
    /// `dx = w·invstd·(dy − mean(dy) − (x − μ)·invstd²·mean(dy·(x − μ)))`; with fixed (running)
    /// statistics `dx = w·invstd·dy`.
    static func backward(
        _ g: BatchNormGeometry, gradient dy: UnsafePointer<Float>, input x: UnsafePointer<Float>,
        mean: UnsafePointer<Double>, invstd: UnsafePointer<Double>, weight: UnsafePointer<Float>?,
        batchStatistics: Bool, into out: Gradients
    ) {
        let needsSums = out.sumGradient != nil || out.sumProduct != nil || (batchStatistics && out.input != nil)
        let count = Double(g.valuesPerChannel)
        forEachChannel(g) { channel in
            let center = Float(mean[channel])
            var sumGradient = 0.0
            var sumProduct = 0.0
            if needsSums {
                for sample in 0..<g.batch {
                    let offset = (sample * g.channels + channel) * g.spatial
                    let sums = NormalizationLanes.gradientSums(dy + offset, x + offset, g.spatial, around: center)
                    sumGradient += sums.gradient
                    sumProduct += sums.product
                }
                // The products were taken around the float32 mean; move them to the exact one.
                sumProduct -= (mean[channel] - Double(center)) * sumGradient
                out.sumGradient?[channel] = sumGradient
                out.sumProduct?[channel] = sumProduct
            }
            guard let dx = out.input else { return }
            let a = invstd[channel] * Double(weight?[channel] ?? 1)
            for sample in 0..<g.batch {
                let offset = (sample * g.channels + channel) * g.spatial
                if batchStatistics {
                    let b = -a * invstd[channel] * invstd[channel] * sumProduct / count
                    let c = -a * sumGradient / count
                    NormalizationLanes.combine(
                        dy + offset, x + offset, dx + offset, g.spatial, center: center, a: Float(a), b: Float(b),
                        c: Float(c))
                } else {
                    NormalizationLanes.scale(dy + offset, dx + offset, g.spatial, by: Float(a))
                }
            }
        }
    }
}
