/// Twelve independent 16-lane multiply-add chains, the AVX-512 half of `FMAPeak` (which runs
/// them only after `CPUFeatures` found AVX-512).
public enum WideFMAChains {
    /// Runs `a = a · b + c` on twelve 16-lane chains, `iterations` steps each (they settle near
    /// 0.1, so no value overflows or turns subnormal), and returns the sum of their lanes (a
    /// scalar: a 16-lane vector would cross into x86-64-v3 code in registers of another width).
    @inline(never)
    public static func run(_ iterations: Int) -> Float {
        let b = SIMD16<Float>(repeating: 0.999_999)
        let c = SIMD16<Float>(repeating: 1e-7)
        var (a0, a1, a2, a3, a4, a5) = (b, b, b, b, b, b)
        var (a6, a7, a8, a9, a10, a11) = (b, b, b, b, b, b)
        for _ in 0..<iterations {
            a0 = c.addingProduct(a0, b)
            a1 = c.addingProduct(a1, b)
            a2 = c.addingProduct(a2, b)
            a3 = c.addingProduct(a3, b)
            a4 = c.addingProduct(a4, b)
            a5 = c.addingProduct(a5, b)
            a6 = c.addingProduct(a6, b)
            a7 = c.addingProduct(a7, b)
            a8 = c.addingProduct(a8, b)
            a9 = c.addingProduct(a9, b)
            a10 = c.addingProduct(a10, b)
            a11 = c.addingProduct(a11, b)
        }
        return (((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11))).sum()
    }
}
