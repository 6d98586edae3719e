import ArgumentParser
import Foundation
@_spi(Benchmark) import Tensors

/// `convbook bench conv`: the convolution suite of issue 2, one JSON line per shape.
///
/// Times `conv2d` (and `max_pool2d`) on the shapes of `shared/bench/peer_conv.py`, reporting the
/// median time per call and GFLOPS (= 2·N·C_out·H_o·W_o·C_in·K_h·K_w / median; "effective" ones,
/// marked `gflops_are: effective`, for algorithms like Winograd's that multiply less), or GB/s moved
/// for pooling. `--check` first compares every result with a plain loop and refuses to time a
/// wrong kernel.
struct BenchConvCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv",
        abstract: "Benchmark conv2d and max_pool2d on the issue-2 shapes.")

    @OptionGroup var timing: BenchTimingOptions

    @Option(help: "Comma-separated shape names (default: all).")
    var shapes: String = ""

    @Option(
        help: """
            Comma-separated conv algorithms to compare in one process (A/B: samples alternate between \
            them, one line per algorithm); default: the engine's own choice.
            """)
    var algorithms: String = ""

    @Flag(help: "Verify each result against a plain loop before timing it.")
    var check = false

    @Flag(
        help: """
            Instead of timing: each convolution on N(0, 1) inputs with Kaiming-normal weights (std √(2 / fan-in)) \
            and no bias, its largest error relative to the largest output and its RMS error relative to the \
            outputs' RMS, against sums in Double.
            """)
    var accuracy = false
    func validate() throws {
        try BenchSelection.validate(algorithms, kind: "algorithm", known: ConvAlgorithmNames.all)
        try BenchSelection.validate(shapes, kind: "shape", known: BenchConvCase.suite.map(\.name))
    }

    private var selectedAlgorithms: [String] { BenchSelection.names(algorithms) }

    func run() throws {
        Parallel.threadCount = timing.threads
        // OpenBLAS's pool threads spin for about 0.1 s after the library starts (and after each
        // call) before they sleep; let them settle so they do not steal the first shapes' cores.
        Thread.sleep(forTimeInterval: 0.3)
        print(BenchReport.machine.json)
        let wanted = Set(BenchSelection.names(shapes))
        let timer = timing.timer
        for (index, benchCase) in BenchConvCase.suite.enumerated()
        where wanted.isEmpty || wanted.contains(benchCase.name) {
            var rng = BenchRandom(seed: UInt64(index + 1))
            let reports = try measure(benchCase, timer: timer, rng: &rng)
            for report in reports { print(report.json) }
            fflush(nil)  // one line per shape as it finishes, even into a pipe
        }
    }

    private func measure(_ c: BenchConvCase, timer: BenchTimer, rng: inout BenchRandom) throws -> [BenchReport] {
        let inputCount = c.batch * c.channels * c.height * c.width
        let inputValues = accuracy ? rng.normals(inputCount, deviation: 1) : rng.floats(inputCount)
        let input = try Tensor(shape: [c.batch, c.channels, c.height, c.width], floats: inputValues)
        var report = BenchReport(shape: c.name)
        switch c.kind {
        case .conv(let outChannels, let kernel, let kernelWidth, let stride, let padding):
            let fanIn = c.channels * kernel * kernelWidth
            let weightValues =
                accuracy
                ? rng.normals(outChannels * fanIn, deviation: (2 / Float(fanIn)).squareRoot())
                : rng.floats(outChannels * fanIn)
            let biasValues = accuracy ? [Float](repeating: 0, count: outChannels) : rng.floats(outChannels)
            let weight = try Tensor(shape: [outChannels, c.channels, kernel, kernelWidth], floats: weightValues)
            let bias = try Tensor(shape: [outChannels], floats: biasValues)
            // nil: the engine's own choice.
            let variants: [String?] = selectedAlgorithms.isEmpty ? [nil] : selectedAlgorithms
            let calls = variants.map { name in
                {
                    if let name {
                        return try conv2d(
                            input: input, weight: weight, bias: bias, stride: ConvPair(stride),
                            padding: .explicit(ConvPair(padding)), algorithm: name)
                    }
                    return try conv2d(
                        input: input, weight: weight, bias: bias, stride: ConvPair(stride),
                        padding: .explicit(ConvPair(padding)))
                }
            }
            let chosen = try ConvAlgorithmNames.chosen(
                input: input, weight: weight, stride: ConvPair(stride), padding: .explicit(ConvPair(padding)))
            var reports = variants.map { name in
                var line = BenchReport(shape: c.name)
                if let name { line.add("algorithm", string: name) } else { line.add("engine_chose", string: chosen) }
                // Winograd makes fewer multiplies than the direct count the GFLOPS are taken from.
                if ConvAlgorithmNames.hasFewerMultiplies(name ?? chosen) { line.add("gflops_are", string: "effective") }
                return line
            }
            if accuracy {
                let exact = BenchConvReference.conv2dExact(
                    input: inputValues, batch: c.batch, channels: c.channels, height: c.height, width: c.width,
                    weight: weightValues, outChannels: outChannels, kernelHeight: kernel, kernelWidth: kernelWidth,
                    bias: biasValues, stride: stride, padding: padding)
                for (index, call) in calls.enumerated() {
                    let errors = BenchConvReference.errors(try call().floats, exact)
                    reports[index].add("max_rel_err", errors.max, digits: 10)
                    reports[index].add("rms_rel_err", errors.rms, digits: 10)
                    finish(&reports[index])
                }
                return reports
            }
            var outPlane = 0
            for (index, call) in calls.enumerated() {
                let result = try call()
                outPlane = result.shape[2] * result.shape[3]
                if check {
                    let expected = try BenchConvReference.conv2d(
                        input: input.floats, batch: c.batch, channels: c.channels, height: c.height, width: c.width,
                        weight: weightValues, outChannels: outChannels, kernelHeight: kernel,
                        kernelWidth: kernelWidth, bias: biasValues, stride: stride, padding: padding)
                    try verify(c.name, result.floats, expected, &reports[index])
                }
            }
            let times = try timer.compare(calls.map { call in { _ = try call() } })
            let flops = 2.0 * Double(c.batch * outChannels * outPlane * c.channels * kernel * kernelWidth)
            for (index, (median, best)) in times.enumerated() {
                reports[index].add("median_us", median * 1e6)
                reports[index].add("gflops", flops / median / 1e9, digits: 2)
                reports[index].add("gflops_best", flops / best / 1e9, digits: 2)
                finish(&reports[index])
            }
            return reports
        case .maxPool(let kernel, let stride, let padding):
            let call = {
                try maxPool2d(
                    input: input, kernelSize: ConvPair(kernel), stride: ConvPair(stride), padding: ConvPair(padding))
            }
            let result = try call()
            if check {
                let expected = try BenchConvReference.maxPool2d(
                    input: input.floats, planes: c.batch * c.channels, height: c.height, width: c.width,
                    kernel: kernel, stride: stride, padding: padding)
                try verify(c.name, result.floats, expected, &report)
            }
            let (median, best) = try timer.measure { _ = try call() }
            report.add("median_us", median * 1e6)
            report.add("best_us", best * 1e6)
            report.add("gbytes_s", 4.0 * Double(inputCount + result.count) / median / 1e9, digits: 2)
            finish(&report)
            return [report]
        }
    }

    private func finish(_ report: inout BenchReport) {
        report.add("threads", timing.threads)
        if timing.cpuTime { report.add("clock", string: "cpu") }
    }

    private func verify(_ name: String, _ actual: [Float], _ expected: [Float], _ report: inout BenchReport) throws {
        let error = BenchConvReference.relativeError(actual, expected)
        report.add("relerr", error, digits: 9)
        guard error <= 1e-4 else {
            throw ValidationError(
                "\(name): result differs from the plain loop (relative error \(error)); not timing it")
        }
    }
}

/// Deterministic uniform data for the benchmark (SplitMix64), so runs are comparable.
struct BenchRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func floats(_ count: Int) -> [Float] {
        (0..<count).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Float(z >> 40) / Float(1 << 23) - 1
        }
    }

    /// Normal values of mean 0 and the given deviation (Box–Muller on pairs of the uniform ones).
    mutating func normals(_ count: Int, deviation: Float) -> [Float] {
        let uniform = floats(count + count % 2)
        var result: [Float] = []
        result.reserveCapacity(count + 1)
        for pair in stride(from: 0, to: uniform.count, by: 2) {
            let u1 = Double(uniform[pair] + 1) / 2 + 1e-12
            let u2 = Double(uniform[pair + 1] + 1) / 2
            let radius = (-2 * Foundation.log(u1)).squareRoot()
            result.append(Float(radius * cos(2 * .pi * u2)) * deviation)
            result.append(Float(radius * sin(2 * .pi * u2)) * deviation)
        }
        return Array(result.prefix(count))
    }
}
