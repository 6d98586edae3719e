import ArgumentParser
import Foundation
import Lang
import Tensors

/// `convbook bench book`: the book's sections as programs (issue 17), one JSON line per section.
///
/// Times each golden program `d2l_<section>.py` (a section's PyTorch cells without training:
/// model construction with lazy shape inference and `layer_summary` at the book's input size)
/// as `convbook run` runs it, in a fresh session per sample (made outside the timed region, as
/// `import torch` is outside `Benchmarks/peer_book.py`'s), and checks that it printed what its
/// `.out` file holds. `Benchmarks/peer_book.py` times the same programs under PyTorch and, given
/// this binary, prints both side by side.
struct BenchBookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "book",
        abstract: "Benchmark the book's LeNet and modern-CNN sections (the golden d2l_*.py programs).")

    @Option(help: "Where the programs are (d2l_<section>.py with d2l_<section>.out).")
    var directory: String = "Tests/LangTests/Golden"

    @Option(help: "Comma-separated sections, e.g. vgg,resnet (default: all).")
    var sections: String = ""

    @Option(help: "Threads for the engine and OpenBLAS.")
    var threads: Int = 2

    @Option(help: "Timed samples per section (the median is reported).")
    var samples: Int = 5

    func validate() throws {
        guard threads > 0 else { throw ValidationError("--threads must be positive") }
        guard samples > 0 else { throw ValidationError("--samples must be positive") }
        try BenchSelection.validate(sections, kind: "section", known: try programs().map(\.section))
    }

    /// The programs in ``directory``: section name and file stem, sorted.
    func programs() throws -> [(section: String, stem: String)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        return names.filter { $0.hasPrefix("d2l_") && $0.hasSuffix(".py") }.sorted().map { name in
            let stem = String(name.dropLast(3))
            return (String(stem.dropFirst(4)), stem)
        }
    }

    func run() throws {
        Parallel.threadCount = threads
        let wanted = Set(BenchSelection.names(sections))
        for program in try programs() where wanted.isEmpty || wanted.contains(program.section) {
            let path = (directory as NSString).appendingPathComponent(program.stem)
            let text = try String(contentsOfFile: path + ".py", encoding: .utf8)
            let expected = try? String(contentsOfFile: path + ".out", encoding: .utf8)
            let source = Source.file(program.stem + ".py", text: text)
            var times: [Double] = []
            var transcript = ""
            var failure: String?
            // One untimed run first: it warms caches and the allocator, as the peer's first run does.
            for sample in 0...samples {
                let session = Session()
                let start = DispatchTime.now().uptimeNanoseconds
                let result = session.run(source, showsEveryResult: true)
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
                if sample > 0 { times.append(elapsed) }
                transcript = result.transcript
                if !result.errors.isEmpty { failure = ErrorFormatter.render(result.errors) }
            }
            times.sort()
            var report = BenchReport(shape: program.stem)
            report.add("median_ms", times[times.count / 2] * 1000)
            report.add("best_ms", times[0] * 1000)
            report.add("samples", samples)
            report.add("threads", threads)
            report.add("matches_out", expected.map { $0 == transcript } ?? false)
            if let failure {
                // The error's last line, without the characters JSON would need escaped.
                let line = failure.split(separator: "\n").last.map(String.init) ?? ""
                report.add("error", string: String(line.filter { $0 != "\"" && $0 != "\\" }))
            }
            print(report.json)
        }
    }
}
