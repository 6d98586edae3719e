import CCPUID

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which vector width the engine's kernels use, decided once per process at run time.
///
/// The hot targets are compiled for x86-64-v3 (AVX2 + FMA, 8 lanes). The 16-lane kernels of
/// `TensorsWide` (compiled for x86-64-v4) run only when CPUID reports AVX-512 F, DQ, CD, BW and
/// VL (what x86-64-v4 lets the compiler use) and XGETBV shows that the operating system saves
/// the opmask and all 32 512-bit registers. The environment variable `CONVBOOK_CPU=avx2` keeps
/// the 8-lane kernels on a machine that has AVX-512 (for A/B runs); `avx512` or `auto` (or
/// nothing) takes the widest the machine supports.
public struct CPUFeatures: Sendable, Equatable {
    /// What this CPU and operating system can run.
    public var hasAVX512: Bool
    /// What the engine uses: `hasAVX512`, unless `CONVBOOK_CPU` asked for AVX2.
    public var useAVX512: Bool
    /// The value of `CONVBOOK_CPU` when it was read, if set.
    public var request: String?

    /// The process's features, read once.
    public static let current: CPUFeatures = {
        let variable = getenv(environmentVariable).map { String(cString: $0) }
        return CPUFeatures(hasAVX512: detectAVX512(), request: variable)
    }()

    /// The environment variable that overrides the choice.
    public static let environmentVariable = "CONVBOOK_CPU"

    /// The choice for a machine with or without AVX-512, given the override's value.
    public init(hasAVX512: Bool, request: String?) {
        self.hasAVX512 = hasAVX512
        self.request = request
        let wanted = request?.lowercased()
        useAVX512 = hasAVX512 && wanted != "avx2"
    }

    /// The width in use and why, for benchmark reports: `avx512`, `avx2`, or
    /// `avx2 (CONVBOOK_CPU=avx2)`, `avx2 (no AVX-512)` when the request could not be met.
    public var summary: String {
        if useAVX512 { return "avx512" }
        if !hasAVX512 { return "avx2 (no AVX-512)" }
        return "avx2 (\(Self.environmentVariable)=\(request ?? ""))"
    }

    /// AVX-512 F, DQ, CD, BW and VL in CPUID leaf 7, and XCR0 with the SSE, AVX, opmask and
    /// both upper ZMM states enabled by the operating system.
    static func detectAVX512() -> Bool {
        var registers: [UInt32] = [0, 0, 0, 0]
        guard ccpuid_query(1, 0, &registers) != 0 else { return false }
        let osxsave: UInt32 = 1 << 27
        guard registers[2] & osxsave != 0 else { return false }
        // XCR0 bits 1 (SSE), 2 (AVX), 5 (opmask), 6 (ZMM 0–15 upper halves), 7 (ZMM 16–31).
        let states: UInt64 = 0b1110_0110
        guard ccpuid_xgetbv(0) & states == states else { return false }
        guard ccpuid_query(7, 0, &registers) != 0 else { return false }
        // EBX: F (16), DQ (17), CD (28), BW (30), VL (31).
        let wanted: UInt32 = 1 << 16 | 1 << 17 | 1 << 28 | 1 << 30 | 1 << 31
        return registers[1] & wanted == wanted
    }
}
