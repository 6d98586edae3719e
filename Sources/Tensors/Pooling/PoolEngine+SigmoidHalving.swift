extension PoolEngine {
    /// `sigmoid(x)` into `activation` and its halving average pooling into `output`, in one pass: a
    /// few planes at a time, each pooled right after its sigmoid, while it is still in the L1 cache.
    ///
    /// The values are the same bits as ``VectorSigmoid/forward(_:_:count:wide:)`` over the whole
    /// input followed by ``halvingAverage(_:divisor:input:output:)``: each group of planes starts a
    /// block of sixteen values counted from the first (a group holds `16 / gcd(inPlane, 16)` planes),
    /// so the sigmoid's vector loop meets the registers the whole-input call would, and only the
    /// input's last values go through the scalar function, as there. LeNet's first layer then saves
    /// one read of 2.4 MB per batch of 128, its second one of 0.8 MB.
    static func sigmoidHalvingAverage(
        _ g: PoolGeometry, divisor: Int, input: UnsafePointer<Float>, activation: UnsafeMutablePointer<Float>,
        output: UnsafeMutablePointer<Float>, wide: Bool = CPUFeatures.current.useAVX512
    ) {
        let perGroup = 16 / gcd(g.inPlane, 16)
        let groups = (g.planes + perGroup - 1) / perGroup
        let count = g.planes * g.inPlane
        let body = { (range: Range<Int>) in
            for group in range {
                let planes = group * perGroup..<min(g.planes, (group + 1) * perGroup)
                let start = planes.lowerBound * g.inPlane
                let end = planes.upperBound * g.inPlane
                VectorSigmoid.forwardRun(input + start, activation + start, count: end - start, wide: wide)
                halvingAverage(g, divisor: divisor, planes: planes, input: activation, output: output)
            }
        }
        if count < VectorSigmoid.parallelMinimum {
            body(0..<groups)
        } else {
            let groupSize = perGroup * g.inPlane
            Parallel.forEach(groups, minimumChunk: max(1, VectorSigmoid.parallelMinimum / groupSize), body: body)
        }
    }

    /// The greatest common divisor of two non-negative numbers (`gcd(0, n) = n`).
    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
