import Testing

@testable import Tensors

/// ``ConvBlockedWeightCache``: a kept packing is used again, and no write to the weights ever
/// brings back the packing of their old values.
/// Serialized: most cases check what the engine's shared cache holds, which the others fill.
@Suite("Packed weights kept across blocked convolutions", .serialized)
struct ConvBlockedWeightCacheTests {
    /// A 3×3 convolution the engine runs blocked: 16 → 32 channels over 14 × 15 with padding 1.
    struct Problem {
        let batch: Int
        let input: Tensor
        let bias: Tensor
        static let (inChannels, outChannels, height, width) = (16, 32, 14, 15)

        init(batch: Int, seed: UInt64) throws {
            var rng = ConvTestRNG(seed: seed)
            self.batch = batch
            input = try Tensor(
                shape: [batch, Self.inChannels, Self.height, Self.width],
                floats: rng.floats(batch * Self.inChannels * Self.height * Self.width))
            bias = try Tensor(shape: [Self.outChannels], floats: rng.floats(Self.outChannels))
        }

        static func weight(seed: UInt64) throws -> Tensor {
            var rng = ConvTestRNG(seed: seed)
            return try Tensor(
                shape: [outChannels, inChannels, 3, 3], floats: rng.floats(outChannels * inChannels * 9))
        }

        /// The engine's convolution (public entry point, which lets the packing be kept).
        func convolve(_ weight: Tensor) throws -> Tensor {
            try conv2d(input: input, weight: weight, bias: bias, padding: 1)
        }

        /// Checks `weight`'s convolution against the naive reference on its current values.
        func check(_ weight: Tensor, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let (expected, outSize) = ConvReference.conv(
                input: try input.floats, batch: batch, inChannels: Self.inChannels, size: [1, Self.height, Self.width],
                weight: try weight.floats, outChannels: Self.outChannels, kernel: [1, 3, 3], bias: try bias.floats,
                stride: [1, 1, 1], padBefore: [0, 1, 1], padAfter: [0, 1, 1], dilation: [1, 1, 1], groups: 1)
            expectClose(
                try convolve(weight), expected, shape: [batch, Self.outChannels, outSize[1], outSize[2]],
                sourceLocation: sourceLocation)
        }
    }

    @Test(
        "parts of rows per thread read a kept packing without packing again, on two threads",
        .enabled(if: CPUFeatures.current.hasAVX512, "this CPU (or its operating system) has no AVX-512"))
    func splitRowsOnKeptPacking() throws {
        try onThreads(2) {
            // 37 rows: 16 or more per thread, so each thread walks a part of them.
            var rng = ConvTestRNG(seed: 77)
            let (channels, filters, height, width) = (16, 64, 37, 20)
            let input = try Tensor(
                shape: [1, channels, height, width], floats: rng.floats(channels * height * width))
            let weightValues = rng.floats(filters * channels * 9)
            let weight = try Tensor(shape: [filters, channels, 3, 3], floats: weightValues)
            let (expected, _) = ConvReference.conv(
                input: try input.floats, batch: 1, inChannels: channels, size: [1, height, width], weight: weightValues,
                outChannels: filters, kernel: [1, 3, 3], bias: nil, stride: [1, 1, 1], padBefore: [0, 1, 1],
                padAfter: [0, 1, 1], dilation: [1, 1, 1], groups: 1)
            // First sighting (scratch), second (packs into a kept entry), then the kept packing.
            for _ in 0..<4 {
                let result = try conv2d(input: input, weight: weight, bias: nil, padding: 1)
                expectClose(result, expected, shape: [1, filters, height, width])
            }
        }
    }

    static func elements(_ tensor: Tensor) -> [Float] {
        guard case .float32(let values) = tensor.storage else { return [] }
        return values
    }

    /// The ways a tensor's values change in place, as an optimizer step, `w[i] = v`, `add_`,
    /// `sub_`, `mul_`, `copy_` and `fill_` do.
    enum Write: String, CaseIterable, Sendable {
        case withMutableFloats, addNumber, subTensor, mulNumber, copy, fill

        func apply(to w: inout Tensor) throws {
            switch self {
            case .withMutableFloats:
                try w.withMutableFloats {
                    $0[5] += 1; $0[200] = -3
                }
            case .addNumber: try w.addInPlace(.float(0.25))
            case .subTensor: try w.subInPlace(Tensor(scalar: 0.5))
            case .mulNumber: try w.mulInPlace(.float(-1))
            case .copy: try w.copy(from: Problem.weight(seed: 99))
            case .fill: try w.fill(.float(0.125))
            }
        }
    }

    @Test(
        "the engine runs the problem blocked, keeps the packing on the second call, and the kept one matches the reference",
        arguments: [1, 2], [1, 2, 3])
    func keptPackingMatches(_ threads: Int, _ batch: Int) throws {
        try onThreads(threads) {
            let problem = try Problem(batch: batch, seed: UInt64(batch))
            let weight = try Problem.weight(seed: UInt64(10 + batch))
            let g = ConvBlockedTests.geometry(
                ConvCase(
                    seed: 0, spatialRank: 2, batch: batch, groups: 1, inChannels: Problem.inChannels,
                    outChannels: Problem.outChannels, size: [1, Problem.height, Problem.width], kernel: [1, 3, 3],
                    stride: [1, 1, 1], dilation: [1, 1, 1], padding: .explicit([0, 1, 1]), hasBias: true))
            #expect(ConvEngine.algorithm(for: g, winograd: false) == .blocked)
            try problem.check(weight)
            try problem.check(weight)
            #expect(ConvBlockedWeightCache.shared.holds(Self.elements(weight)))
            // Calls that find the packing kept.
            try problem.check(weight)
            try problem.check(weight)
        }
    }

    @Test(
        "a write to the weights in place never brings back the packing of their old values", arguments: Write.allCases)
    func writesMissTheKeptPacking(_ write: Write) throws {
        let index = Write.allCases.firstIndex(of: write)!
        let problem = try Problem(batch: 2, seed: 7)
        var weight = try Problem.weight(seed: UInt64(20 + index))
        // A copy of the values in a buffer of its own: only the cache shares the weights' buffer.
        let before = try Tensor(shape: weight.shape, floats: weight.floats.map { $0 })
        try problem.check(weight)
        try problem.check(weight)
        #expect(ConvBlockedWeightCache.shared.holds(Self.elements(weight)))
        try write.apply(to: &weight)
        #expect(try weight.floats != before.floats)
        try problem.check(weight)
        try problem.check(weight)
        try write.apply(to: &weight)
        try problem.check(weight)
        // The old values, in another buffer, still convolve right.
        try problem.check(before)
    }

    @Test("weights that require grad are not kept; constant ones are")
    func trackedWeights() throws {
        let problem = try Problem(batch: 1, seed: 3)
        let trained = try Problem.weight(seed: 31)
        let frozen = try Problem.weight(seed: 32)
        let leaf = TrackedTensor(
            trained, node: GradNode(name: "leaf", inputs: [], outputShape: trained.shape, saved: []) { _, _ in [] })
        for _ in 0..<3 {
            _ = try TrackedTensor.conv2d(input: TrackedTensor(problem.input), weight: leaf, padding: 1)
            _ = try TrackedTensor.conv2d(input: TrackedTensor(problem.input), weight: TrackedTensor(frozen), padding: 1)
        }
        #expect(!ConvBlockedWeightCache.shared.holds(Self.elements(trained)))
        #expect(ConvBlockedWeightCache.shared.holds(Self.elements(frozen)))
    }

    /// A lease from `cache` for `weights`, packed (as a stand-in) with `value` when it must pack.
    static func use(_ cache: ConvBlockedWeightCache, _ weights: [Float], count: Int = 64) throws -> Bool {
        let g = ConvBlockedTests.geometry(
            ConvCase(
                seed: 0, spatialRank: 2, batch: 1, groups: 1, inChannels: 8, outChannels: 16, size: [1, 4, 4],
                kernel: [1, 1, 1], stride: [1, 1, 1], dilation: [1, 1, 1], padding: .explicit([0, 0, 0]),
                hasBias: false))
        let layout = try #require(ConvBlockedLayout(g))
        let lease = cache.lease(g, layout: layout, weights: weights, transposing: true, count: count)
        defer { lease.finish() }
        if !lease.isPacked { lease.pointer.update(repeating: weights[0], count: count) }
        #expect(lease.pointer[count - 1] == weights[0])
        #expect(Int(bitPattern: lease.pointer) % 64 == 0)
        return lease.isPacked
    }

    @Test("a packing is kept from its second sighting, least recently used out first, within the byte budget")
    func keepingAndEviction() throws {
        let cache = ConvBlockedWeightCache(capacity: 2, byteBudget: 4 * 1000)
        let (a, b, c) = (
            [Float](repeating: 1, count: 128), [Float](repeating: 2, count: 128), [Float](repeating: 3, count: 128)
        )
        #expect(try !Self.use(cache, a))
        #expect(!cache.holds(a))
        #expect(try !Self.use(cache, a))
        #expect(cache.holds(a))
        #expect(try Self.use(cache, a))
        #expect(try !Self.use(cache, b))
        #expect(try !Self.use(cache, b))
        #expect(try Self.use(cache, a))  // a is now the more recently used
        #expect(try !Self.use(cache, c))
        #expect(try !Self.use(cache, c))  // kept, evicting b
        #expect(cache.holds(a) && cache.holds(c) && !cache.holds(b))
        // Too large for the budget: never kept.
        let big = [Float](repeating: 4, count: 900)
        for _ in 0..<3 { #expect(try !Self.use(cache, big, count: 200)) }
        #expect(!cache.holds(big))
        cache.removeAll()
        #expect(!cache.holds(a) && !cache.holds(c))
    }
}
