import ArgumentParser
import Figures
import Foundation
import Render
import Tensors

/// `convbook bench render`: how long figures take to become PNGs (release build, medians).
///
/// Prints one JSON object per line: `{"figure": NAME, "median_ms": …, "median_cpu_ms": …,
/// "width": …, "height": …, "png_bytes": …}`, where width and height are CSS pixels (the PNG has
/// twice as many in each direction).
struct RenderBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Measure figure rendering (kernel grid, feature maps, heatmap).")

    @Option(help: "Timed repetitions per figure (after 3 warm-up runs).")
    var iterations = 30

    @Option(help: "Also write each figure's PNG into this directory.")
    var images: String?

    @Option(
        help: ArgumentHelp(
            "PNG encoders to compare, alternating in one process (fast, zlib, cairo).",
            discussion: "zlib is compress2 at level 1; cairo is Cairo's libpng writer. Figures always use fast."))
    var encodings = "fast"

    func run() throws {
        let chosen = try encodings.split(separator: ",").map { name in
            guard let encoding = PNGEncoding(rawValue: String(name)) else {
                throw ValidationError("unknown encoding '\(name)': choose from fast, zlib, cairo")
            }
            return encoding
        }
        let cases: [(name: String, figure: Figure)] = [
            ("kernels 64x3x7x7", try Figure.kernels(Self.noise([64, 3, 7, 7], signed: true))),
            ("feature_maps 64x56x56", try Figure.featureMaps(Self.noise([64, 56, 56], signed: false))),
            ("heatmap 8x8 annotated", try Figure.heatmap(Self.noise([8, 8], signed: true), annotate: true)),
        ]
        for (name, figure) in cases {
            let timings = try Self.measure(figure, encodings: chosen, iterations: max(1, iterations))
            for (encoding, timing) in zip(chosen, timings) {
                let image = timing.image
                if let images, encoding == .fast {
                    let file = name.split(separator: " ").first.map(String.init) ?? "figure"
                    try Data(image.png).write(to: URL(filePath: images).appending(path: "\(file).png"))
                }
                let label = chosen == [.fast] ? "" : #""encoding": "\#(encoding.rawValue)", "#
                print(
                    #"{"figure": "\#(name)", \#(label)"median_ms": \#(String(format: "%.3f", timing.wall)), "#
                        + #""median_cpu_ms": \#(String(format: "%.3f", timing.cpu)), "#
                        + #""width": \#(image.width), "height": \#(image.height), "png_bytes": \#(image.png.count)}"#)
            }
        }
    }

    /// Median wall-clock and thread CPU milliseconds of rendering `figure` with each encoding, and
    /// the last image of each. The encodings take turns, so load from other processes hits them alike.
    ///
    /// CPU time is reported too because on a shared machine wall time includes waiting for a core.
    static func measure(_ figure: Figure, encodings: [PNGEncoding], iterations: Int) throws
        -> [(wall: Double, cpu: Double, image: RenderedImage)]
    {
        var images = try encodings.map { try Renderer.render(figure, encoding: $0) }
        for _ in 0..<2 { images = try encodings.map { try Renderer.render(figure, encoding: $0) } }
        var wall = [[Double]](repeating: [], count: encodings.count)
        var cpu = [[Double]](repeating: [], count: encodings.count)
        let clock = ContinuousClock()
        for _ in 0..<iterations {
            for (index, encoding) in encodings.enumerated() {
                let cpuStart = threadCPUMilliseconds()
                let elapsed = try clock.measure { images[index] = try Renderer.render(figure, encoding: encoding) }
                cpu[index].append(threadCPUMilliseconds() - cpuStart)
                wall[index].append(
                    Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
            }
        }
        return encodings.indices.map { (median(wall[$0]), median(cpu[$0]), images[$0]) }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    static func threadCPUMilliseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1e6
    }

    /// Deterministic pseudo-random values (a linear congruential generator): like trained
    /// weights when signed, like ReLU activations when not.
    static func noise(_ shape: [Int], signed: Bool) throws -> Tensor {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let values = (0..<shape.reduce(1, *)).map { _ -> Float in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Float(state >> 40) / Float(1 << 24)
            return signed ? unit * 2 - 1 : max(0, unit * 2 - 0.6)
        }
        return try Tensor(shape: shape, floats: values)
    }
}
