/// The 6×16 register-tiled inner loop of the packed convolution (AVX2 + FMA: twelve 8-lane
/// accumulators, two B vectors and one broadcast live at a time, like OpenBLAS's Haswell kernel).
///
/// `a` holds 6 filter rows interleaved (`a[6·k + row]`, packed by
/// ``ConvPacked/packWeightPanel(_:weight:index:rowPanels:into:)``); `b` says where the 16 output
/// positions of step `k` are (``ConvTileColumns``).
enum ConvMicroTile {
    static let rows = 6
    static let columns = 16

    /// How a finished tile meets the output.
    enum Store {
        /// `C = tile + bias[row]` (first block of the sum; `bias` may be nil).
        case assign(bias: UnsafePointer<Float>?)
        /// `C += tile` (later blocks of the sum).
        case accumulate
    }

    /// Computes the tile over `depth` steps of the sum and stores it at `c` (6 rows of 16
    /// writable floats, `ldc` apart).
    @inline(__always)
    static func run<Columns: ConvTileColumns>(
        depth: Int, a: UnsafePointer<Float>, b: Columns, c: UnsafeMutablePointer<Float>, ldc: Int, store: Store
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
            let pb = b.columns(k)
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

    @inline(__always)
    static func put(
        _ low: SIMD8<Float>, _ high: SIMD8<Float>, row: Int, c: UnsafeMutablePointer<Float>, ldc: Int, store: Store
    ) {
        let target = UnsafeMutableRawPointer(c + row * ldc)
        switch store {
        case .assign(let bias):
            let offset = SIMD8<Float>(repeating: bias?[row] ?? 0)
            target.storeBytes(of: low + offset, as: SIMD8<Float>.self)
            target.storeBytes(of: high + offset, toByteOffset: 32, as: SIMD8<Float>.self)
        case .accumulate:
            let old0 = target.loadUnaligned(as: SIMD8<Float>.self)
            let old1 = target.loadUnaligned(fromByteOffset: 32, as: SIMD8<Float>.self)
            target.storeBytes(of: old0 + low, as: SIMD8<Float>.self)
            target.storeBytes(of: old1 + high, toByteOffset: 32, as: SIMD8<Float>.self)
        }
    }
}
