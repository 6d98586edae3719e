/// The loops of layer normalization over `rows` contiguous rows of `width` floats (the
/// normalized dimensions), rows spread over the engine's threads.
///
/// Weight and bias are always present here (ones and zeros stand in for missing ones), so each
/// loop has a single vector path.
enum LayerNormLoops {
    typealias Lanes = NormalizationLanes.Lanes

    /// Elements below which a call stays on the calling thread.
    static let parallelThreshold = 1 << 15
    /// Columns per work item of the weight and bias gradients.
    static let columnBlock = 256

    /// Runs `body` on ranges of rows covering `0..<rows`, claimed by up to
    /// ``Parallel/threadCount`` threads for large inputs.
    static func forEachRows(_ rows: Int, width: Int, _ body: (Range<Int>) -> Void) {
        guard rows > 0 else { return }
        if rows * width < parallelThreshold || rows < 2 {
            body(0..<rows)
            return
        }
        let chunks = min(rows, 4 * Parallel.threadCount)
        Parallel.forEachClaimed(chunks) { claims in
            for chunk in claims { body(rows * chunk / chunks..<rows * (chunk + 1) / chunks) }
        }
    }

    /// `y = (x − μ)·rstd·w + b` per row, storing each row's `μ` and `rstd = 1/√(σ² + eps)`.
    static func forward(
        rows: Int, width: Int, input x: UnsafePointer<Float>, output y: UnsafeMutablePointer<Float>,
        weight w: UnsafePointer<Float>, bias b: UnsafePointer<Float>, eps: Double,
        mean: UnsafeMutablePointer<Double>, rstd: UnsafeMutablePointer<Double>
    ) {
        forEachRows(rows, width: width) { range in
            for row in range {
                let source = x + row * width
                let target = y + row * width
                let rowMean = NormalizationLanes.sum(source, width) / Double(width)
                let center = Float(rowMean)
                let offset = rowMean - Double(center)
                let squares = NormalizationLanes.squaredDeviations(source, width, around: center)
                let variance = max(0, squares / Double(width) - offset * offset)
                let inverse = 1 / (variance + eps).squareRoot()
                mean[row] = rowMean
                rstd[row] = inverse
                let m = Lanes(repeating: center)
                let r = Lanes(repeating: Float(inverse))
                var j = 0
                while j + 8 <= width {
                    let normalized = (NormalizationLanes.Lanes(unalignedAt: source + j) - m) * r
                    NormalizationLanes.Lanes(unalignedAt: b + j)
                        .addingProduct(normalized, NormalizationLanes.Lanes(unalignedAt: w + j))
                        .store(unalignedAt: target + j)
                    j += 8
                }
                while j < width {
                    target[j] = b[j].addingProduct((source[j] - center) * Float(inverse), w[j])
                    j += 1
                }
            }
        }
    }

    /// `dx = rstd·(g − mean(g) − x̂·mean(g·x̂))` per row, with `g = dy·w` and `x̂ = (x − μ)·rstd`.
    static func inputGradient(
        rows: Int, width: Int, gradient dy: UnsafePointer<Float>, input x: UnsafePointer<Float>,
        weight w: UnsafePointer<Float>, mean: UnsafePointer<Double>, rstd: UnsafePointer<Double>,
        into dx: UnsafeMutablePointer<Float>
    ) {
        forEachRows(rows, width: width) { range in
            for row in range {
                let dyRow = dy + row * width
                let xRow = x + row * width
                let dxRow = dx + row * width
                let center = Float(mean[row])
                let m = Lanes(repeating: center)
                // Σ g and Σ g·(x − μ), in float lanes per block and Double across blocks.
                var sumGradient = 0.0
                var sumProduct = 0.0
                var start = 0
                while start < width {
                    let end = min(start + NormalizationLanes.block, width)
                    var g0 = Lanes()
                    var p0 = Lanes()
                    var j = start
                    while j + 8 <= end {
                        let g =
                            NormalizationLanes.Lanes(unalignedAt: dyRow + j)
                            * NormalizationLanes.Lanes(unalignedAt: w + j)
                        g0 += g
                        p0.addProduct(g, NormalizationLanes.Lanes(unalignedAt: xRow + j) - m)
                        j += 8
                    }
                    var gradient = g0.sum()
                    var product = p0.sum()
                    while j < end {
                        let g = dyRow[j] * w[j]
                        gradient += g
                        product += g * (xRow[j] - center)
                        j += 1
                    }
                    sumGradient += Double(gradient)
                    sumProduct += Double(product)
                    start = end
                }
                sumProduct -= (mean[row] - Double(center)) * sumGradient
                let inverse = rstd[row]
                let count = Double(width)
                let a = Float(inverse)
                let b = Float(-inverse * inverse * inverse * sumProduct / count)
                let c = Float(-inverse * sumGradient / count)
                let va = Lanes(repeating: a)
                let vb = Lanes(repeating: b)
                let vc = Lanes(repeating: c)
                var j = 0
                while j + 8 <= width {
                    let g =
                        NormalizationLanes.Lanes(unalignedAt: dyRow + j) * NormalizationLanes.Lanes(unalignedAt: w + j)
                    let value = vc.addingProduct(g, va).addingProduct(
                        NormalizationLanes.Lanes(unalignedAt: xRow + j) - m, vb)
                    value.store(unalignedAt: dxRow + j)
                    j += 8
                }
                while j < width {
                    dxRow[j] = c.addingProduct(dyRow[j] * w[j], a).addingProduct(xRow[j] - center, b)
                    j += 1
                }
            }
        }
    }

    /// `dw = Σ_rows dy·x̂` and `db = Σ_rows dy`, column blocks spread over the threads.
    static func parameterGradients(
        rows: Int, width: Int, gradient dy: UnsafePointer<Float>, input x: UnsafePointer<Float>,
        mean: UnsafePointer<Double>, rstd: UnsafePointer<Double>, weight dw: UnsafeMutablePointer<Double>?,
        bias db: UnsafeMutablePointer<Double>?
    ) {
        let blocks = (width + columnBlock - 1) / columnBlock
        let body = { (block: Int) in
            let j0 = block * columnBlock
            let j1 = min(j0 + columnBlock, width)
            for j in j0..<j1 {
                dw?[j] = 0
                db?[j] = 0
            }
            for row in 0..<rows {
                let dyRow = dy + row * width
                let xRow = x + row * width
                let center = mean[row]
                let inverse = rstd[row]
                if let dw {
                    for j in j0..<j1 { dw[j] += Double(dyRow[j]) * (Double(xRow[j]) - center) * inverse }
                }
                if let db {
                    for j in j0..<j1 { db[j] += Double(dyRow[j]) }
                }
            }
        }
        if rows * width < parallelThreshold || blocks < 2 {
            for block in 0..<blocks { body(block) }
        } else {
            Parallel.forEachClaimed(blocks) { claims in
                for block in claims { body(block) }
            }
        }
    }
}
