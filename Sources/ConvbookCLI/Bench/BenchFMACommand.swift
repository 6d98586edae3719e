import ArgumentParser
import Foundation
@_spi(Benchmark) import Tensors

/// `convbook bench fma`: this machine's FMA peak at the engine's vector width (8-lane AVX2
/// multiply-adds), on 1 and 2 threads or the ones given, one JSON line each. `bench conv` and
/// `bench grad` GFLOPS are quoted against it.
struct BenchFMACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fma",
        abstract: "Measure the FMA peak (8-lane AVX2 multiply-adds) in GFLOPS.")

    @Option(help: "Comma-separated thread counts.")
    var threads: String = "1,2"

    @Option(help: "Tries per thread count (the best is reported).")
    var samples: Int = 5

    func validate() throws {
        guard samples > 0 else { throw ValidationError("--samples must be positive") }
        guard !counts.isEmpty, counts.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--threads must list positive counts")
        }
    }

    private var counts: [Int] { BenchSelection.names(threads).compactMap { Int($0) } }

    func run() throws {
        for count in counts {
            var report = BenchReport(shape: "fma_avx2_8lane")
            report.add("gflops", FMAPeak.flops(threads: count, samples: samples) / 1e9, digits: 1)
            report.add("threads", count)
            print(report.json)
            fflush(nil)
        }
    }
}
