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
    ///
    /// When the images share their alignment (`stride` a multiple of 16 floats) the squares are
    /// placed so that every row is stored to one whole 64-byte line, the columns before the first
    /// line and after the last one stored one float at a time. An output array's elements start
    /// 16, 32 or 48 bytes into a line as often as not, and then every 64-byte store of the plain
    /// walk touches two lines: in a C model of LeNet's second layer (sixteen 1,600-float images into
    /// cold memory) the scatter took 26 µs so and 16.5 µs aligned.
    static func scatter(
        _ source: UnsafePointer<Float>, count: Int, into target: UnsafeMutablePointer<Float>, stride: Int
    ) {
        // Floats from the target's start to its first 64-byte boundary.
        let head = (16 - (Int(bitPattern: target) & 63) / 4) & 15
        guard ImageLaneStores.aligned, head > 0, stride % 16 == 0, count >= head + 16 else {
            scatterSquares(source, columns: 0..<count, into: target, stride: stride)
            return
        }
        let body = head..<(head + (count - head) / 16 * 16)
        scatterSquares(source, columns: body, into: target, stride: stride)
        scatterColumns(source, 0..<head, into: target, stride: stride)
        scatterColumns(source, body.upperBound..<count, into: target, stride: stride)
    }

    /// Squares of sixteen columns from `columns.lowerBound` on, and the columns left after the last
    /// one by one.
    @inline(__always)
    private static func scatterSquares(
        _ source: UnsafePointer<Float>, columns: Range<Int>, into target: UnsafeMutablePointer<Float>, stride: Int
    ) {
        var q = columns.lowerBound
        while q + 16 <= columns.upperBound {
            var block = Square(source + q * 16, stride: 16)
            block.transpose()
            block.store(target + q, stride: stride)
            q += 16
        }
        scatterColumns(source, q..<columns.upperBound, into: target, stride: stride)
    }

    /// The floats of `columns` one by one.
    @inline(__always)
    private static func scatterColumns(
        _ source: UnsafePointer<Float>, _ columns: Range<Int>, into target: UnsafeMutablePointer<Float>, stride: Int
    ) {
        for j in columns {
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
            let p0 = SIMD32(lowHalf: r.0, highHalf: r.1)
            let p1 = SIMD32(lowHalf: r.2, highHalf: r.3)
            let p2 = SIMD32(lowHalf: r.4, highHalf: r.5)
            let p3 = SIMD32(lowHalf: r.6, highHalf: r.7)
            let p4 = SIMD32(lowHalf: r.8, highHalf: r.9)
            let p5 = SIMD32(lowHalf: r.10, highHalf: r.11)
            let p6 = SIMD32(lowHalf: r.12, highHalf: r.13)
            let p7 = SIMD32(lowHalf: r.14, highHalf: r.15)
            r = (
                p0.evenHalf, p1.evenHalf, p2.evenHalf, p3.evenHalf, p4.evenHalf, p5.evenHalf, p6.evenHalf,
                p7.evenHalf, p0.oddHalf, p1.oddHalf, p2.oddHalf, p3.oddHalf, p4.oddHalf, p5.oddHalf, p6.oddHalf,
                p7.oddHalf
            )
        }
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
