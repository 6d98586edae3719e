import Foundation
import Tensors

/// One line of benchmark output: a flat JSON object with the shape name first.
struct BenchReport {
    private var fields: [(String, String)] = []

    init(shape: String) {
        add("shape", string: shape)
    }

    private init() {}

    /// The first line of a benchmark's output: which kernels this process runs (the engine's
    /// vector width from ``CPUFeatures``, and OpenBLAS's core from ``BLASCore``).
    static var machine: BenchReport {
        var report = BenchReport()
        report.add("machine", string: CPUFeatures.current.hasAVX512 ? "x86-64 with AVX-512" : "x86-64 without AVX-512")
        report.add("kernels", string: CPUFeatures.current.summary)
        report.add("openblas", string: BLASCore.summary)
        return report
    }

    mutating func add(_ key: String, string value: String) {
        fields.append((key, "\"\(value)\""))
    }

    /// Adds a number rounded to `digits` decimals.
    mutating func add(_ key: String, _ value: Double, digits: Int = 3) {
        fields.append((key, value.isFinite ? String(format: "%.\(digits)f", value) : "null"))
    }

    mutating func add(_ key: String, _ value: Int) {
        fields.append((key, String(value)))
    }

    mutating func add(_ key: String, _ value: Bool) {
        fields.append((key, value ? "true" : "false"))
    }

    var json: String {
        "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }
}
