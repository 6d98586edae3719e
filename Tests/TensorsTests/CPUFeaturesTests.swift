import Foundation
import Testing

@testable import Tensors

@Suite("The run-time CPU check")
struct CPUFeaturesTests {
    @Test("AVX-512 is found exactly when the kernel's /proc/cpuinfo lists F, DQ, CD, BW and VL")
    func matchesCPUInfo() throws {
        #if os(Linux)
            let text = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("flags") })
            let flags = Set(line.split(separator: " ").map(String.init))
            let wanted = ["avx512f", "avx512dq", "avx512cd", "avx512bw", "avx512vl"]
            #expect(CPUFeatures.detectAVX512() == wanted.allSatisfy(flags.contains))
        #endif
    }

    @Test("CONVBOOK_CPU=avx2 keeps the 8-lane kernels; anything else takes what the CPU has")
    func override() {
        #expect(CPUFeatures(hasAVX512: true, request: nil).useAVX512)
        #expect(CPUFeatures(hasAVX512: true, request: "auto").useAVX512)
        #expect(CPUFeatures(hasAVX512: true, request: "avx512").useAVX512)
        #expect(!CPUFeatures(hasAVX512: true, request: "AVX2").useAVX512)
        #expect(CPUFeatures(hasAVX512: true, request: "avx2").summary == "avx2 (CONVBOOK_CPU=avx2)")
        #expect(!CPUFeatures(hasAVX512: false, request: "avx512").useAVX512)
        #expect(CPUFeatures(hasAVX512: false, request: "avx512").summary == "avx2 (no AVX-512)")
    }
}

@Suite("OpenBLAS's core choice")
struct BLASCoreTests {
    @Test("a pre-AVX2 core is replaced by SkylakeX or Haswell, unless OPENBLAS_CORETYPE was set")
    func replacement() {
        let wide = CPUFeatures(hasAVX512: true, request: nil)
        let narrow = CPUFeatures(hasAVX512: true, request: "avx2")
        let old = CPUFeatures(hasAVX512: false, request: nil)
        #if arch(x86_64)
            #expect(BLASCore.replacement(current: "Prescott", requested: nil, features: wide) == "SkylakeX")
            #expect(BLASCore.replacement(current: "Prescott", requested: nil, features: narrow) == "Haswell")
            #expect(BLASCore.replacement(current: "Nehalem", requested: nil, features: old) == "Haswell")
        #endif
        #expect(BLASCore.replacement(current: "Prescott", requested: "Prescott", features: wide) == nil)
        #expect(BLASCore.replacement(current: "Haswell", requested: nil, features: wide) == nil)
        #expect(BLASCore.replacement(current: "SkylakeX", requested: nil, features: wide) == nil)
    }

    @Test("the library reports the core it runs")
    func name() {
        #expect(!BLASCore.name.isEmpty && BLASCore.name != "unknown")
    }
}
