import Dispatch
import Synchronization
import TensorsWide

/// This machine's FMA peak at a vector width (AVX2: 8 lanes; AVX-512: 16), measured: each thread
/// runs twelve independent chains of 8-lane multiply-adds, which keeps both FMA units busy
/// (four-cycle latency × two units needs eight chains in flight) with nothing else in the loop.
/// The convolution benchmark quotes each shape's distance from it. Not part of the engine's API.
@_spi(Benchmark) public enum FMAPeak {
    /// FLOPs per second (2 per lane per multiply-add) of `threads` threads running the loop at
    /// once for about `seconds`, the best of `samples` tries.
    /// With `wide`, the 16-lane loop (only where ``CPUFeatures/hasAVX512``; elsewhere 0).
    public static func flops(threads: Int, wide: Bool = false, seconds: Double = 0.2, samples: Int = 5) -> Double {
        if wide && !CPUFeatures.current.hasAVX512 { return 0 }
        let lanes = wide ? 16 : 8
        let iterations = 1 << 22
        var best = 0.0
        for _ in 0..<max(1, samples) {
            let start = DispatchTime.now().uptimeNanoseconds
            let rounds = Atomic<Int>(0)
            let deadline = start + UInt64(seconds * 1e9)
            let loop: @Sendable (Int) -> Void = { _ in
                while DispatchTime.now().uptimeNanoseconds < deadline {
                    if wide { sink(SIMD8(repeating: WideFMAChains.run(iterations))) } else { sink(chains(iterations)) }
                    rounds.wrappingAdd(1, ordering: .relaxed)
                }
            }
            // The engine's own threads, as the convolutions use them.
            if !ParallelPool.shared.run(max(1, threads), body: loop) {
                DispatchQueue.concurrentPerform(iterations: max(1, threads), execute: loop)
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            let flops = Double(rounds.load(ordering: .relaxed)) * Double(iterations) * 12 * Double(lanes) * 2
            best = max(best, flops / elapsed)
        }
        return best
    }

    /// Twelve independent multiply-add chains `a = a · b + c`, `iterations` steps each (they
    /// settle near 0.1, so no value overflows or turns subnormal).
    @inline(never)
    static func chains(_ iterations: Int) -> SIMD8<Float> {
        let b = SIMD8<Float>(repeating: 0.999_999)
        let c = SIMD8<Float>(repeating: 1e-7)
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
        return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11))
    }

    /// Keeps the result alive, so the loop is not optimized away.
    @inline(never)
    static func sink(_ value: SIMD8<Float>) {
        if !value[0].isFinite { print("FMAPeak: the chains overflowed") }
    }
}
