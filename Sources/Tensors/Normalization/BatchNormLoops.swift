/// The loops of batch normalization, one channel at a time, channels spread over the engine's
/// threads (`(N, C)` inputs, one value per channel and sample, go row by row instead: see
/// `BatchNormLoops+Features.swift`).
///
/// Each pass works through a channel's `N` runs of `S` floats and then goes straight on to the
/// second loop over the same runs, so that loop finds them in the core's L2 cache: the training
/// forward pass reads the input from memory once (the statistics of each run are taken in two
/// sweeps while the run sits in L1) and writes the output once; the backward pass reads the input
/// and the upstream gradient once each and writes the input gradient.
enum BatchNormLoops {
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

    /// `y = (x − mean)·weight/√(variance + eps) + bias` for every channel. With `measure`, each
    /// channel's mean and biased variance are taken from the input and written to `mean` and
    /// `variance`; otherwise they are read from there (the running statistics).
    static func forward(
        _ g: BatchNormGeometry, input x: UnsafePointer<Float>, output y: UnsafeMutablePointer<Float>,
        weight: UnsafePointer<Float>?, bias: UnsafePointer<Float>?, eps: Double, measure: Bool,
        mean: UnsafeMutablePointer<Double>, variance: UnsafeMutablePointer<Double>
    ) {
        if g.spatial == 1 {
            featureForward(
                g, input: x, output: y, weight: weight, bias: bias, eps: eps, measure: measure, mean: mean,
                variance: variance)
            return
        }
        forEachChannel(g) { channel in
            if measure { (mean[channel], variance[channel]) = statistics(g, x, channel: channel) }
            let invstd = 1 / (variance[channel] + eps).squareRoot()
            let scale = Float(invstd * Double(weight?[channel] ?? 1))
            let shift = bias?[channel] ?? 0
            let center = Float(mean[channel])
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
        if g.spatial == 1 {
            featureBackward(
                g, gradient: dy, input: x, mean: mean, invstd: invstd, weight: weight,
                batchStatistics: batchStatistics, into: out)
            return
        }
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
            let (a, b, c) = inputGradientCoefficients(
                sumGradient: sumGradient, sumProduct: sumProduct, count: count, invstd: invstd[channel],
                weight: Double(weight?[channel] ?? 1), batchStatistics: batchStatistics)
            for sample in 0..<g.batch {
                let offset = (sample * g.channels + channel) * g.spatial
                if batchStatistics {
                    NormalizationLanes.combine(
                        dy + offset, x + offset, dx + offset, g.spatial, center: center, a: a, b: b, c: c)
                } else {
                    NormalizationLanes.scale(dy + offset, dx + offset, g.spatial, by: a)
                }
            }
        }
    }

    /// `dx = a·dy + b·(x − μ) + c` for one channel: `a = w·invstd`; with batch statistics
    /// `b = −a·invstd²·Σ dy(x − μ)/M` and `c = −a·Σ dy/M`, otherwise `b = c = 0`.
    static func inputGradientCoefficients(
        sumGradient: Double, sumProduct: Double, count: Double, invstd: Double, weight: Double,
        batchStatistics: Bool
    ) -> (Float, Float, Float) {
        let a = invstd * weight
        guard batchStatistics else { return (Float(a), 0, 0) }
        return (Float(a), Float(-a * invstd * invstd * sumProduct / count), Float(-a * sumGradient / count))
    }
}
