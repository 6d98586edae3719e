import CBLAS

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which of its kernels OpenBLAS runs, and the fix for a CPU it does not recognise.
///
/// Debian's OpenBLAS 0.3.21 (built with `DYNAMIC_ARCH`) picks its kernels when the library
/// loads. It does not know newer Xeons (this machine's Emerald Rapids, family 6 model 207) and
/// falls back to its generic "Prescott" SSE3 kernels, several times slower at `sgemm`. Setting
/// `OPENBLAS_CORETYPE` fixes that, but only before the library loads, so the `convbook` binary
/// starts itself again with the variable set (``replacement()`` says whether and with what);
/// ``summary`` reports the outcome in the benchmarks' output.
public enum BLASCore {
    /// The variable OpenBLAS reads when it loads.
    public static let environmentVariable = "OPENBLAS_CORETYPE"
    /// Set by `convbook` when it started itself again: the core OpenBLAS had chosen on its own.
    public static let fallbackVariable = "CONVBOOK_OPENBLAS_FALLBACK"

    /// OpenBLAS's name for the kernels it runs ("Haswell", "SkylakeX", "Prescott", …).
    public static var name: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// OpenBLAS cores whose kernels are older than AVX2: on a CPU with AVX2 (which every x86-64-v3
    /// build of Convbook needs) these mean OpenBLAS did not recognise the CPU.
    static let preAVX2Cores: Set<String> = [
        "prescott", "core2", "penryn", "dunnington", "nehalem", "atom", "sandybridge", "katmai", "coppermine",
        "northwood", "banias", "barcelona", "opteron", "opteron_sse3", "bobcat", "bulldozer", "piledriver",
    ]

    /// The core type to ask OpenBLAS for when the one it chose runs pre-AVX2 kernels and nobody
    /// set `OPENBLAS_CORETYPE`: SkylakeX (its AVX-512 kernels) where ``CPUFeatures`` found
    /// AVX-512, else Haswell (AVX2). `CONVBOOK_CPU=avx2` asks for Haswell too.
    public static func replacement(
        current: String, requested: String?, features: CPUFeatures = .current
    ) -> String? {
        guard requested == nil, preAVX2Cores.contains(current.lowercased()) else { return nil }
        #if arch(x86_64)
            return features.useAVX512 ? "SkylakeX" : "Haswell"
        #else
            return nil
        #endif
    }

    /// ``replacement(current:requested:features:)`` for this process.
    public static func replacement() -> String? {
        replacement(current: name, requested: getenv(environmentVariable).map { String(cString: $0) })
    }

    /// The kernels in use and how they were chosen, for benchmark reports: "Haswell",
    /// "SkylakeX (set by convbook; OpenBLAS chose Prescott)", or
    /// "Prescott (OpenBLAS did not recognise this CPU)" when the fix did not run.
    public static var summary: String {
        let name = name
        if let fallback = getenv(fallbackVariable).map({ String(cString: $0) }) {
            return "\(name) (set by convbook; OpenBLAS chose \(fallback))"
        }
        if preAVX2Cores.contains(name.lowercased()) { return "\(name) (OpenBLAS did not recognise this CPU)" }
        return name
    }
}
