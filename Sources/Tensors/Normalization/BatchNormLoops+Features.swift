extension BatchNormLoops {
    /// Channels per work item of the `(N, C)` path.
    static let featureBlock = 64

    /// Runs `body` on blocks of channels covering all of them, claimed by up to
    /// ``Parallel/threadCount`` threads for large inputs.
    static func forEachFeatureBlock(_ g: BatchNormGeometry, _ body: (Range<Int>) -> Void) {
        let blocks = (g.channels + featureBlock - 1) / featureBlock
        func channels(_ index: Int) -> Range<Int> {
            index * featureBlock..<min(g.channels, (index + 1) * featureBlock)
        }
        if g.count < parallelThreshold || blocks < 2 {
            for index in 0..<blocks { body(channels(index)) }
        } else {
            Parallel.forEachClaimed(blocks) { claims in
                for index in claims { body(channels(index)) }
            }
        }
    }

    /// The forward pass of an `(N, C)` input (fully connected features): a channel's values are
    /// `C` apart, so every loop walks whole rows (contiguous) and keeps one accumulator per
    /// channel of the block, instead of striding through memory channel by channel.
    static func featureForward(
        _ g: BatchNormGeometry, input x: UnsafePointer<Float>, output y: UnsafeMutablePointer<Float>,
        weight: UnsafePointer<Float>?, bias: UnsafePointer<Float>?, eps: Double, measure: Bool,
        mean: UnsafeMutablePointer<Double>, variance: UnsafeMutablePointer<Double>
    ) {
        let channels = g.channels
        forEachFeatureBlock(g) { block in
            let width = block.count
            let means = mean + block.lowerBound
            let variances = variance + block.lowerBound
            if measure {
                // Two passes over the rows, exact in Double: the mean, then the squared deviations.
                means.update(repeating: 0, count: width)
                variances.update(repeating: 0, count: width)
                for sample in 0..<g.batch {
                    let row = x + sample * channels + block.lowerBound
                    for i in 0..<width { means[i] += Double(row[i]) }
                }
                for i in 0..<width { means[i] /= Double(g.batch) }
                for sample in 0..<g.batch {
                    let row = x + sample * channels + block.lowerBound
                    for i in 0..<width {
                        let deviation = Double(row[i]) - means[i]
                        variances[i] += deviation * deviation
                    }
                }
                for i in 0..<width { variances[i] /= Double(g.batch) }
            }
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 3 * width) { scratch in
                guard let center = scratch.baseAddress else { return }
                let scale = center + width
                let shift = scale + width
                for i in 0..<width {
                    let channel = block.lowerBound + i
                    center[i] = Float(means[i])
                    scale[i] = Float(1 / (variances[i] + eps).squareRoot() * Double(weight?[channel] ?? 1))
                    shift[i] = bias?[channel] ?? 0
                }
                for sample in 0..<g.batch {
                    let row = x + sample * channels + block.lowerBound
                    let target = y + sample * channels + block.lowerBound
                    for i in 0..<width { target[i] = shift[i].addingProduct(row[i] - center[i], scale[i]) }
                }
            }
        }
    }

    /// The backward pass of an `(N, C)` input, row by row like ``featureForward``.
    static func featureBackward(
        _ g: BatchNormGeometry, gradient dy: UnsafePointer<Float>, input x: UnsafePointer<Float>,
        mean: UnsafePointer<Double>, invstd: UnsafePointer<Double>, weight: UnsafePointer<Float>?,
        batchStatistics: Bool, into out: Gradients
    ) {
        let channels = g.channels
        let needsSums = out.sumGradient != nil || out.sumProduct != nil || (batchStatistics && out.input != nil)
        forEachFeatureBlock(g) { block in
            let width = block.count
            withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * width) { sums in
                guard let sumGradient = sums.baseAddress else { return }
                let sumProduct = sumGradient + width
                sumGradient.update(repeating: 0, count: 2 * width)
                if needsSums {
                    let means = mean + block.lowerBound
                    for sample in 0..<g.batch {
                        let dyRow = dy + sample * channels + block.lowerBound
                        let xRow = x + sample * channels + block.lowerBound
                        for i in 0..<width {
                            let gradient = Double(dyRow[i])
                            sumGradient[i] += gradient
                            sumProduct[i] += gradient * (Double(xRow[i]) - means[i])
                        }
                    }
                    for i in 0..<width {
                        out.sumGradient?[block.lowerBound + i] = sumGradient[i]
                        out.sumProduct?[block.lowerBound + i] = sumProduct[i]
                    }
                }
                guard let dx = out.input else { return }
                withUnsafeTemporaryAllocation(of: Float.self, capacity: 4 * width) { scratch in
                    guard let a = scratch.baseAddress else { return }
                    let b = a + width
                    let c = b + width
                    let center = c + width
                    for i in 0..<width {
                        let channel = block.lowerBound + i
                        (a[i], b[i], c[i]) = inputGradientCoefficients(
                            sumGradient: sumGradient[i], sumProduct: sumProduct[i], count: Double(g.batch),
                            invstd: invstd[channel], weight: Double(weight?[channel] ?? 1),
                            batchStatistics: batchStatistics)
                        center[i] = Float(mean[channel])
                    }
                    for sample in 0..<g.batch {
                        let offset = sample * channels + block.lowerBound
                        let dyRow = dy + offset
                        let xRow = x + offset
                        let target = dx + offset
                        for i in 0..<width {
                            target[i] = c[i].addingProduct(dyRow[i], a[i]).addingProduct(xRow[i] - center[i], b[i])
                        }
                    }
                }
            }
        }
    }
}
