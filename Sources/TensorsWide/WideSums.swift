/// Up to 24 16-lane accumulators, the register tile of the wide kernels (AVX-512 has 32 vector
/// registers: 24 sums leave room for up to four loaded vectors and a broadcast).
///
/// Sum `i` is row `i / vectors`, vector `i % vectors` of a tile whose rows are `vectors` vectors
/// wide; in memory a tile row is `16 · vectors` floats, so sum `i` lives at float `16 · i`. The
/// kernels call these with constant counts, so the tests on `count` fold away.
struct WideSums {
    var s0 = SIMD16<Float>(), s1 = SIMD16<Float>(), s2 = SIMD16<Float>(), s3 = SIMD16<Float>()
    var s4 = SIMD16<Float>(), s5 = SIMD16<Float>(), s6 = SIMD16<Float>(), s7 = SIMD16<Float>()
    var s8 = SIMD16<Float>(), s9 = SIMD16<Float>(), s10 = SIMD16<Float>(), s11 = SIMD16<Float>()
    var s12 = SIMD16<Float>(), s13 = SIMD16<Float>(), s14 = SIMD16<Float>(), s15 = SIMD16<Float>()
    var s16 = SIMD16<Float>(), s17 = SIMD16<Float>(), s18 = SIMD16<Float>(), s19 = SIMD16<Float>()
    var s20 = SIMD16<Float>(), s21 = SIMD16<Float>(), s22 = SIMD16<Float>(), s23 = SIMD16<Float>()

    /// Adds `broadcast(i / vectors) · vector(i % vectors)` to sum `i`, for the first `count` sums.
    @inline(__always)
    mutating func add(
        count: Int, vectors: Int, _ vector: (Int) -> SIMD16<Float>, _ broadcast: (Int) -> SIMD16<Float>
    ) {
        if 0 < count { s0.addProduct(broadcast(0 / vectors), vector(0 % vectors)) }
        if 1 < count { s1.addProduct(broadcast(1 / vectors), vector(1 % vectors)) }
        if 2 < count { s2.addProduct(broadcast(2 / vectors), vector(2 % vectors)) }
        if 3 < count { s3.addProduct(broadcast(3 / vectors), vector(3 % vectors)) }
        if 4 < count { s4.addProduct(broadcast(4 / vectors), vector(4 % vectors)) }
        if 5 < count { s5.addProduct(broadcast(5 / vectors), vector(5 % vectors)) }
        if 6 < count { s6.addProduct(broadcast(6 / vectors), vector(6 % vectors)) }
        if 7 < count { s7.addProduct(broadcast(7 / vectors), vector(7 % vectors)) }
        if 8 < count { s8.addProduct(broadcast(8 / vectors), vector(8 % vectors)) }
        if 9 < count { s9.addProduct(broadcast(9 / vectors), vector(9 % vectors)) }
        if 10 < count { s10.addProduct(broadcast(10 / vectors), vector(10 % vectors)) }
        if 11 < count { s11.addProduct(broadcast(11 / vectors), vector(11 % vectors)) }
        if 12 < count { s12.addProduct(broadcast(12 / vectors), vector(12 % vectors)) }
        if 13 < count { s13.addProduct(broadcast(13 / vectors), vector(13 % vectors)) }
        if 14 < count { s14.addProduct(broadcast(14 / vectors), vector(14 % vectors)) }
        if 15 < count { s15.addProduct(broadcast(15 / vectors), vector(15 % vectors)) }
        if 16 < count { s16.addProduct(broadcast(16 / vectors), vector(16 % vectors)) }
        if 17 < count { s17.addProduct(broadcast(17 / vectors), vector(17 % vectors)) }
        if 18 < count { s18.addProduct(broadcast(18 / vectors), vector(18 % vectors)) }
        if 19 < count { s19.addProduct(broadcast(19 / vectors), vector(19 % vectors)) }
        if 20 < count { s20.addProduct(broadcast(20 / vectors), vector(20 % vectors)) }
        if 21 < count { s21.addProduct(broadcast(21 / vectors), vector(21 % vectors)) }
        if 22 < count { s22.addProduct(broadcast(22 / vectors), vector(22 % vectors)) }
        if 23 < count { s23.addProduct(broadcast(23 / vectors), vector(23 % vectors)) }
    }

    /// Sets the first `count` sums to `value(i)`.
    @inline(__always)
    mutating func fill(count: Int, _ value: (Int) -> SIMD16<Float>) {
        if 0 < count { s0 = value(0) }
        if 1 < count { s1 = value(1) }
        if 2 < count { s2 = value(2) }
        if 3 < count { s3 = value(3) }
        if 4 < count { s4 = value(4) }
        if 5 < count { s5 = value(5) }
        if 6 < count { s6 = value(6) }
        if 7 < count { s7 = value(7) }
        if 8 < count { s8 = value(8) }
        if 9 < count { s9 = value(9) }
        if 10 < count { s10 = value(10) }
        if 11 < count { s11 = value(11) }
        if 12 < count { s12 = value(12) }
        if 13 < count { s13 = value(13) }
        if 14 < count { s14 = value(14) }
        if 15 < count { s15 = value(15) }
        if 16 < count { s16 = value(16) }
        if 17 < count { s17 = value(17) }
        if 18 < count { s18 = value(18) }
        if 19 < count { s19 = value(19) }
        if 20 < count { s20 = value(20) }
        if 21 < count { s21 = value(21) }
        if 22 < count { s22 = value(22) }
        if 23 < count { s23 = value(23) }
    }

    /// Loads the first `count` sums from `tile` (16 floats each, 64-byte aligned).
    @inline(__always)
    mutating func load(_ tile: UnsafePointer<Float>, count: Int) {
        let at = UnsafeRawPointer(tile)
        if 0 < count { s0 = at.load(fromByteOffset: 0, as: SIMD16<Float>.self) }
        if 1 < count { s1 = at.load(fromByteOffset: 64, as: SIMD16<Float>.self) }
        if 2 < count { s2 = at.load(fromByteOffset: 128, as: SIMD16<Float>.self) }
        if 3 < count { s3 = at.load(fromByteOffset: 192, as: SIMD16<Float>.self) }
        if 4 < count { s4 = at.load(fromByteOffset: 256, as: SIMD16<Float>.self) }
        if 5 < count { s5 = at.load(fromByteOffset: 320, as: SIMD16<Float>.self) }
        if 6 < count { s6 = at.load(fromByteOffset: 384, as: SIMD16<Float>.self) }
        if 7 < count { s7 = at.load(fromByteOffset: 448, as: SIMD16<Float>.self) }
        if 8 < count { s8 = at.load(fromByteOffset: 512, as: SIMD16<Float>.self) }
        if 9 < count { s9 = at.load(fromByteOffset: 576, as: SIMD16<Float>.self) }
        if 10 < count { s10 = at.load(fromByteOffset: 640, as: SIMD16<Float>.self) }
        if 11 < count { s11 = at.load(fromByteOffset: 704, as: SIMD16<Float>.self) }
        if 12 < count { s12 = at.load(fromByteOffset: 768, as: SIMD16<Float>.self) }
        if 13 < count { s13 = at.load(fromByteOffset: 832, as: SIMD16<Float>.self) }
        if 14 < count { s14 = at.load(fromByteOffset: 896, as: SIMD16<Float>.self) }
        if 15 < count { s15 = at.load(fromByteOffset: 960, as: SIMD16<Float>.self) }
        if 16 < count { s16 = at.load(fromByteOffset: 1024, as: SIMD16<Float>.self) }
        if 17 < count { s17 = at.load(fromByteOffset: 1088, as: SIMD16<Float>.self) }
        if 18 < count { s18 = at.load(fromByteOffset: 1152, as: SIMD16<Float>.self) }
        if 19 < count { s19 = at.load(fromByteOffset: 1216, as: SIMD16<Float>.self) }
        if 20 < count { s20 = at.load(fromByteOffset: 1280, as: SIMD16<Float>.self) }
        if 21 < count { s21 = at.load(fromByteOffset: 1344, as: SIMD16<Float>.self) }
        if 22 < count { s22 = at.load(fromByteOffset: 1408, as: SIMD16<Float>.self) }
        if 23 < count { s23 = at.load(fromByteOffset: 1472, as: SIMD16<Float>.self) }
    }

    /// Stores the first `count` sums at `tile` (16 floats each, 64-byte aligned).
    @inline(__always)
    func store(_ tile: UnsafeMutablePointer<Float>, count: Int) {
        let at = UnsafeMutableRawPointer(tile)
        if 0 < count { at.storeBytes(of: s0, toByteOffset: 0, as: SIMD16<Float>.self) }
        if 1 < count { at.storeBytes(of: s1, toByteOffset: 64, as: SIMD16<Float>.self) }
        if 2 < count { at.storeBytes(of: s2, toByteOffset: 128, as: SIMD16<Float>.self) }
        if 3 < count { at.storeBytes(of: s3, toByteOffset: 192, as: SIMD16<Float>.self) }
        if 4 < count { at.storeBytes(of: s4, toByteOffset: 256, as: SIMD16<Float>.self) }
        if 5 < count { at.storeBytes(of: s5, toByteOffset: 320, as: SIMD16<Float>.self) }
        if 6 < count { at.storeBytes(of: s6, toByteOffset: 384, as: SIMD16<Float>.self) }
        if 7 < count { at.storeBytes(of: s7, toByteOffset: 448, as: SIMD16<Float>.self) }
        if 8 < count { at.storeBytes(of: s8, toByteOffset: 512, as: SIMD16<Float>.self) }
        if 9 < count { at.storeBytes(of: s9, toByteOffset: 576, as: SIMD16<Float>.self) }
        if 10 < count { at.storeBytes(of: s10, toByteOffset: 640, as: SIMD16<Float>.self) }
        if 11 < count { at.storeBytes(of: s11, toByteOffset: 704, as: SIMD16<Float>.self) }
        if 12 < count { at.storeBytes(of: s12, toByteOffset: 768, as: SIMD16<Float>.self) }
        if 13 < count { at.storeBytes(of: s13, toByteOffset: 832, as: SIMD16<Float>.self) }
        if 14 < count { at.storeBytes(of: s14, toByteOffset: 896, as: SIMD16<Float>.self) }
        if 15 < count { at.storeBytes(of: s15, toByteOffset: 960, as: SIMD16<Float>.self) }
        if 16 < count { at.storeBytes(of: s16, toByteOffset: 1024, as: SIMD16<Float>.self) }
        if 17 < count { at.storeBytes(of: s17, toByteOffset: 1088, as: SIMD16<Float>.self) }
        if 18 < count { at.storeBytes(of: s18, toByteOffset: 1152, as: SIMD16<Float>.self) }
        if 19 < count { at.storeBytes(of: s19, toByteOffset: 1216, as: SIMD16<Float>.self) }
        if 20 < count { at.storeBytes(of: s20, toByteOffset: 1280, as: SIMD16<Float>.self) }
        if 21 < count { at.storeBytes(of: s21, toByteOffset: 1344, as: SIMD16<Float>.self) }
        if 22 < count { at.storeBytes(of: s22, toByteOffset: 1408, as: SIMD16<Float>.self) }
        if 23 < count { at.storeBytes(of: s23, toByteOffset: 1472, as: SIMD16<Float>.self) }
    }

    /// Sum `i` (0..<24).
    @inline(__always)
    func sum(_ i: Int) -> SIMD16<Float> {
        switch i {
        case 0: s0
        case 1: s1
        case 2: s2
        case 3: s3
        case 4: s4
        case 5: s5
        case 6: s6
        case 7: s7
        case 8: s8
        case 9: s9
        case 10: s10
        case 11: s11
        case 12: s12
        case 13: s13
        case 14: s14
        case 15: s15
        case 16: s16
        case 17: s17
        case 18: s18
        case 19: s19
        case 20: s20
        case 21: s21
        case 22: s22
        default: s23
        }
    }
}
