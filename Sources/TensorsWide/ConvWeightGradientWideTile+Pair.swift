extension ConvWeightGradientWideTile {
    /// `run` for two blocks of 16 channels at once (the second `blockStride` floats after the
    /// first) and three kernel rows of 3: 18 sums, each broadcast input feeding two multiply-adds
    /// (2 + 9 loads per 18, where one block takes 1 + 9 per 9). `extracting`: the sums are
    /// written lane by lane from their registers (``WideSums/scatter``), as before.
    @inline(never)
    public static func runPair(
        _ walk: Walk, kernelRowStride: Int, input: UnsafePointer<Float>, gradient: UnsafePointer<Float>,
        blockStride: Int, tile: UnsafeMutablePointer<Float>, tileStride: Int, valid: Int, accumulate: Bool,
        extracting: Bool = false
    ) {
        var sums = WideSums()
        let rs = kernelRowStride
        let ps = walk.positionStride
        let bs = 4 &* blockStride
        // One flat loop over every position (nested loops made LLVM copy the sums around).
        let total = walk.images &* walk.rows &* walk.positions
        var d = UnsafeRawPointer(gradient)
        var x = input
        var rowStart = input
        var p = 0
        var r = 0
        var n = 0
        for _ in 0..<total {
            let v0 = d.load(as: SIMD16<Float>.self)
            let v1 = d.load(fromByteOffset: bs, as: SIMD16<Float>.self)
            let at = x
            @inline(__always)
            func broadcast(_ i: Int) -> SIMD16<Float> { SIMD16<Float>(repeating: at[(i / 3) &* rs &+ i % 3]) }
            sums.add(count: 18, vectors: 2, { $0 == 0 ? v0 : v1 }, broadcast)
            d += 64
            p &+= 1
            x += ps
            if p == walk.positions {
                p = 0
                r &+= 1
                if r == walk.rows {
                    r = 0
                    n &+= 1
                    rowStart = input + n &* walk.imageStride
                } else {
                    rowStart += walk.rowStride
                }
                x = rowStart
            }
        }
        sums.scatter(
            count: 18, vectors: 2, into: tile, tileStride: tileStride, valid: valid, accumulate: accumulate,
            extracting: extracting)
    }
}
