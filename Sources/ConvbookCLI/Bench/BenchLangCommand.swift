import ArgumentParser
import Foundation
import Lang

/// `convbook bench lang`: the interpreter suite of issue 3, one JSON line per case.
///
/// Runs the book's Python code on the interpreter: the naive `corr2d` double loop (slice,
/// multiply, `sum`, item assignment) on a 64×64 input with a 3×3 kernel, and 10,000 calls of
/// `corr2d_multi_in_out` on the book's toy tensors. `Benchmarks/peer_lang.py` runs the same code
/// on CPython (with PyTorch when installed, NumPy otherwise) for comparison.
struct BenchLangCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lang",
        abstract: "Benchmark the interpreter on the book's naive convolution code.")

    @Option(help: "Timed samples per case (the median is reported).")
    var samples: Int = 7

    @Option(help: "Minimum seconds per sample (runs are repeated to fill it).")
    var minTime: Double = 0.2

    @Flag(help: "Report process CPU time instead of wall time (steadier on a busy machine).")
    var cpuTime = false

    @Option(help: "Comma-separated case names (default: all).")
    var cases: String = ""

    func validate() throws {
        guard samples > 0 else { throw ValidationError("--samples must be positive") }
        try BenchSelection.validate(cases, kind: "case", known: Self.cases.map(\.name))
    }

    /// The cases: name, the code timed, and how many calls of the measured function it makes.
    static let cases: [(name: String, code: String, calls: Int)] = [
        ("corr2d_loop_64x64_k3", "corr2d(X64, K3)", 1),
        ("corr2d_multi_in_out_toy_x10000", "run_multi(10000)", 10_000),
    ]

    static let setup = """
        import torch
        from d2l import torch as d2l

        def corr2d(X, K):
            h, w = K.shape
            Y = torch.zeros((X.shape[0] - h + 1, X.shape[1] - w + 1))
            for i in range(Y.shape[0]):
                for j in range(Y.shape[1]):
                    Y[i, j] = d2l.reduce_sum(X[i:i + h, j:j + w] * K)
            return Y

        def corr2d_multi_in(X, K):
            return sum(d2l.corr2d(x, k) for x, k in zip(X, K))

        def corr2d_multi_in_out(X, K):
            return torch.stack([corr2d_multi_in(X, k) for k in K], 0)

        def run_multi(n):
            for _ in range(n):
                corr2d_multi_in_out(X3, K4)

        X64 = torch.arange(64 * 64, dtype=torch.float32).reshape((64, 64)) / 100
        K3 = torch.tensor([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]])
        X3 = torch.tensor([[[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0, 7.0, 8.0]],
                           [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]])
        K2 = torch.tensor([[[0.0, 1.0], [2.0, 3.0]], [[1.0, 2.0], [3.0, 4.0]]])
        K4 = torch.stack((K2, K2 + 1, K2 + 2), 0)
        """

    func run() throws {
        let session = Session()
        let prepared = session.run(Source(name: "setup", text: Self.setup))
        guard prepared.succeeded else {
            throw ValidationError("bench setup failed: \(ErrorFormatter.render(prepared.errors))")
        }
        let check = session.run(
            Source(name: "check", text: "float(corr2d(X64, K3).sum()), corr2d_multi_in_out(X3, K4)[2, 1, 1].item()"))
        let timer = BenchTimer(samples: samples, minimumSeconds: minTime, cpuTime: cpuTime)
        let wanted = Set(BenchSelection.names(cases))
        for benchCase in Self.cases where wanted.isEmpty || wanted.contains(benchCase.name) {
            let source = Source(name: benchCase.name, text: benchCase.code)
            var failure: String?
            let (median, best) = timer.measure {
                let result = session.run(source)
                if let error = result.error { failure = ErrorFormatter.render(error) }
            }
            if let failure { throw ValidationError("\(benchCase.name) failed: \(failure)") }
            var report = BenchReport(shape: benchCase.name)
            report.add("median_ms", median * 1000)
            report.add("best_ms", best * 1000)
            report.add("per_call_us", median / Double(benchCase.calls) * 1e6)
            report.add("clock", string: cpuTime ? "cpu" : "wall")
            report.add("check", string: check.result ?? "error")
            print(report.json)
        }
    }
}
