import Foundation
import Testing

@testable import Tensors

@Suite("The Winograd F(4×4, 3×3) weight gradient against a naive reference")
struct ConvWeightGradientWinogradTests {
    typealias Winograd = ConvWeightGradientWinograd

    /// `Aᵀ [(G g) ⊙ (Bᵀ d)]` is the 1-D valid correlation of six inputs with three taps, F(4, 3).
    @Test("the matrices compute F(4, 3) in one dimension")
    func oneDimension() {
        var rng = ConvTestRNG(seed: 43)
        for _ in 0..<20 {
            let d = (0..<6).map { _ in Double(rng.float()) }
            let w = (0..<3).map { _ in Double(rng.float()) }
            let u = WinogradF43.weightMatrix.map { row in zip(row, w).map(*).reduce(0, +) }
            let v = WinogradF43.inputMatrix.map { row in zip(row.map(Double.init), d).map(*).reduce(0, +) }
            let y = WinogradF43.outputMatrix.map { row in (0..<6).map { Double(row[$0]) * u[$0] * v[$0] }.reduce(0, +) }
            for i in 0..<4 {
                let direct = (0..<3).map { d[i + $0] * w[$0] }.reduce(0, +)
                #expect(abs(y[i] - direct) < 1e-12, "output \(i): \(y[i]) against \(direct)")
            }
        }
    }

    /// The hand-expanded vector formulas of the weight gradient's own transforms apply exactly
    /// ``WinogradF43``'s matrices (each basis vector in one lane); the input transform's are
    /// checked in ``WinogradF43Tests``.
    @Test("the vector transforms are the matrices")
    func vectorFormulas() {
        func lanes(_ index: Int, of count: Int) -> [Winograd.Vector] {
            (0..<count).map { $0 == index ? Winograd.Vector(repeating: 1) : Winograd.Vector() }
        }
        for j in 0..<6 {
            let b = lanes(j, of: 6)
            let k = Winograd.kernelThree((b[0], b[1], b[2], b[3], b[4], b[5]))
            let row = [k.0, k.1, k.2].map { Double($0[7]) }
            let expected = WinogradF43.weightMatrix[j]
            #expect(zip(row, expected).allSatisfy { abs($0 - $1) < 1e-7 }, "G row \(j): \(row)")
        }
        for i in 0..<4 {
            let b = lanes(i, of: 4)
            let r = Winograd.gradientSix(b[0], b[1], b[2], b[3])
            let column = [r.0, r.1, r.2, r.3, r.4, r.5].map { Double($0[5]) }
            #expect(column == WinogradF43.outputMatrix[i].map(Double.init), "A column \(i) (Aᵀ row \(i))")
        }
    }

    /// Output sizes that are not multiples of 4 (5 × 7, 13 × 13, 1 × 1, 6 × 4), padding 0 and 1,
    /// batches 1–3, channel counts on and off 16.
    static let cases: [ConvGradientCase] = {
        let shapes: [(batch: Int, inChannels: Int, outChannels: Int, out: (Int, Int), padding: Int)] = [
            (1, 3, 5, (5, 7), 1),
            (2, 17, 9, (5, 7), 0),
            (3, 5, 16, (13, 13), 1),
            (1, 16, 33, (13, 13), 0),
            (2, 1, 1, (1, 1), 1),
            (3, 7, 2, (1, 1), 0),
            (1, 20, 18, (6, 4), 1),
            (2, 32, 31, (8, 9), 0),
        ]
        return shapes.enumerated().map { index, shape in
            ConvGradientCase(
                seed: UInt64(400 + index), batch: shape.batch, groups: 1, inChannels: shape.inChannels,
                outChannels: shape.outChannels,
                size: (shape.out.0 + 2 - 2 * shape.padding, shape.out.1 + 2 - 2 * shape.padding), kernel: (3, 3),
                stride: (1, 1), dilation: (1, 1), padding: (shape.padding, shape.padding))
        }
    }()

    /// Winograd's float error grows with the transforms' coefficients (up to 8 in `A`, 5 in
    /// `Bᵀ`): on N(0, 1) data the measured worst error relative to the largest weight gradient is
    /// about 5.5 · 10⁻⁶ on res3x3_c64_56 (the direct kernel 1.4 · 10⁻⁶; see the accuracy suite below), so 1e-4 leaves room and still
    /// catches any wrong tile element (an error of the order of one product, 1e-2 here).
    @Test("odd shapes, padding 0 and 1, batches 1–3, with and without bias", arguments: cases)
    func matchesReference(_ testCase: ConvGradientCase) throws {
        #expect(Winograd.isSuitable(testCase.geometry))
        #expect(testCase.geometry.outHeight * testCase.geometry.outWidth > 0)
        try testCase.check(weightAlgorithm: .winogradF43)
    }

    @Test("one and two threads, and images in several groups", arguments: [1, 2])
    func threads(_ threads: Int) throws {
        try onThreads(threads) {
            for shape in Self.cases { try shape.check(weightAlgorithm: .winogradF43) }
            // 3 images of 12 × 12 outputs (9 tiles), 16 + 8 channels: 7,776 floats an image, so a
            // budget of 16,000 takes groups of 2 images and 1.
            let testCase = ConvGradientCase(
                seed: 77, batch: 3, groups: 1, inChannels: 16, outChannels: 8, size: (14, 14), kernel: (3, 3),
                stride: (1, 1), dilation: (1, 1), padding: (0, 0))
            let g = testCase.geometry
            let r = testCase.reference()
            var dw = [Float](repeating: .nan, count: r.dw.count)
            var db = [Float](repeating: .nan, count: r.db.count)
            r.x.withUnsafeBufferPointer { x in
                r.dy.withUnsafeBufferPointer { dy in
                    dw.withUnsafeMutableBufferPointer { dw in
                        db.withUnsafeMutableBufferPointer { db in
                            Winograd.run(
                                g, input: x.baseAddress!, outputGradient: dy.baseAddress!, into: dw.baseAddress!,
                                bias: db.baseAddress!, groupFloats: 16_000)
                        }
                    }
                }
            }
            expectClose(try Tensor(shape: [8, 16, 3, 3], floats: dw), r.dw, shape: [8, 16, 3, 3])
            expectClose(try Tensor(shape: [8], floats: db), r.db, shape: [8])
        }
    }

    @Test("strides, dilations, groups and other kernels are not for it")
    func unsuitable() {
        func geometry(kernel: Int = 3, stride: Int = 1, dilation: Int = 1, groups: Int = 1) -> ConvGeometry {
            ConvGradientCase(
                seed: 0, batch: 1, groups: groups, inChannels: 4, outChannels: 4, size: (12, 12),
                kernel: (kernel, kernel), stride: (stride, stride), dilation: (dilation, dilation), padding: (1, 1)
            ).geometry
        }
        #expect(Winograd.isSuitable(geometry()))
        #expect(!Winograd.isSuitable(geometry(kernel: 5)))
        #expect(!Winograd.isSuitable(geometry(stride: 2)))
        #expect(!Winograd.isSuitable(geometry(dilation: 2)))
        #expect(!Winograd.isSuitable(geometry(groups: 2)))
    }

    @Test("the default for 64 channels or more each way (with AVX-512), at one thread and at two; direct otherwise")
    func choice() {
        func geometry(_ inChannels: Int, _ outChannels: Int) -> ConvGeometry {
            ConvGradientCase(
                seed: 0, batch: 2, groups: 1, inChannels: inChannels, outChannels: outChannels, size: (28, 28),
                kernel: (3, 3), stride: (1, 1), dilation: (1, 1), padding: (1, 1)
            ).geometry
        }
        let wide = CPUFeatures.current.useAVX512
        #expect(Winograd.isChosen(geometry(64, 128)) == wide)
        #expect(!Winograd.isChosen(geometry(32, 128)))
        #expect(!Winograd.isChosen(geometry(128, 48)))
        for threads in [1, 2] {
            onThreads(threads) {
                #expect((ConvBackward.weightAlgorithm(for: geometry(128, 128)) == .winogradF43) == wide)
                #expect(ConvBackward.weightAlgorithm(for: geometry(16, 16)) != .winogradF43)
            }
        }
    }
}

@Suite("The Winograd weight gradient's float error on the ResNet shapes")
struct ConvWeightGradientWinogradAccuracyTests {
    /// `(max |dW − dW64| / max |dW64|, RMS(dW − dW64) / RMS(dW64))` of `algorithm` on N(0, 1)
    /// input and output gradient, against float64 sums.
    static func errors(
        channels: Int, size: Int, algorithm: ConvBackward.WeightAlgorithm
    ) throws -> (worst: Double, rms: Double) {
        let testCase = ConvGradientCase(
            seed: 5, batch: 1, groups: 1, inChannels: channels, outChannels: channels, size: (size, size),
            kernel: (3, 3), stride: (1, 1), dilation: (1, 1), padding: (1, 1))
        let g = testCase.geometry
        var rng = ConvTestRNG(seed: 0x57A7)
        func normal(_ count: Int) -> [Float] {
            (0..<count).map { _ in
                let u = (Double(rng.float()) + 1) / 2 + 1e-12
                let v = (Double(rng.float()) + 1) / 2
                return Float((-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v))
            }
        }
        let x = normal(channels * size * size)
        let dy = normal(channels * size * size)
        var exact = [Double](repeating: 0, count: channels * channels * 9)
        x.withUnsafeBufferPointer { x in
            dy.withUnsafeBufferPointer { dy in
                exact.withUnsafeMutableBufferPointer { exact in
                    for o in 0..<channels {
                        for c in 0..<channels {
                            for tap in 0..<9 {
                                let (kh, kw) = (tap / 3, tap % 3)
                                var sum = 0.0
                                for oh in max(0, 1 - kh)..<min(size, size + 1 - kh) {
                                    let gradientRow = dy.baseAddress! + (o * size + oh) * size
                                    let inputRow = x.baseAddress! + (c * size + oh + kh - 1) * size + kw - 1
                                    for ow in max(0, 1 - kw)..<min(size, size + 1 - kw) {
                                        sum += Double(gradientRow[ow]) * Double(inputRow[ow])
                                    }
                                }
                                exact[(o * channels + c) * 9 + tap] = sum
                            }
                        }
                    }
                }
            }
        }
        let dw = try ConvBackward.weightGradient(
            g, input: try Tensor(shape: [1, channels, size, size], floats: x),
            outputGradient: try Tensor(shape: [1, channels, size, size], floats: dy), algorithm: algorithm
        ).array
        let worst = zip(dw, exact).map { abs(Double($0) - $1) }.max()!
        let squares = zip(dw, exact).map { (Double($0) - $1) * (Double($0) - $1) }.reduce(0, +)
        return (worst / exact.map(abs).max()!, (squares / exact.map { $0 * $0 }.reduce(0, +)).squareRoot())
    }

    /// Measured (worst = max |dW − dW64| / max |dW64|, RMS = RMS(dW − dW64) / RMS(dW64)), and
    /// PyTorch 2.13's CPU weight gradient on the same kind of data (`Benchmarks/winograd_accuracy.py`,
    /// mean of 5 seeds):
    ///
    /// | shape | direct | Winograd F(4×4, 3×3) | PyTorch |
    /// |---|---|---|---|
    /// | res3x3_c64_56 | 1.4e-6 / 7.3e-7 | 5.5e-6 / 2.1e-6 | 2.3e-6 / 9.9e-7 |
    /// | res3x3_c128_28 | 1.1e-6 / 4.9e-7 | 5.0e-6 / 1.6e-6 | 1.1e-6 / 4.9e-7 |
    ///
    /// So Winograd's error is 2–5 times PyTorch's, still 5 · 10⁻⁶ of the largest gradient; the
    /// bounds leave a factor of about 4.
    @Test(
        "res3x3_c64_56 and res3x3_c128_28: Winograd within 2 · 10⁻⁵ of the largest gradient",
        arguments: [(64, 56), (128, 28)])
    func accuracy(_ shape: (channels: Int, size: Int)) throws {
        let direct = try Self.errors(channels: shape.channels, size: shape.size, algorithm: .direct)
        let winograd = try Self.errors(channels: shape.channels, size: shape.size, algorithm: .winogradF43)
        #expect(winograd.worst < 2e-5, "Winograd: \(winograd)")
        #expect(winograd.rms < 8e-6, "Winograd: \(winograd)")
        #expect(direct.worst < 5e-6, "direct: \(direct)")
        #expect(direct.rms < 3e-6, "direct: \(direct)")
    }
}
