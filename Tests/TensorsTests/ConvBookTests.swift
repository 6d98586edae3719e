import Testing

@testable import Tensors

@Suite("The book's convolution examples")
struct ConvBookTests {
    @Test("corr2d gives the book's exact values")
    func corr2dBook() throws {
        let x = try Tensor(shape: [3, 3], floats: [0, 1, 2, 3, 4, 5, 6, 7, 8])
        let k = try Tensor(shape: [2, 2], floats: [0, 1, 2, 3])
        let y = try corr2d(x, k)
        #expect(y.shape == [2, 2])
        #expect(try y.floats == [19, 25, 37, 43])
    }

    @Test("corr2d finds the vertical edges of the book's black band")
    func edgeDetection() throws {
        // X = ones(6, 8) with columns 2..<6 set to zero; K = [[1, -1]].
        let row: [Float] = [1, 1, 0, 0, 0, 0, 1, 1]
        let x = try Tensor(shape: [6, 8], floats: Array([[Float]](repeating: row, count: 6).joined()))
        let k = try Tensor(shape: [1, 2], floats: [1, -1])
        let y = try corr2d(x, k)
        let expectedRow: [Float] = [0, 1, 0, 0, 0, -1, 0]
        #expect(y.shape == [6, 7])
        #expect(try y.floats == Array([[Float]](repeating: expectedRow, count: 6).joined()))
    }

    @Test("two input channels sum into one output: [[56, 72], [104, 120]]")
    func multipleInputChannels() throws {
        let x = try Tensor(shape: [2, 3, 3], floats: [0, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 9])
        let k = try Tensor(shape: [1, 2, 2, 2], floats: [0, 1, 2, 3, 1, 2, 3, 4])
        let y = try conv2d(input: x, weight: k)
        #expect(y.shape == [1, 2, 2])
        #expect(try y.floats == [56, 72, 104, 120])
        let batched = try conv2d(input: Tensor(shape: [1, 2, 3, 3], floats: x.floats), weight: k)
        #expect(batched.shape == [1, 1, 2, 2])
        #expect(try batched.floats == [56, 72, 104, 120])
    }

    @Test("stacking K, K+1, K+2 gives three output channels, as in the book")
    func multipleOutputChannels() throws {
        let x = try Tensor(shape: [2, 3, 3], floats: [0, 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8, 9])
        let base: [Float] = [0, 1, 2, 3, 1, 2, 3, 4]
        let k = try Tensor(shape: [3, 2, 2, 2], floats: base + base.map { $0 + 1 } + base.map { $0 + 2 })
        let y = try conv2d(input: x, weight: k)
        #expect(y.shape == [3, 2, 2])
        #expect(try y.floats == [56, 72, 104, 120, 76, 100, 148, 172, 96, 128, 192, 224])
    }

    @Test(
        "integer-valued inputs stay exact on every algorithm",
        arguments: [ConvEngine.Algorithm.direct, .im2colGEMM, .packed, .shifted])
    func exactIntegers(algorithm: ConvEngine.Algorithm) throws {
        var rng = ConvTestRNG(seed: 7)
        let xs = (0..<(2 * 4 * 9 * 11)).map { _ in Float(rng.int(-5...5)) }
        let ws = (0..<(6 * 4 * 3 * 3)).map { _ in Float(rng.int(-3...3)) }
        let x = try Tensor(shape: [2, 4, 9, 11], floats: xs)
        let w = try Tensor(shape: [6, 4, 3, 3], floats: ws)
        let y = try conv2d(
            input: x, weight: w, bias: nil, stride: 1, padding: 1, dilation: 1, groups: 1, algorithm: algorithm)
        let (expected, _) = ConvReference.conv(
            input: xs, batch: 2, inChannels: 4, size: [1, 9, 11], weight: ws, outChannels: 6, kernel: [1, 3, 3],
            bias: nil, stride: [1, 1, 1], padBefore: [0, 1, 1], padAfter: [0, 1, 1], dilation: [1, 1, 1], groups: 1)
        #expect(try y.floats == expected)
    }

    @Test("a 1×1 convolution is the matrix product W · X within 1e-6", arguments: [(3, 2, 3, 3), (16, 24, 9, 13)])
    func pointwiseIsMatmul(inChannels: Int, outChannels: Int, height: Int, width: Int) throws {
        var rng = ConvTestRNG(seed: 11)
        let xs = rng.floats(inChannels * height * width)
        let ws = rng.floats(outChannels * inChannels)
        let y = try conv2d(
            input: Tensor(shape: [inChannels, height, width], floats: xs),
            weight: Tensor(shape: [outChannels, inChannels, 1, 1], floats: ws))
        // The book's corr2d_multi_in_out_1x1: X reshaped to (c_i, h·w), Y = K · X.
        var expected = [Float](repeating: 0, count: outChannels * height * width)
        for o in 0..<outChannels {
            for p in 0..<(height * width) {
                var sum: Float = 0
                for c in 0..<inChannels { sum += ws[o * inChannels + c] * xs[c * height * width + p] }
                expected[o * height * width + p] = sum
            }
        }
        #expect(y.shape == [outChannels, height, width])
        let worst = try zip(y.floats, expected).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= 1e-6)
    }

    @Test("padding 'same' keeps the size; an even kernel pads one more at the end")
    func samePadding() throws {
        let x = try Tensor(shape: [1, 1, 4], floats: [1, 2, 3, 4])
        let k = try Tensor(shape: [1, 1, 1, 2], floats: [1, 10])
        let y = try conv2d(input: x, weight: k, padding: .same)
        // Total padding 1 goes after the row: [1, 2, 3, 4, 0].
        #expect(y.shape == [1, 1, 4])
        #expect(try y.floats == [21, 32, 43, 4])
    }

    @Test("the bias is added to each output channel")
    func bias() throws {
        let x = try Tensor(shape: [1, 2, 2], floats: [1, 2, 3, 4])
        let k = try Tensor(shape: [2, 1, 1, 1], floats: [1, 2])
        let b = try Tensor(shape: [2], floats: [10, 100])
        let y = try conv2d(input: x, weight: k, bias: b)
        #expect(try y.floats == [11, 12, 13, 14, 102, 104, 106, 108])
    }

    @Test("pooling the book's 3×3 input")
    func bookPooling() throws {
        let x = try Tensor(shape: [1, 3, 3], floats: [0, 1, 2, 3, 4, 5, 6, 7, 8])
        #expect(try maxPool2d(input: x, kernelSize: 2, stride: 1).floats == [4, 5, 7, 8])
        #expect(try avgPool2d(input: x, kernelSize: 2, stride: 1).floats == [2, 3, 5, 6])
    }
}
