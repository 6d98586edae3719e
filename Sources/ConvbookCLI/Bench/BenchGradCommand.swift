import ArgumentParser
import Foundation
@_spi(Benchmark) import Tensors

/// `convbook bench grad`: forward and backward of `conv2d` (issues 8 and 21), one JSON line per
/// shape (and weight-gradient algorithm).
///
/// Times, each on its own: the forward convolution, the input gradient, the weight and bias
/// gradients, and one whole training step through autograd (`conv2d(x, w, b).sum()` with input,
/// weight and bias requiring grad, then `backward()`), which is what `Benchmarks/peer_grad.py`
/// times for PyTorch. `backward_us` is the input gradient plus the weight and bias gradients.
struct BenchGradCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grad",
        abstract: "Benchmark conv2d forward and backward (input, weight and bias gradients).")

    @OptionGroup var timing: BenchTimingOptions

    @Option(help: "Comma-separated shape names (default: all).")
    var shapes: String = ""

    @Option(
        help: """
            Comma-separated conv algorithms for the forward pass and the input gradient (a transposed \
            convolution run as a forward one, at stride 1) to compare in one process; input-rows: the \
            direct input gradient of small convolutions (forward: the engine's choice), input-rows-8 the \
            same with 8 lanes one image at a time (also on an AVX-512 machine), input-lanes-8 with eight \
            images in the 8 lanes (the choice without AVX-512), input-rows-16 with 16 lanes but one image at a time \
            (not sixteen images in the lanes); input-planar: input positions in the lanes for few input \
            channels (AVX-512); input-transposed: neither, the transposed convolution as the engine runs \
            it before Winograd; input-flipped-copy: the same with the flipped weights copied before the \
            forward kernel packs them (not packed flipped in one pass); input-winograd: Winograd F(4×4, 3×3) \
            on 3×3 stride-1 kernels; input-fold: Wᵀ · dY folded back onto the input (col2im) even at stride 1; \
            default: the engine's own choice.
            """)
    var algorithms: String = ""

    @Option(
        help: """
            Comma-separated weight-gradient algorithms to compare in one process (samples alternate, \
            one line per algorithm); default: the engine's own choice.
            """)
    var weightAlgorithms: String = ""

    @Flag(help: "Verify the gradients against plain loops before timing them.")
    var check = false
    /// One shape: a batch of `channels × size²` images, `out` kernels of `kernel²`.
    struct Case {
        var name: String
        var batch: Int
        var channels: Int
        var size: Int
        var out: Int
        var kernel: Int
        var stride: Int
        var padding: Int
    }

    /// The large shapes of `bench conv`, and LeNet's two convolutions on a batch of 128
    /// Fashion-MNIST images. Same list in `Benchmarks/peer_grad.py`.
    static let suite: [Case] = [
        Case(name: "stem3x3_c3_224", batch: 1, channels: 3, size: 224, out: 64, kernel: 3, stride: 1, padding: 1),
        Case(name: "res3x3_c64_56", batch: 1, channels: 64, size: 56, out: 64, kernel: 3, stride: 1, padding: 1),
        Case(name: "pw1x1_c256_14", batch: 1, channels: 256, size: 14, out: 256, kernel: 1, stride: 1, padding: 0),
        Case(name: "res3x3_c64_56_n8", batch: 8, channels: 64, size: 56, out: 64, kernel: 3, stride: 1, padding: 1),
        Case(name: "res3x3_c128_28", batch: 1, channels: 128, size: 28, out: 128, kernel: 3, stride: 1, padding: 1),
        Case(name: "stem7x7s2_c3_224", batch: 1, channels: 3, size: 224, out: 64, kernel: 7, stride: 2, padding: 3),
        Case(name: "lenet_c1_n128", batch: 128, channels: 1, size: 28, out: 6, kernel: 5, stride: 1, padding: 2),
        Case(name: "lenet_c2_n128", batch: 128, channels: 6, size: 14, out: 16, kernel: 5, stride: 1, padding: 0),
    ]

    func validate() throws {
        try BenchSelection.validate(shapes, kind: "shape", known: Self.suite.map(\.name))
        try BenchSelection.validate(
            algorithms, kind: "algorithm", known: ConvAlgorithmNames.all + Conv2dGradients.inputAlgorithms)
        try BenchSelection.validate(weightAlgorithms, kind: "algorithm", known: Conv2dGradients.weightAlgorithms)
    }

    func run() throws {
        Parallel.threadCount = timing.threads
        Thread.sleep(forTimeInterval: 0.3)
        print(BenchReport.machine.json)
        let timer = timing.timer
        let wanted = Set(BenchSelection.names(shapes))
        for (index, c) in Self.suite.enumerated() where wanted.isEmpty || wanted.contains(c.name) {
            for report in try measure(c, seed: UInt64(index + 1), timer: timer) { print(report.json) }
            fflush(nil)
        }
    }

    private func measure(_ c: Case, seed: UInt64, timer: BenchTimer) throws -> [BenchReport] {
        var rng = BenchRandom(seed: seed)
        let input = try Tensor(
            shape: [c.batch, c.channels, c.size, c.size], floats: rng.floats(c.batch * c.channels * c.size * c.size))
        let weight = try Tensor(
            shape: [c.out, c.channels, c.kernel, c.kernel], floats: rng.floats(c.out * c.channels * c.kernel * c.kernel)
        )
        let bias = try Tensor(shape: [c.out], floats: rng.floats(c.out))
        let stride = ConvPair(c.stride)
        let padding = ConvPair(c.padding)
        let outSize = (c.size + 2 * c.padding - c.kernel) / c.stride + 1
        let dy = try Tensor(
            shape: [c.batch, c.out, outSize, outSize], floats: rng.floats(c.batch * c.out * outSize * outSize))

        let forwardVariants: [String?] = algorithms.isEmpty ? [nil] : BenchSelection.names(algorithms)
        let forwards = forwardVariants.map { name in
            {
                // input-rows is an input-gradient algorithm; its forward pass is the engine's choice.
                if let name, !Conv2dGradients.inputAlgorithms.contains(name) {
                    _ = try conv2d(
                        input: input, weight: weight, bias: bias, stride: stride, padding: .explicit(padding),
                        algorithm: name)
                } else {
                    _ = try conv2d(
                        input: input, weight: weight, bias: bias, stride: stride, padding: .explicit(padding))
                }
            }
        }
        let inputGradients = forwardVariants.map { name in
            {
                _ = try Conv2dGradients.input(
                    input: input, weight: weight, outputGradient: dy, stride: stride, padding: padding, algorithm: name)
            }
        }
        let variants: [String?] = weightAlgorithms.isEmpty ? [nil] : BenchSelection.names(weightAlgorithms)
        let weightGradients = variants.map { name in
            {
                _ = try Conv2dGradients.weightAndBias(
                    input: input, weight: weight, outputGradient: dy, stride: stride, padding: padding, algorithm: name)
            }
        }
        let sinks = (BenchGradientSink(), BenchGradientSink(), BenchGradientSink())
        let step = {
            let y = try TrackedTensor.conv2d(
                input: TrackedTensor(input, node: GradNode(accumulatingInto: sinks.0)),
                weight: TrackedTensor(weight, node: GradNode(accumulatingInto: sinks.1)),
                bias: TrackedTensor(bias, node: GradNode(accumulatingInto: sinks.2)),
                stride: stride, padding: .explicit(padding))
            try Autograd.backward(try y.sum())
        }
        var checks: [String: Double] = [:]
        if check {
            checks = try verify(
                c, input: input, weight: weight, dy: dy, algorithms: forwardVariants, variants: variants)
        }
        let times = try timer.compare([step] + forwards + inputGradients + weightGradients).map(\.median)
        let stepTime = times[0]
        let convolutionFlops = 2.0 * Double(c.batch * c.out * outSize * outSize * c.channels * c.kernel * c.kernel)
        var reports: [BenchReport] = []
        for (a, algorithm) in forwardVariants.enumerated() {
            for (index, name) in variants.enumerated() {
                let forwardTime = times[1 + a]
                let inputTime = times[1 + forwardVariants.count + a]
                let weightTime = times[1 + 2 * forwardVariants.count + index]
                var report = BenchReport(shape: c.name)
                if let algorithm { report.add("algorithm", string: algorithm) }
                if let name { report.add("weight_algorithm", string: name) }
                report.add("forward_us", forwardTime * 1e6)
                report.add("input_grad_us", inputTime * 1e6)
                report.add("weight_grad_us", weightTime * 1e6)
                report.add("backward_us", (inputTime + weightTime) * 1e6)
                report.add("step_us", stepTime * 1e6)
                report.add("backward_gflops", 2 * convolutionFlops / (inputTime + weightTime) / 1e9, digits: 2)
                if let error = checks["input \(algorithm ?? "")"] { report.add("relerr_input", error, digits: 9) }
                if let error = checks[name ?? ""] { report.add("relerr_weight", error, digits: 9) }
                report.add("threads", timing.threads)
                if timing.cpuTime { report.add("clock", string: "cpu") }
                reports.append(report)
            }
        }
        return reports
    }

    /// Compares the gradients with plain loops (relative error per gradient); throws when one is off.
    private func verify(
        _ c: Case, input: Tensor, weight: Tensor, dy: Tensor, algorithms: [String?], variants: [String?]
    ) throws -> [String: Double] {
        let reference = try BenchConvReference.gradients(
            input: input.floats, batch: c.batch, channels: c.channels, size: c.size, weight: weight.floats,
            outChannels: c.out, kernel: c.kernel, stride: c.stride, padding: c.padding, outputGradient: dy.floats)
        var errors: [String: Double] = [:]
        for algorithm in algorithms {
            let dx = try Conv2dGradients.input(
                input: input, weight: weight, outputGradient: dy, stride: ConvPair(c.stride),
                padding: ConvPair(c.padding), algorithm: algorithm)
            errors["input \(algorithm ?? "")"] = try BenchConvReference.relativeError(dx.floats, reference.input)
        }
        for name in variants {
            let dw = try Conv2dGradients.weight(
                input: input, weight: weight, outputGradient: dy, stride: ConvPair(c.stride),
                padding: ConvPair(c.padding), algorithm: name)
            errors[name ?? ""] = try BenchConvReference.relativeError(dw.floats, reference.weight)
        }
        for (key, error) in errors where error > 1e-4 {
            throw ValidationError(
                "\(c.name): \(key.isEmpty ? "weight" : key) gradient differs from the plain loop (relative error \(error))"
            )
        }
        return errors
    }
}

/// Receives the gradients of the benchmark's leaves (kept, like `.grad`, but overwritten).
private final class BenchGradientSink: GradientSink {
    var gradient: Tensor?
    func accumulateGradient(_ gradient: Tensor) throws(TensorError) {
        self.gradient = gradient
    }
}
