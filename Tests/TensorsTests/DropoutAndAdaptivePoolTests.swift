import Testing

@testable import Tensors

@Suite("Dropout: the mask's rate and scale, its gradient, and its generator")
struct DropoutTests {
    @Test("about p of the elements are dropped, the rest scaled by 1/(1 − p)", arguments: [0.1, 0.5, 0.8])
    func rateAndScale(p: Double) throws {
        var generator = RandomGenerator(seed: 3)
        let x = try Tensor.ones([100_000])
        let y = try TrackedTensor(x).dropout(probability: p, using: &generator).tensor.floats
        let kept = y.filter { $0 != 0 }
        let rate = 1 - Double(kept.count) / Double(y.count)
        // 100 000 Bernoulli draws: the rate is within 5 standard deviations of p.
        #expect(abs(rate - p) < 5 * (p * (1 - p) / 100_000).squareRoot())
        #expect(kept.allSatisfy { $0 == Float(1 / (1 - p)) })
        // The expected value is the input's: the mean stays near 1.
        #expect(abs(y.reduce(0, +) / Float(y.count) - 1) < 0.02)
    }

    @Test("the gradient is the mask / (1 − p), element for element")
    func gradient() throws {
        var generator = RandomGenerator(seed: 11)
        let sink = GradientCollector()
        let x = TrackedTensor(try Tensor.ones([4, 50]), node: GradNode(accumulatingInto: sink))
        let y = try x.dropout(probability: 0.3, using: &generator)
        #expect(y.node?.name == "MulBackward0")
        let upstream = try Tensor(shape: [4, 50], floats: (0..<200).map { Float($0) })
        try Autograd.backward(y, gradient: upstream)
        let gradient = try #require(sink.gradient).floats
        for (index, value) in try y.tensor.floats.enumerated() {
            // y = x · mask with x = 1, so y is the mask itself.
            #expect(gradient[index] == value * Float(index))
        }
    }

    @Test("the same seed gives the same mask; the next call another one")
    func seeded() throws {
        var first = RandomGenerator(seed: 5)
        var second = RandomGenerator(seed: 5)
        let a = try Tensor.dropoutMask([64], probability: 0.5, using: &first)
        let b = try Tensor.dropoutMask([64], probability: 0.5, using: &second)
        #expect(a == b)
        #expect(try Tensor.dropoutMask([64], probability: 0.5, using: &first) != a)
    }

    @Test("p = 0 returns the input itself, p = 1 drops everything, p outside [0, 1] is an error")
    func edges() throws {
        var generator = RandomGenerator(seed: 1)
        let x = TrackedTensor(try Tensor(shape: [3], floats: [1, 2, 3]))
        #expect(try x.dropout(probability: 0, using: &generator).tensor == x.tensor)
        #expect(try x.dropout(probability: 1, using: &generator).tensor.floats == [0, 0, 0])
        do {
            _ = try x.dropout(probability: 1.5, using: &generator)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .value)
            #expect(error.message == "dropout probability has to be between 0 and 1, but got 1.5")
        }
        #expect(throws: TensorError.self) {
            try TrackedTensor(try Tensor(shape: [2], ints: [1, 2])).dropout(probability: 0.5, using: &generator)
        }
    }
}

@Suite("Adaptive max pooling against a naive reference")
struct AdaptiveMaxPoolReferenceTests {
    /// Random planes and output sizes (smaller, equal and larger than the input), at 1 and 2 threads.
    static let cases: [(seed: UInt64, shape: [Int], size: (Int, Int), threads: Int)] = {
        var rng = ConvTestRNG(seed: 31)
        return (0..<24).flatMap { index -> [(UInt64, [Int], (Int, Int), Int)] in
            let large = index % 6 == 0
            let shape = [rng.int(1...3), rng.int(1...(large ? 40 : 4)), rng.int(1...(large ? 60 : 9)), rng.int(1...11)]
            let size = (rng.int(1...(shape[2] + 2)), rng.int(1...(shape[3] + 2)))
            return [1, 2].map { (UInt64(index), index % 4 == 1 ? Array(shape.dropFirst()) : shape, size, $0) }
        }
    }()

    @Test("values, indices and gradients", arguments: 0..<cases.count)
    func randomCase(_ index: Int) throws {
        let c = Self.cases[index]
        try onThreads(c.threads) {
            var rng = ConvTestRNG(seed: c.seed)
            let count = c.shape.reduce(1, *)
            // Few distinct values, so windows often hold ties: the first largest must win.
            let x = (0..<count).map { _ in Float(rng.int(0...5)) }
            let (height, width) = (c.shape[c.shape.count - 2], c.shape[c.shape.count - 1])
            let planes = count / (height * width)
            var expected: [Float] = []
            var expectedIndices: [Int64] = []
            var dx = [Float](repeating: 0, count: count)
            for plane in 0..<planes {
                for oh in 0..<c.size.0 {
                    let h0 = Int((Double(oh * height) / Double(c.size.0)).rounded(.down))
                    let h1 = Int((Double((oh + 1) * height) / Double(c.size.0)).rounded(.up))
                    for ow in 0..<c.size.1 {
                        let w0 = Int((Double(ow * width) / Double(c.size.1)).rounded(.down))
                        let w1 = Int((Double((ow + 1) * width) / Double(c.size.1)).rounded(.up))
                        var best = h0 * width + w0
                        for h in h0..<h1 {
                            for w in w0..<w1
                            where x[plane * height * width + h * width + w] > x[plane * height * width + best] {
                                best = h * width + w
                            }
                        }
                        expected.append(x[plane * height * width + best])
                        expectedIndices.append(Int64(best))
                        dx[plane * height * width + best] += 1
                    }
                }
            }
            let sink = GradientCollector()
            let input = TrackedTensor(try Tensor(shape: c.shape, floats: x), node: GradNode(accumulatingInto: sink))
            let (values, indices) = try input.adaptiveMaxPool2d(outputSize: ConvPair(c.size.0, c.size.1))
            #expect(values.shape == Array(c.shape.dropLast(2)) + [c.size.0, c.size.1])
            #expect(try values.tensor.floats == expected)
            #expect(indices.storage == .int64(expectedIndices))
            try Autograd.backward(values, gradient: try Tensor.ones(values.shape))
            #expect(try #require(sink.gradient).floats == dx)
        }
    }

    @Test("a NaN in a window wins, as in PyTorch")
    func nan() throws {
        let x = try Tensor(shape: [1, 1, 4], floats: [1, .nan, 3, 2])
        let (values, indices) = try adaptiveMaxPool2d(input: x, outputSize: ConvPair(1, 1))
        #expect(try values.floats[0].isNaN)
        #expect(indices.storage == .int64([1]))
    }
}
