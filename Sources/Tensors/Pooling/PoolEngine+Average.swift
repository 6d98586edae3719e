extension PoolEngine {
    /// The mean of each window, with PyTorch's divisor: the window clipped to the padded input
    /// (`countIncludePad`), or to the input itself, or `divisorOverride`.
    ///
    /// Separable like ``maximum(_:input:output:)``: the window's input rows are summed 8 lanes at
    /// a time, then each window's columns. Both divisors are products of a row count and a
    /// column count, so they split the same way.
    static func average(
        _ g: PoolGeometry, countIncludePad: Bool, divisorOverride: Int?, input: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>
    ) {
        if isHalving(g) {
            halvingAverage(g, divisor: divisorOverride ?? 4, input: input, output: output)
            return
        }
        forEachPlanes(g) { planes in
            let columnSum = UnsafeMutablePointer<Float>.allocate(capacity: max(1, g.inWidth))
            defer { columnSum.deallocate() }
            for plane in planes {
                let source = input + plane * g.inPlane
                var target = output + plane * g.outPlane
                for oh in 0..<g.outHeight {
                    let hStart = oh * g.strideHeight - g.padHeight
                    let hEnd = min(hStart + g.kernelHeight, g.inHeight + g.padHeight)
                    let h0 = max(hStart, 0)
                    let h1 = max(h0, min(hEnd, g.inHeight))
                    verticalSum(g, rows: source + h0 * g.inWidth, count: h1 - h0, into: columnSum)
                    let rowCount = countIncludePad ? hEnd - hStart : h1 - h0
                    for ow in 0..<g.outWidth {
                        let wStart = ow * g.strideWidth - g.padWidth
                        let wEnd = min(wStart + g.kernelWidth, g.inWidth + g.padWidth)
                        let w0 = max(wStart, 0)
                        let w1 = max(w0, min(wEnd, g.inWidth))
                        var sum: Float = 0
                        for iw in w0..<w1 { sum += columnSum[iw] }
                        let divisor = divisorOverride ?? rowCount * (countIncludePad ? wEnd - wStart : w1 - w0)
                        target.pointee = sum / Float(divisor)
                        target += 1
                    }
                }
            }
        }
    }

    /// Sums `count` consecutive input rows starting at `rows` into `columnSum` (zeros if none).
    private static func verticalSum(
        _ g: PoolGeometry, rows: UnsafePointer<Float>, count: Int, into columnSum: UnsafeMutablePointer<Float>
    ) {
        let width = g.inWidth
        var iw = 0
        while iw + 8 <= width {
            var sum = SIMD8<Float>()
            var row = rows + iw
            for _ in 0..<count {
                sum += UnsafeRawPointer(row).loadUnaligned(as: SIMD8<Float>.self)
                row += width
            }
            UnsafeMutableRawPointer(columnSum + iw).storeBytes(of: sum, as: SIMD8<Float>.self)
            iw += 8
        }
        while iw < width {
            var sum: Float = 0
            for r in 0..<count { sum += rows[r * width + iw] }
            columnSum[iw] = sum
            iw += 1
        }
    }
}
