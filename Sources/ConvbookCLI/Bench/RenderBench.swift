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

    func run() throws {
        let cases: [(name: String, figure: Figure)] = [
            ("kernels 64x3x7x7", try Figure.kernels(Self.noise([64, 3, 7, 7], signed: true))),
            ("feature_maps 64x56x56", try Figure.featureMaps(Self.noise([64, 56, 56], signed: false))),
            ("heatmap 8x8 annotated", try Figure.heatmap(Self.noise([8, 8], signed: true), annotate: true)),
        ]
        for (name, figure) in cases {
            let timing = try Self.measure(figure, iterations: max(1, iterations))
            if let images {
                let file = name.split(separator: " ").first.map(String.init) ?? "figure"
                try Data(timing.image.png).write(to: URL(filePath: images).appending(path: "\(file).png"))
            }
            let image = timing.image
            print(
                #"{"figure": "\#(name)", "median_ms": \#(String(format: "%.3f", timing.wall)), "#
                    + #""median_cpu_ms": \#(String(format: "%.3f", timing.cpu)), "#
                    + #""width": \#(image.width), "height": \#(image.height), "png_bytes": \#(image.png.count)}"#)
        }
    }

    /// Median wall-clock and thread CPU milliseconds of rendering `figure`, and the last image.
    ///
    /// CPU time is reported too because on a shared machine wall time includes waiting for a core.
    static func measure(_ figure: Figure, iterations: Int) throws -> (wall: Double, cpu: Double, image: RenderedImage) {
        var image = try Renderer.render(figure)
        for _ in 0..<2 { image = try Renderer.render(figure) }
        var wall: [Double] = []
        var cpu: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<iterations {
            let cpuStart = threadCPUMilliseconds()
            let elapsed = try clock.measure { image = try Renderer.render(figure) }
            cpu.append(threadCPUMilliseconds() - cpuStart)
            wall.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
        }
        return (median(wall), median(cpu), image)
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
