/// An 8 × 8 block of floats in eight vectors, transposed in registers: three rounds of the
/// perfect unshuffle (row `k` of a round is the even lanes of rows `2k, 2k + 1` of the last,
/// row `k + 4` their odd lanes) rotate each element's 6-bit (row, column) index by one bit,
/// so after three rounds row and column have swapped.
struct Transpose8 {
    var r0, r1, r2, r3, r4, r5, r6, r7: SIMD8<Float>

    /// Row `i` from the 8 floats at `source + i · stride`.
    @inline(__always)
    init(_ source: UnsafePointer<Float>, stride: Int) {
        func row(_ i: Int) -> SIMD8<Float> {
            UnsafeRawPointer(source + i * stride).loadUnaligned(as: SIMD8<Float>.self)
        }
        (r0, r1, r2, r3, r4, r5, r6, r7) = (row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7))
    }

    /// Rows `0..<rows` from `source + i · stride` (as above), the others zero.
    @inline(__always)
    init(_ source: UnsafePointer<Float>, stride: Int, rows: Int) {
        func row(_ i: Int) -> SIMD8<Float> {
            i < rows ? UnsafeRawPointer(source + i * stride).loadUnaligned(as: SIMD8<Float>.self) : .zero
        }
        (r0, r1, r2, r3, r4, r5, r6, r7) = (row(0), row(1), row(2), row(3), row(4), row(5), row(6), row(7))
    }

    @inline(__always)
    mutating func transpose() {
        for _ in 0..<3 {
            let p0 = SIMD16(lowHalf: r0, highHalf: r1)
            let p1 = SIMD16(lowHalf: r2, highHalf: r3)
            let p2 = SIMD16(lowHalf: r4, highHalf: r5)
            let p3 = SIMD16(lowHalf: r6, highHalf: r7)
            (r0, r1, r2, r3) = (p0.evenHalf, p1.evenHalf, p2.evenHalf, p3.evenHalf)
            (r4, r5, r6, r7) = (p0.oddHalf, p1.oddHalf, p2.oddHalf, p3.oddHalf)
        }
    }

    /// Row `i` (0..<8).
    @inline(__always)
    func row(_ i: Int) -> SIMD8<Float> {
        switch i {
        case 0: r0
        case 1: r1
        case 2: r2
        case 3: r3
        case 4: r4
        case 5: r5
        case 6: r6
        default: r7
        }
    }

    /// Row `i` plus `offsets[i]` at `target + i · stride`.
    @inline(__always)
    func store(_ target: UnsafeMutablePointer<Float>, stride: Int, adding offsets: SIMD8<Float>) {
        for i in 0..<8 {
            UnsafeMutableRawPointer(target + i * stride).storeBytes(
                of: row(i) + SIMD8(repeating: offsets[i]), as: SIMD8<Float>.self)
        }
    }

    /// The rows, one after another, at `target` (64 floats).
    @inline(__always)
    func store(_ target: UnsafeMutablePointer<Float>) {
        let raw = UnsafeMutableRawPointer(target)
        func put(_ i: Int, _ row: SIMD8<Float>) { raw.storeBytes(of: row, toByteOffset: 32 * i, as: SIMD8<Float>.self) }
        put(0, r0)
        put(1, r1)
        put(2, r2)
        put(3, r3)
        put(4, r4)
        put(5, r5)
        put(6, r6)
        put(7, r7)
    }
}
