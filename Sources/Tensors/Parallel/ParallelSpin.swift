/// How long the engine's idle workers poll for the next job before they park
/// (``ParallelPool/spinNanoseconds``), for A/B benchmarks (`convbook bench train --spin-us`).
@_spi(Benchmark) public enum ParallelSpin {
    /// The polling time an engine starts with, in microseconds.
    public static let defaultMicroseconds = 200

    /// The polling time in microseconds (``defaultMicroseconds`` until set).
    public static var microseconds: Int {
        get { Int(ParallelPool.spinNanoseconds.load(ordering: .relaxed) / 1000) }
        // At most a second: the setting is for A/B runs of tens to hundreds of microseconds.
        set { ParallelPool.spinNanoseconds.store(UInt64(min(max(0, newValue), 1_000_000)) * 1000, ordering: .relaxed) }
    }
}
