import ArgumentParser
import Foundation
import Notebook

/// `convbook bench json`: the notebook JSON reader and writer against Foundation's
/// `JSONSerialization`, alternating in one process, on the example notebooks.
///
/// One line per notebook: read and write medians for both, and whether each side's write of
/// its own read gives the file back byte for byte (Jupyter's layout). A last line says what
/// Foundation does with the inputs our reader exists for: `NaN` (which Python's `json` writes)
/// and nesting far past any notebook. The README's "Hand-written parts that stay" quotes it.
struct BenchJSONCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "json", abstract: "Benchmark the notebook JSON reader and writer against Foundation.")

    @Option(help: "The folder of .ipynb files (default: the example notebooks).")
    var notebooks: String?

    @Option(help: "Timed samples per file (the median is reported).")
    var samples: Int = 9

    @Option(help: "Minimum seconds per sample (calls are repeated to fill it).")
    var minTime: Double = 0.05

    func run() throws {
        guard let folder = BundledFolder.notebooks.locate(explicit: notebooks) else {
            throw ValidationError("no example notebooks found: pass --notebooks DIR")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".ipynb") }.sorted()
        let timer = BenchTimer(samples: samples, minimumSeconds: minTime)
        for file in files {
            let data = try Data(contentsOf: URL(filePath: folder).appending(path: file))
            let bytes = [UInt8](data)
            let ours = try JSONParser.parse(bytes)
            let theirs = try JSONSerialization.jsonObject(with: data)
            let reads = try timer.compare([
                { _ = try JSONParser.parse(bytes) },
                { _ = try JSONSerialization.jsonObject(with: data) },
            ])
            let writeOptions: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let writes = try timer.compare([
                { _ = JSONWriter.jupyter(ours) },
                { _ = try JSONSerialization.data(withJSONObject: theirs, options: writeOptions) },
            ])
            let foundationText = try JSONSerialization.data(withJSONObject: theirs, options: writeOptions)
            var report = BenchReport(shape: file)
            report.add("bytes", bytes.count)
            report.add("read_us", reads[0].median * 1e6, digits: 1)
            report.add("foundation_read_us", reads[1].median * 1e6, digits: 1)
            report.add("write_us", writes[0].median * 1e6, digits: 1)
            report.add("foundation_write_us", writes[1].median * 1e6, digits: 1)
            report.add("round_trip_identical", Array(JSONWriter.jupyter(ours).utf8) == bytes)
            report.add("foundation_round_trip_identical", [UInt8](foundationText) == bytes)
            print(report.json)
        }
        var limits = BenchReport(shape: "hostile inputs")
        limits.add("foundation_reads_nan", (try? JSONSerialization.jsonObject(with: Data("[NaN]".utf8))) != nil)
        limits.add("reads_nan", (try? JSONParser.parse(Array("[NaN]".utf8))) != nil)
        let deep = Data(String(repeating: "[", count: 100_000).utf8)
        limits.add("foundation_rejects_100000_deep", (try? JSONSerialization.jsonObject(with: deep)) == nil)
        limits.add("rejects_100000_deep", (try? JSONParser.parse([UInt8](deep))) == nil)
        print(limits.json)
    }
}
