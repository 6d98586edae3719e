extension WideSums {
    /// Writes (or, with `accumulate`, adds) the first `count` sums into a weight gradient whose
    /// lanes are rows: sum `i` is weight `i / vectors` of lane `16 · (i % vectors) + l`, which
    /// goes to `tile[(16 · (i % vectors) + l) · tileStride + i / vectors]`, for the first `valid`
    /// lanes. The sums go to an aligned scratch first, then each lane's weights are written as
    /// one run; `extracting`: each sum's lanes straight from the register, as before (perf,
    /// `res3x3_c128_28`, one thread: that was 15 % of the paired 3 × 3 tile's time; the weight
    /// gradient, A/B in one process, one thread, CPU time: 1,792 → 1,608 µs, `res3x3_c64_56`
    /// 1,671 → 1,573, `res3x3_c64_56_n8` 14,156 → 13,797).
    @inline(__always)
    func scatter(
        count: Int, vectors: Int, into tile: UnsafeMutablePointer<Float>, tileStride: Int, valid: Int,
        accumulate: Bool, extracting: Bool
    ) {
        let weights = count / vectors
        guard !extracting else {
            for i in 0..<count {
                let sum = self.sum(i)
                let v = i % vectors
                let k = i / vectors
                for l in 0..<max(0, min(16, valid - 16 * v)) {
                    let at = (16 * v + l) * tileStride + k
                    tile[at] = accumulate ? tile[at] + sum[l] : sum[l]
                }
            }
            return
        }
        withUnsafeTemporaryAllocation(byteCount: 24 * 64, alignment: 64) { raw in
            let buffer = raw.baseAddress!.assumingMemoryBound(to: Float.self)
            store(buffer, count: count)
            let lanes = min(valid, 16 &* vectors)
            let step: Int = 16 &* vectors
            for lane in 0..<lanes {
                let row: UnsafeMutablePointer<Float> = tile + lane &* tileStride
                // Lane `lane` of vector `lane / 16` of each weight's `vectors` sums.
                let from: UnsafePointer<Float> = UnsafePointer(buffer) + lane
                if accumulate {
                    for k in 0..<weights { row[k] += from[k &* step] }
                } else {
                    for k in 0..<weights { row[k] = from[k &* step] }
                }
            }
        }
    }
}
