extension Tensor {
    /// ``sum(dims:keepdim:)`` of a float32 tensor over its first `count` dimensions (a bias's gradient,
    /// summed over the batch), without the transposed copy that the general path sums rows of.
    ///
    /// Each column is summed down the rows where it lies, with ``sumInDouble(_:)``'s four accumulators
    /// in its order (row `r` into accumulator `r mod 4`, the rows after the last whole four into the
    /// first, then `(t0 + t1) + (t2 + t3)`), so the results are the general path's bits. A few dozen
    /// columns at a time, so the accumulators stay in the L1 cache.
    func leadingSum(_ values: [Float], dimensions count: Int, keepdim: Bool) throws(TensorError) -> Tensor {
        let rows = shape[..<count].reduce(1, *)
        let columns = shape[count...].reduce(1, *)
        let outShape: [Int] = (keepdim ? Array(repeating: 1, count: count) : []) + shape[count...]
        let result = try ElementBuffer.make(columns, for: outShape) { (out: UnsafeMutableBufferPointer<Float>) in
            guard let out = out.baseAddress else { return }
            values.withUnsafeBufferPointer { x in
                guard rows > 0, let x = x.baseAddress else {
                    out.initialize(repeating: 0, count: columns)
                    return
                }
                let width = 64
                withUnsafeTemporaryAllocation(of: Double.self, capacity: 4 * width) { sums in
                    guard let t = sums.baseAddress else { return }
                    var start = 0
                    while start < columns {
                        let w = Swift.min(width, columns - start)
                        t.initialize(repeating: 0, count: 4 * w)
                        for block in 0..<rows / 4 {
                            for lane in 0..<4 {
                                let row = x + (4 * block + lane) * columns + start
                                let sum = t + lane * w
                                for column in 0..<w { sum[column] += Double(row[column]) }
                            }
                        }
                        for r in (rows / 4 * 4)..<rows {
                            let row = x + r * columns + start
                            for column in 0..<w { t[column] += Double(row[column]) }
                        }
                        for column in 0..<w {
                            let total = (t[column] + t[w + column]) + (t[2 * w + column] + t[3 * w + column])
                            (out + start + column).initialize(to: Float(total))
                        }
                        start += w
                    }
                }
            }
        }
        return Tensor(uncheckedShape: outShape, storage: .float32(result))
    }
}
