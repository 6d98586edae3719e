/// The logistic function `1 / (1 + e^(−x))` and its gradient on whole SIMD registers, written once
/// for any lane count: `Tensors` specializes it for 8 lanes (AVX2, the x86-64-v3 baseline) and
/// ``LogisticWide`` for 16 (AVX-512), so both widths share one polynomial and one loop.
///
/// `e^(−|x|)` comes from Cephes' `expf`: `n = round(t · log₂e)`, `r = t − n ln 2` with ln 2 in two
/// parts so `r` keeps its low bits, a degree-6 polynomial for `e^r` on `[−ln 2 / 2, ln 2 / 2]`, and
/// `2ⁿ` built in the exponent bits; every step is one fused multiply-add. The result is
/// `1 / (1 + e)` for `x ≥ 0` and `e / (1 + e)` below (one division either way), so nothing
/// overflows. A register holding a value whose `e^(−|x|)` would be subnormal (`|x| > 87`) or a
/// NaN is left to the caller's exact scalar function: the loops stop there and say where.
public enum LogisticLanes {
    /// `e^t` for `t` in `[−87, 0]` (within 2 ulp of the exact value).
    @inlinable @inline(__always)
    public static func exp<V: LogisticVector>(_ t: V) -> V {
        // Adding 1.5 · 2²³ rounds t · log₂e to the nearest integer n and leaves n in the low bits.
        let magic = V(repeating: 12_582_912)
        let shifted = magic.addingProduct(t, V(repeating: 1.442_695_04))
        let n = shifted - magic
        // Cephes' two-part ln 2: r = t − n · 0.693359375 + n · 2.12194440e-4.
        var r = t.addingProduct(n, V(repeating: -0.693_359_375))
        r = r.addingProduct(n, V(repeating: 2.121_944_4e-4))
        var p = V(repeating: 1.398_199_950_7e-3).addingProduct(V(repeating: 1.987_569_15e-4), r)
        p = V(repeating: 8.333_451_907_3e-3).addingProduct(p, r)
        p = V(repeating: 4.166_579_589_4e-2).addingProduct(p, r)
        p = V(repeating: 1.666_666_545_9e-1).addingProduct(p, r)
        p = V(repeating: 5.000_000_120_1e-1).addingProduct(p, r)
        p = r.addingProduct(p, r * r) + 1
        let exponent = unsafeBitCast(shifted, to: V.MaskStorage.self) &- 0x4B40_0000
        let scale = unsafeBitCast((exponent &+ 127) &<< 23, to: V.self)
        return p * scale
    }

    /// Writes `sigmoid(x)` for whole registers of `V` from the start of `count` values and returns
    /// how many it wrote: all whole registers, or fewer when it met a register holding `|x| > 87`
    /// or a NaN (the caller computes that register exactly and calls again after it).
    @inlinable @inline(__always)
    public static func forward<V: LogisticVector>(
        _ lanes: V.Type, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int
    ) -> Int {
        let width = V.scalarCount
        var index = 0
        while index + width <= count {
            let v = UnsafeRawPointer(x + index).loadUnaligned(as: V.self)
            let negative = V.lanes(v, below: 0)
            let a = v.replacing(with: -v, where: negative)
            guard all(V.lanes(a, atMost: 87)) else { break }
            let e = exp(-a)
            let numerator = V(repeating: 1).replacing(with: e, where: negative)
            UnsafeMutableRawPointer(y + index).storeBytes(of: numerator / (1 + e), as: V.self)
            index += width
        }
        return index
    }

    /// Writes the input gradient `dy · y · (1 − y)` for whole registers of `V` from the start of
    /// `count` values and returns how many it wrote.
    @inlinable @inline(__always)
    public static func backward<V: SIMD>(
        _ lanes: V.Type, _ dy: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>,
        count: Int
    ) -> Int where V.Scalar == Float {
        let width = V.scalarCount
        var index = 0
        while index + width <= count {
            let g = UnsafeRawPointer(dy + index).loadUnaligned(as: V.self)
            let s = UnsafeRawPointer(y + index).loadUnaligned(as: V.self)
            UnsafeMutableRawPointer(dx + index).storeBytes(of: g * s * (1 - s), as: V.self)
            index += width
        }
        return index
    }
}

/// A register of floats whose comparisons compile to one vector compare: the generic `.<` of
/// `SIMD` goes lane by lane, the concrete types' own operators do not.
public protocol LogisticVector: SIMD where Scalar == Float, MaskStorage.Scalar == Int32 {
    /// The lanes where `x < bound`.
    static func lanes(_ x: Self, below bound: Float) -> SIMDMask<MaskStorage>
    /// The lanes where `x ≤ bound` (false for NaN).
    static func lanes(_ x: Self, atMost bound: Float) -> SIMDMask<MaskStorage>
}

extension SIMD8: LogisticVector where Scalar == Float {
    @inlinable @inline(__always)
    public static func lanes(_ x: Self, below bound: Float) -> SIMDMask<SIMD8<Int32>> { x .< bound }
    @inlinable @inline(__always)
    public static func lanes(_ x: Self, atMost bound: Float) -> SIMDMask<SIMD8<Int32>> { x .<= bound }
}

extension SIMD16: LogisticVector where Scalar == Float {
    @inlinable @inline(__always)
    public static func lanes(_ x: Self, below bound: Float) -> SIMDMask<SIMD16<Int32>> { x .< bound }
    @inlinable @inline(__always)
    public static func lanes(_ x: Self, atMost bound: Float) -> SIMDMask<SIMD16<Int32>> { x .<= bound }
}
