import ArgumentParser
import Foundation
import Tensors

/// `convbook bench grad`: forward + backward of `conv2d` (issue 8), one JSON line per shape.
///
/// Input, weight and bias all require grad, and the loss is `conv2d(x, w, b).sum()`, so one
/// timed call is the forward convolution plus the three gradients (input, weight, bias) that
/// `Benchmarks/peer_grad.py` times for PyTorch. Also reports the forward pass alone.
struct BenchGradCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grad",
        abstract: "Benchmark conv2d forward + backward (res3x3_c64_56 and its batch-8 variant).")

    @Option(help: "Threads for the engine and OpenBLAS.")
    var threads: Int = 2

    @Option(help: "Timed samples per shape (the median is reported).")
    var samples: Int = 9

    @Option(help: "Minimum seconds per sample (calls are repeated to fill it).")
    var minTime: Double = 0.2

    @Option(help: "Wait until other processes use fewer than this many cores before each sample (0: off).")
    var quietWait: Double = 0.2

    @Option(help: "Longest wait for quiet per sample, in seconds.")
    var quietTimeout: Double = 10

    /// The shapes: name, batch, channels, size, output channels, kernel, padding.
    static let suite: [(name: String, batch: Int, channels: Int, size: Int, out: Int, kernel: Int, padding: Int)] = [
        ("res3x3_c64_56", 1, 64, 56, 64, 3, 1),
        ("res3x3_c64_56_n8", 8, 64, 56, 64, 3, 1),
    ]

    func validate() throws {
        guard threads > 0 else { throw ValidationError("--threads must be positive") }
        guard samples > 0 else { throw ValidationError("--samples must be positive") }
    }

    func run() throws {
        Parallel.threadCount = threads
        Thread.sleep(forTimeInterval: 0.3)
        let timer = BenchTimer(
            samples: samples, minimumSeconds: minTime, quiet: BenchQuiet(threshold: quietWait, timeout: quietTimeout))
        for (index, c) in Self.suite.enumerated() {
            var rng = BenchRandom(seed: UInt64(index + 1))
            let input = try Tensor(
                shape: [c.batch, c.channels, c.size, c.size], floats: rng.floats(c.batch * c.channels * c.size * c.size)
            )
            let weight = try Tensor(
                shape: [c.out, c.channels, c.kernel, c.kernel],
                floats: rng.floats(c.out * c.channels * c.kernel * c.kernel))
            let bias = try Tensor(shape: [c.out], floats: rng.floats(c.out))
            let sinks = (BenchGradientSink(), BenchGradientSink(), BenchGradientSink())
            let step = {
                let y = try TrackedTensor.conv2d(
                    input: TrackedTensor(input, node: GradNode(accumulatingInto: sinks.0)),
                    weight: TrackedTensor(weight, node: GradNode(accumulatingInto: sinks.1)),
                    bias: TrackedTensor(bias, node: GradNode(accumulatingInto: sinks.2)),
                    padding: .explicit(ConvPair(c.padding)))
                try Autograd.backward(try y.sum())
            }
            let forward = {
                _ = try conv2d(input: input, weight: weight, bias: bias, padding: .explicit(ConvPair(c.padding)))
            }
            let (median, best) = try timer.measure(step)
            let (forwardMedian, _) = try timer.measure(forward)
            let outPlane = c.size * c.size
            // Forward, input gradient and weight gradient are one convolution's worth of FLOPs each.
            let flops = 3 * 2.0 * Double(c.batch * c.out * outPlane * c.channels * c.kernel * c.kernel)
            var report = BenchReport(shape: c.name)
            report.add("median_us", median * 1e6)
            report.add("best_us", best * 1e6)
            report.add("forward_median_us", forwardMedian * 1e6)
            report.add("gflops", flops / median / 1e9, digits: 2)
            report.add("threads", threads)
            print(report.json)
            fflush(nil)
        }
    }
}

/// Receives the gradients of the benchmark's leaves (kept, like `.grad`, but overwritten).
private final class BenchGradientSink: GradientSink {
    var gradient: Tensor?
    func accumulateGradient(_ gradient: Tensor) throws(TensorError) {
        self.gradient = gradient
    }
}
