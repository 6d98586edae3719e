extension BatchNormKernel {
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
            if measure {
                // Two passes over the rows, exact in Double: the mean, then the squared deviations.
                for c in block {
                    mean[c] = 0
                    variance[c] = 0
                }
                for sample in 0..<g.batch {
                    let row = x + sample * channels
                    for c in block { mean[c] += Double(row[c]) }
                }
                for c in block { mean[c] /= Double(g.batch) }
                for sample in 0..<g.batch {
                    let row = x + sample * channels
                    for c in block {
                        let deviation = Double(row[c]) - mean[c]
                        variance[c] += deviation * deviation
                    }
                }
                for c in block { variance[c] /= Double(g.batch) }
            }
            var center = [Float](repeating: 0, count: block.count)
            var scale = center
            var shift = center
            for (i, c) in block.enumerated() {
                let invstd = 1 / (variance[c] + eps).squareRoot()
                center[i] = Float(mean[c])
                scale[i] = Float(invstd * Double(weight?[c] ?? 1))
                shift[i] = bias?[c] ?? 0
            }
            for sample in 0..<g.batch {
                let row = x + sample * channels + block.lowerBound
                let target = y + sample * channels + block.lowerBound
                for i in 0..<block.count {
                    target[i] = shift[i].addingProduct(row[i] - center[i], scale[i])
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
            var sumGradient = [Double](repeating: 0, count: block.count)
            var sumProduct = sumGradient
            if needsSums {
                for sample in 0..<g.batch {
                    let dyRow = dy + sample * channels + block.lowerBound
                    let xRow = x + sample * channels + block.lowerBound
                    for i in 0..<block.count {
                        let gradient = Double(dyRow[i])
                        sumGradient[i] += gradient
                        sumProduct[i] += gradient * (Double(xRow[i]) - mean[block.lowerBound + i])
                    }
                }
                for (i, c) in block.enumerated() {
                    out.sumGradient?[c] = sumGradient[i]
                    out.sumProduct?[c] = sumProduct[i]
                }
            }
            guard let dx = out.input else { return }
            var a = [Float](repeating: 0, count: block.count)
            var b = a
            var c = a
            var center = a
            for (i, channel) in block.enumerated() {
                (a[i], b[i], c[i]) = inputGradientCoefficients(
                    sumGradient: sumGradient[i], sumProduct: sumProduct[i], count: Double(g.batch),
                    invstd: invstd[channel], weight: Double(weight?[channel] ?? 1), batchStatistics: batchStatistics)
                center[i] = Float(mean[channel])
            }
            for sample in 0..<g.batch {
                let offset = sample * channels + block.lowerBound
                for i in 0..<block.count {
                    dx[offset + i] = c[i].addingProduct(dy[offset + i], a[i]).addingProduct(
                        x[offset + i] - center[i], b[i])
                }
            }
        }
    }
}
