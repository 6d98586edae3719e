/// The pooling loops: one plane at a time, planes split across ``Parallel/threadCount`` threads
/// when there is enough work to pay for waking them.
enum PoolEngine {
    /// Input elements below which a pooling call stays on the calling thread.
    static let parallelThreshold = 1 << 16

    /// Runs `body` on ranges of planes covering all of them, in parallel for large inputs.
    static func forEachPlanes(_ g: PoolGeometry, body: (Range<Int>) -> Void) {
        let work = g.planes * max(g.inPlane, g.outPlane * g.kernelHeight * g.kernelWidth)
        if work < parallelThreshold {
            body(0..<g.planes)
        } else {
            Parallel.forEach(g.planes, body: body)
        }
    }

    /// Runs `body(plane)` for every plane, in parallel for large inputs.
    static func forEachPlane(_ g: PoolGeometry, body: (Int) -> Void) {
        let work = g.planes * max(g.inPlane, g.outPlane * g.kernelHeight * g.kernelWidth)
        if work < parallelThreshold {
            for plane in 0..<g.planes { body(plane) }
        } else {
            Parallel.forEach(g.planes) { planes in
                for plane in planes { body(plane) }
            }
        }
    }

    /// The mean of each window, with PyTorch's divisor: the window clipped to the padded input
    /// (`countIncludePad`), or to the input itself, or `divisorOverride`.
    static func average(
        _ g: PoolGeometry, countIncludePad: Bool, divisorOverride: Int?, input: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>
    ) {
        forEachPlane(g) { plane in
            let source = input + plane * g.inPlane
            var target = output + plane * g.outPlane
            for oh in 0..<g.outHeight {
                let hStart = oh * g.strideHeight - g.padHeight
                let hEnd = min(hStart + g.kernelHeight, g.inHeight + g.padHeight)
                let h0 = max(hStart, 0)
                let h1 = min(hEnd, g.inHeight)
                for ow in 0..<g.outWidth {
                    let wStart = ow * g.strideWidth - g.padWidth
                    let wEnd = min(wStart + g.kernelWidth, g.inWidth + g.padWidth)
                    let w0 = max(wStart, 0)
                    let w1 = min(wEnd, g.inWidth)
                    var sum: Float = 0
                    for ih in h0..<max(h0, h1) {
                        let row = source + ih * g.inWidth
                        for iw in w0..<max(w0, w1) { sum += row[iw] }
                    }
                    let divisor =
                        divisorOverride
                        ?? (countIncludePad
                            ? (hEnd - hStart) * (wEnd - wStart) : max(0, h1 - h0) * max(0, w1 - w0))
                    target.pointee = sum / Float(divisor)
                    target += 1
                }
            }
        }
    }
}
