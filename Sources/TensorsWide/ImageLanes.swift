/// Sixteen images side by side, one per vector lane: the layout of the kernels that put a batch in
/// the lanes (``ConvInputBatchWideTile``, ``ConvBatchLanesWideTile``), and the transpositions in
/// and out of it, sixteen floats of sixteen images at a time in registers.
///
/// Compiled for x86-64-v4: called only after `CPUFeatures` found AVX-512.
enum ImageLanes {
    /// Sixteen images' `count` floats (each image `stride` apart) as `count` vectors of 16 lanes.
    static func gather(
        _ source: UnsafePointer<Float>, stride: Int, count: Int, into target: UnsafeMutablePointer<Float>
    ) {
        var q = 0
        while q + 16 <= count {
            var block = Square(source + q, stride: stride)
            block.transpose()
            block.store(target + q * 16)
            q += 16
        }
        for j in q..<count {
            for n in 0..<16 { target[j * 16 + n] = source[n * stride + j] }
        }
    }

    /// The inverse: `count` vectors of 16 lanes to sixteen images' floats, each `stride` apart.
    static func scatter(
        _ source: UnsafePointer<Float>, count: Int, into target: UnsafeMutablePointer<Float>, stride: Int
    ) {
        var q = 0
        while q + 16 <= count {
            var block = Square(source + q * 16, stride: 16)
            block.transpose()
            block.store(target + q, stride: stride)
            q += 16
        }
        for j in q..<count {
            for n in 0..<16 { target[n * stride + j] = source[j * 16 + n] }
        }
    }
}

/// A 16 × 16 block of floats in sixteen vectors, transposed in registers: four rounds of the
/// perfect unshuffle (row `k` of a round is the even lanes of rows `2k, 2k + 1` of the last,
/// row `k + 8` their odd lanes) rotate each element's 8-bit (row, column) index by one bit.
struct Square {
    var r:
        (
            SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>,
            SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>, SIMD16<Float>,
            SIMD16<Float>, SIMD16<Float>
        )

    /// Row `i` from the 16 floats at `source + i · stride`.
    @inline(__always)
    init(_ source: UnsafePointer<Float>, stride: Int) {
        func row(_ i: Int) -> SIMD16<Float> {
            UnsafeRawPointer(source + i * stride).loadUnaligned(as: SIMD16<Float>.self)
        }
        r = (
            row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7), row(8), row(9), row(10), row(11),
            row(12), row(13), row(14), row(15)
        )
    }

    @inline(__always)
    mutating func transpose() {
        for _ in 0..<4 {
            r = (
                Self.even(r.0, r.1), Self.even(r.2, r.3), Self.even(r.4, r.5), Self.even(r.6, r.7),
                Self.even(r.8, r.9), Self.even(r.10, r.11), Self.even(r.12, r.13), Self.even(r.14, r.15),
                Self.odd(r.0, r.1), Self.odd(r.2, r.3), Self.odd(r.4, r.5), Self.odd(r.6, r.7),
                Self.odd(r.8, r.9), Self.odd(r.10, r.11), Self.odd(r.12, r.13), Self.odd(r.14, r.15)
            )
        }
    }

    /// The even lanes of `a` then those of `b` (`SIMD32(lowHalf: a, highHalf: b).evenHalf`), lane
    /// by lane so that it is always one shuffle in place: the standard library's `evenHalf` and
    /// `oddHalf` were compiled as calls once a third kernel used this transpose (5 % of a LeNet
    /// epoch's samples, perf).
    @inline(__always)
    static func even(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
        SIMD16(
            a[0], a[2], a[4], a[6], a[8], a[10], a[12], a[14], b[0], b[2], b[4], b[6], b[8], b[10], b[12], b[14])
    }

    /// The odd lanes of `a` then those of `b`.
    @inline(__always)
    static func odd(_ a: SIMD16<Float>, _ b: SIMD16<Float>) -> SIMD16<Float> {
        SIMD16(
            a[1], a[3], a[5], a[7], a[9], a[11], a[13], a[15], b[1], b[3], b[5], b[7], b[9], b[11], b[13], b[15])
    }

    /// Row `i` at `target + i · stride`.
    @inline(__always)
    func store(_ target: UnsafeMutablePointer<Float>, stride: Int) {
        func put(_ i: Int, _ v: SIMD16<Float>) {
            UnsafeMutableRawPointer(target + i * stride).storeBytes(of: v, as: SIMD16<Float>.self)
        }
        put(0, r.0)
        put(1, r.1)
        put(2, r.2)
        put(3, r.3)
        put(4, r.4)
        put(5, r.5)
        put(6, r.6)
        put(7, r.7)
        put(8, r.8)
        put(9, r.9)
        put(10, r.10)
        put(11, r.11)
        put(12, r.12)
        put(13, r.13)
        put(14, r.14)
        put(15, r.15)
    }

    /// The rows one after another at `target` (256 floats).
    @inline(__always)
    func store(_ target: UnsafeMutablePointer<Float>) { store(target, stride: 16) }
}
