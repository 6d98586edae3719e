extension ConvMicroKernel {
    /// The 6×16 tile for ``ConvShifted``: step `k` of the sum reads its 16 input values straight
    /// from `b + offsets[k]` instead of a packed panel.
    ///
    /// The caller guarantees that `b + offsets[k] ..< b + offsets[k] + 16` is readable for every
    /// `k < depth`, and that `c` has 6 rows of 16 writable floats, `ldc` apart.
    @inline(__always)
    static func runShifted(
        depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, offsets: UnsafePointer<Int>,
        c: UnsafeMutablePointer<Float>, ldc: Int, store: Store
    ) {
        var c00 = SIMD8<Float>()
        var c01 = SIMD8<Float>()
        var c10 = SIMD8<Float>()
        var c11 = SIMD8<Float>()
        var c20 = SIMD8<Float>()
        var c21 = SIMD8<Float>()
        var c30 = SIMD8<Float>()
        var c31 = SIMD8<Float>()
        var c40 = SIMD8<Float>()
        var c41 = SIMD8<Float>()
        var c50 = SIMD8<Float>()
        var c51 = SIMD8<Float>()
        var pa = a
        for k in 0..<depth {
            let pb = UnsafeRawPointer(b + offsets[k])
            let b0 = pb.loadUnaligned(as: SIMD8<Float>.self)
            let b1 = pb.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            var s = SIMD8<Float>(repeating: pa[0])
            c00.addProduct(s, b0)
            c01.addProduct(s, b1)
            s = SIMD8<Float>(repeating: pa[1])
            c10.addProduct(s, b0)
            c11.addProduct(s, b1)
            s = SIMD8<Float>(repeating: pa[2])
            c20.addProduct(s, b0)
            c21.addProduct(s, b1)
            s = SIMD8<Float>(repeating: pa[3])
            c30.addProduct(s, b0)
            c31.addProduct(s, b1)
            s = SIMD8<Float>(repeating: pa[4])
            c40.addProduct(s, b0)
            c41.addProduct(s, b1)
            s = SIMD8<Float>(repeating: pa[5])
            c50.addProduct(s, b0)
            c51.addProduct(s, b1)
            pa += 6
        }
        put(c00, c01, row: 0, c: c, ldc: ldc, store: store)
        put(c10, c11, row: 1, c: c, ldc: ldc, store: store)
        put(c20, c21, row: 2, c: c, ldc: ldc, store: store)
        put(c30, c31, row: 3, c: c, ldc: ldc, store: store)
        put(c40, c41, row: 4, c: c, ldc: ldc, store: store)
        put(c50, c51, row: 5, c: c, ldc: ldc, store: store)
    }
}
