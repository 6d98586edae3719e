import Foundation
import Testing

@testable import Tensors

/// A convolution followed by a sigmoid and a 2×2 average pooling (the book's LeNet): backward, the
/// convolution's weight and bias gradients come from the described output gradient
/// (``SigmoidPoolingGradient``, ``ConvWeightGradientRows`` computing each slab of planes where it
/// reads it), with the same bits as the gradient written out and read back, and the naive sums'
/// values.
@Suite("A convolution's gradients from its described output gradient")
struct DescribedGradientTests {
    /// A convolution case: input `(N, C, H, W)`, `outChannels` kernels `kernel × kernel`, padding.
    struct Case: CustomStringConvertible, Sendable {
        let input: [Int]
        let outChannels: Int
        let kernel: Int
        let padding: Int

        var weightShape: [Int] { [outChannels, input[1], kernel, kernel] }
        var description: String { "\(input) * \(weightShape) pad \(padding)" }
    }

    static let cases: [Case] = [
        // LeNet's first layer (tiles of 3 channels, a 16-lane vector and an overlapping one per row).
        Case(input: [5, 1, 28, 28], outChannels: 6, kernel: 5, padding: 2),
        // Odd output planes: the pooling leaves the last row and column without a window (a zero share).
        Case(input: [3, 1, 29, 29], outChannels: 6, kernel: 5, padding: 2),
        // Two input channels, tiles of 4 channels, three vectors per row.
        Case(input: [2, 2, 36, 36], outChannels: 4, kernel: 5, padding: 2),
        // 3 × 3 kernels: tiles of 2 channels × 3 kernel rows.
        Case(input: [2, 1, 16, 16], outChannels: 3, kernel: 3, padding: 1),
    ]

    /// Inputs, weights, biases and the pooled output's gradient of one case.
    struct Values {
        let x: [Float]
        let w: [Float]
        let b: [Float]
        let dy: [Float]

        init(_ c: Case, seed: UInt64) {
            var rng = ConvTestRNG(seed: seed)
            x = rng.floats(c.input.reduce(1, *))
            w = rng.floats(c.weightShape.reduce(1, *)).map { $0 * 0.5 }
            b = rng.floats(c.outChannels)
            let out = c.input[2] + 2 * c.padding - c.kernel + 1
            dy = rng.floats(c.input[0] * c.outChannels * (out / 2) * (out / 2))
        }
    }

    /// The weight, bias and (when the input requires grad) input gradients of `Σ avg_pool2d(sigmoid(conv2d(x, w,
    /// b)), 2) · dy`.
    private func gradients(_ c: Case, _ v: Values, inputGrad: Bool = false) throws -> [[Float]] {
        let (w, wSink) = try GradientCollector.leaf(v.w, c.weightShape)
        let (b, bSink) = try GradientCollector.leaf(v.b, [c.outChannels])
        let (x, xSink) =
            inputGrad
            ? try GradientCollector.leaf(v.x, c.input) : (TrackedTensor(try Tensor(shape: c.input, floats: v.x)), nil)
        let z = try TrackedTensor.conv2d(input: x, weight: w, bias: b, padding: .explicit(ConvPair(c.padding)))
        let pooled = try z.apply(.sigmoid).avgPool2d(kernelSize: 2)
        try Autograd.backward(pooled, gradient: try Tensor(shape: pooled.shape, floats: v.dy))
        var result = [try #require(wSink.gradient).floats, try #require(bSink.gradient).floats]
        if let xSink { result.append(try #require(xSink.gradient).floats) }
        return result
    }

    /// The weight and bias gradients in double-precision loops, from the engine's forward sigmoid.
    private func naive(_ c: Case, _ v: Values) throws -> (dw: [Double], db: [Double]) {
        let z = try Tensors.conv2d(
            input: try Tensor(shape: c.input, floats: v.x), weight: try Tensor(shape: c.weightShape, floats: v.w),
            bias: try Tensor(shape: [c.outChannels], floats: v.b), padding: .explicit(ConvPair(c.padding)))
        let s = try z.sigmoid().floats
        let (n, ci, h, wd) = (c.input[0], c.input[1], c.input[2], c.input[3])
        let out = h + 2 * c.padding - c.kernel + 1
        let half = out / 2
        var dw = [Double](repeating: 0, count: c.weightShape.reduce(1, *))
        var db = [Double](repeating: 0, count: c.outChannels)
        for image in 0..<n {
            for o in 0..<c.outChannels {
                for oh in 0..<out {
                    for ow in 0..<out {
                        let covered = oh / 2 < half && ow / 2 < half
                        let share =
                            covered
                            ? Double(v.dy[((image * c.outChannels + o) * half + oh / 2) * half + ow / 2]) / 4 : 0
                        let y = Double(s[((image * c.outChannels + o) * out + oh) * out + ow])
                        let dz = share * y * (1 - y)
                        db[o] += dz
                        for i in 0..<ci {
                            for kh in 0..<c.kernel {
                                for kw in 0..<c.kernel {
                                    let ih = oh + kh - c.padding
                                    let iw = ow + kw - c.padding
                                    guard ih >= 0, ih < h, iw >= 0, iw < wd else { continue }
                                    dw[((o * ci + i) * c.kernel + kh) * c.kernel + kw] +=
                                        dz * Double(v.x[((image * ci + i) * h + ih) * wd + iw])
                                }
                            }
                        }
                    }
                }
            }
        }
        return (dw, db)
    }

    @Test("the same bits as the written gradient, and the naive sums", arguments: cases)
    func matchesWrittenGradient(_ c: Case) throws {
        let v = Values(c, seed: UInt64(c.input.reduce(3, *)))
        let (described, written) = try FusionChecking.fusedAndUnfused(BackwardFusion.setting) {
            try gradients(c, v)
        }
        #expect(described.map { $0.map(\.bitPattern) } == written.map { $0.map(\.bitPattern) })
        let (dw, db) = try naive(c, v)
        for (got, expected) in zip(described[0] + described[1], dw + db) {
            #expect(abs(Double(got) - expected) <= 1e-5 + 1e-4 * abs(expected), "\(got) vs \(expected)")
        }
    }

    @Test("the pooling hands the convolution a description where the rows kernel takes the geometry")
    func descriptionTaken() throws {
        let c = Self.cases[0]
        let v = Values(c, seed: 5)
        let (w, _) = try GradientCollector.leaf(v.w, c.weightShape)
        let (b, _) = try GradientCollector.leaf(v.b, [c.outChannels])
        let x = TrackedTensor(try Tensor(shape: c.input, floats: v.x))
        let z = try TrackedTensor.conv2d(input: x, weight: w, bias: b, padding: 2)
        let pooled = try z.apply(.sigmoid).avgPool2d(kernelSize: 2)
        let dy = try Tensor(shape: pooled.shape, floats: v.dy)
        let node = try #require(pooled.node)
        var fusion = BackwardFusion(Autograd.topologicalOrder(from: node), enabled: true)
        let gradients = try fusion.apply(node, dy)
        let handed = try #require(gradients.first ?? nil)
        let g = try Tensors.conv2dGeometry(
            input: x.tensor, weight: w.tensor, bias: b.tensor, stride: 1, padding: 2, dilation: 1, groups: 1
        ).0
        if ConvBackward.weightAlgorithm(for: g) == .rows {
            // The stand-in the sigmoid passes on: the pooling's own gradient, not the convolution's.
            #expect(handed.shape == pooled.shape)
        } else {
            #expect(handed.shape == z.shape)
        }
    }

    @Test("an input that requires grad gets its gradient from the written-out gradient, with the same bits")
    func inputGradient() throws {
        let c = Self.cases[0]
        let v = Values(c, seed: 9)
        let (described, written) = try FusionChecking.fusedAndUnfused(BackwardFusion.setting) {
            try gradients(c, v, inputGrad: true)
        }
        #expect(described.count == 3)
        #expect(described.map { $0.map(\.bitPattern) } == written.map { $0.map(\.bitPattern) })
    }

    @Test("a convolution output that feeds another operation too gets the sum of both gradients")
    func secondConsumer() throws {
        let c = Self.cases[0]
        let v = Values(c, seed: 13)
        let (described, written) = try FusionChecking.fusedAndUnfused(BackwardFusion.setting) { () throws -> [Float] in
            let (w, wSink) = try GradientCollector.leaf(v.w, c.weightShape)
            let x = TrackedTensor(try Tensor(shape: c.input, floats: v.x))
            let z = try TrackedTensor.conv2d(input: x, weight: w, padding: 2)
            let pooled = try z.apply(.sigmoid).avgPool2d(kernelSize: 2)
            let total = try TrackedTensor.binary(.add, try pooled.sum(), try z.sum())
            try Autograd.backward(total)
            return try #require(wSink.gradient).floats
        }
        #expect(described.map(\.bitPattern) == written.map(\.bitPattern))
    }

    @Test("on one and two threads, the written gradient's bits (two threads sum chunks of images apart)")
    func threads() throws {
        let c = Case(input: [64, 1, 28, 28], outChannels: 6, kernel: 5, padding: 2)
        let v = Values(c, seed: 21)
        for count in [1, 2] {
            let (described, written) = try onThreads(count) {
                try FusionChecking.fusedAndUnfused(BackwardFusion.setting) { try gradients(c, v) }
            }
            #expect(described.map { $0.map(\.bitPattern) } == written.map { $0.map(\.bitPattern) }, "\(count) threads")
        }
    }

    @Test("a weight changed in place after the forward pass is still reported")
    func inPlaceChangeReported() throws {
        let c = Self.cases[0]
        let v = Values(c, seed: 17)
        let counter = VersionCounter()
        let (w, sink) = try GradientCollector.leaf(v.w, c.weightShape, version: counter)
        let x = TrackedTensor(try Tensor(shape: c.input, floats: v.x))
        let pooled = try TrackedTensor.conv2d(input: x, weight: w, padding: 2).apply(.sigmoid).avgPool2d(kernelSize: 2)
        counter.bump()
        let message = try FusionChecking.backwardMessages(from: pooled)
        for text in [message.fused, message.unfused] {
            #expect(text.contains("modified by an inplace operation"), "\(text)")
            #expect(text.contains("ConvolutionBackward0"), "\(text)")
        }
        #expect(sink.gradient == nil)
    }
}
