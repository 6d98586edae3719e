import ArgumentParser

/// The timing options `bench conv`, `bench grad` and `bench norm` share: threads, samples, the
/// length of a sample, waiting for a quiet machine, and which clock to read.
struct BenchTimingOptions: ParsableArguments {
    @Option(help: "Threads for the engine and OpenBLAS.")
    var threads: Int = 2

    @Option(help: "Timed samples per shape (the median is reported).")
    var samples: Int = 9

    @Option(help: "Minimum seconds per sample (calls are repeated to fill it).")
    var minTime: Double = 0.1

    @Option(help: "Wait until other processes use fewer than this many cores before each sample (0: off).")
    var quietWait: Double = 0.2

    @Option(help: "Longest wait for quiet per sample, in seconds.")
    var quietTimeout: Double = 10

    @Flag(help: "Report process CPU time instead of wall time (for a busy machine; use with --threads 1).")
    var cpuTime = false

    func validate() throws {
        guard threads > 0 else { throw ValidationError("--threads must be positive") }
        guard samples > 0 else { throw ValidationError("--samples must be positive") }
    }

    /// The timer these options describe.
    var timer: BenchTimer {
        BenchTimer(
            samples: samples, minimumSeconds: minTime, cpuTime: cpuTime,
            quiet: BenchQuiet(threshold: quietWait, timeout: quietTimeout))
    }
}
