import ArgumentParser
import Foundation
import Tensors

/// `convbook bench norm`: batch norm forward + backward in training mode (issue 17), one JSON
/// line per shape; `Benchmarks/peer_norm.py` times the same steps on PyTorch.
///
/// One timed step normalizes the input with its batch statistics, updates the running
/// statistics, and runs the backward pass for an upstream gradient (input, weight and bias
/// gradients). Also reported: the training forward pass alone and the evaluation forward pass.
struct BenchNormCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "norm",
        abstract: "Benchmark batch norm forward + backward (bn_128x64x28 and smaller shapes).")

    @OptionGroup var timing: BenchTimingOptions

    /// The shapes: name and (N, C, h, w) or (N, C).
    static let suite: [(name: String, shape: [Int])] = [
        ("bn_128x64x28", [128, 64, 28, 28]),
        ("bn_32x256x14", [32, 256, 14, 14]),
        ("bn1d_256x120", [256, 120]),
    ]

    func run() throws {
        Parallel.threadCount = timing.threads
        Thread.sleep(forTimeInterval: 0.3)
        let timer = timing.timer
        for (index, c) in Self.suite.enumerated() {
            var rng = BenchRandom(seed: UInt64(index + 1))
            let count = c.shape.reduce(1, *)
            let channels = c.shape[1]
            let input = try Tensor(shape: c.shape, floats: rng.floats(count))
            let upstream = try Tensor(shape: c.shape, floats: rng.floats(count))
            let weight = try Tensor.ones([channels])
            let bias = try Tensor.zeros([channels])
            var runningMean = try Tensor.zeros([channels])
            var runningVar = try Tensor.ones([channels])
            let sinks = (NormGradientSink(), NormGradientSink(), NormGradientSink())
            let step = {
                let (y, statistics) = try TrackedTensor.batchNorm(
                    TrackedTensor(input, node: GradNode(accumulatingInto: sinks.0)),
                    weight: TrackedTensor(weight, node: GradNode(accumulatingInto: sinks.1)),
                    bias: TrackedTensor(bias, node: GradNode(accumulatingInto: sinks.2)), eps: 1e-5)
                (runningMean, runningVar) = try statistics.updating(
                    runningMean: runningMean, runningVariance: runningVar, momentum: 0.1)
                try Autograd.backward(y, gradient: upstream)
            }
            let forward = {
                _ = try batchNorm(input: input, weight: weight, bias: bias, eps: 1e-5)
            }
            let evaluation = {
                _ = try batchNorm(
                    input: input, mean: runningMean, variance: runningVar, weight: weight, bias: bias, eps: 1e-5)
            }
            let (median, best) = try timer.measure(step)
            let (forwardMedian, _) = try timer.measure(forward)
            let (evalMedian, _) = try timer.measure(evaluation)
            var report = BenchReport(shape: c.name)
            report.add("median_us", median * 1e6)
            report.add("best_us", best * 1e6)
            report.add("forward_median_us", forwardMedian * 1e6)
            report.add("eval_median_us", evalMedian * 1e6)
            // The data a step has to move at least: x and dy read, y and dx written.
            report.add("gb_per_s", 4 * Double(count) * 4 / median / 1e9, digits: 2)
            report.add("threads", timing.threads)
            report.add("clock", string: timing.cpuTime ? "cpu" : "wall")
            print(report.json)
            fflush(nil)
        }
    }
}

/// Receives the gradients of the benchmark's leaves (kept, like `.grad`, but overwritten).
private final class NormGradientSink: GradientSink {
    var gradient: Tensor?
    func accumulateGradient(_ gradient: Tensor) throws(TensorError) {
        self.gradient = gradient
    }
}
