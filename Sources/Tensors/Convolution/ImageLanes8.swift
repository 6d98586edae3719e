/// Eight images side by side, one per lane of an AVX2 register: the layout of the 8-lane kernels
/// that put a batch in the lanes (``ConvBatchLanes8``: ``ConvInputRows``' input gradient on AVX2,
/// and a forward pass), and the transpositions in and out of it, eight floats of eight images at a
/// time in registers (``Transpose8``). The 16-lane layout of the AVX-512 kernels is `TensorsWide`'s
/// `ImageLanes`.
enum ImageLanes8 {
    /// Images per block (the lanes).
    static let images = 8

    /// Eight images' `count` floats (each image `stride` apart) as `count` vectors of 8 lanes.
    static func gather(
        _ source: UnsafePointer<Float>, stride: Int, count: Int, into target: UnsafeMutablePointer<Float>
    ) {
        var q = 0
        while q + 8 <= count {
            var block = Transpose8(source + q, stride: stride)
            block.transpose()
            block.store(target + q * 8)
            q += 8
        }
        for j in q..<count {
            for n in 0..<8 { target[j * 8 + n] = source[n * stride + j] }
        }
    }

    /// The inverse: `count` vectors of 8 lanes to eight images' floats, each `stride` apart.
    static func scatter(
        _ source: UnsafePointer<Float>, count: Int, into target: UnsafeMutablePointer<Float>, stride: Int
    ) {
        var q = 0
        while q + 8 <= count {
            var block = Transpose8(source + q * 8, stride: 8)
            block.transpose()
            for i in 0..<8 {
                UnsafeMutableRawPointer(target + i * stride + q).storeBytes(of: block.row(i), as: SIMD8<Float>.self)
            }
            q += 8
        }
        for j in q..<count {
            for n in 0..<8 { target[n * stride + j] = source[j * 8 + n] }
        }
    }
}
