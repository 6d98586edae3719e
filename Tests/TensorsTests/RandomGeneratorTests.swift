import Testing

@testable import Tensors

@Suite("Deterministic random numbers")
struct RandomGeneratorTests {
    @Test(
        "bits, floats, normals and integers match the independent Python implementation",
        arguments: Fixtures.random.indices)
    func matchesReference(_ index: Int) throws {
        let fixture = Fixtures.random[index]
        let seed = try #require(UInt64(fixture.seed))
        var bits = RandomGenerator(seed: seed)
        #expect(fixture.bits.map { UInt64($0) } == (0..<fixture.bits.count).map { _ in bits.next() })
        var uniform = RandomGenerator(seed: seed)
        #expect(fixture.floats == (0..<fixture.floats.count).map { _ in uniform.nextFloat() })
        var normal = RandomGenerator(seed: seed)
        let normals = (0..<fixture.normals.count).map { _ in Float(normal.nextNormal()) }
        for (got, want) in zip(normals, fixture.normals) {
            // Float32 rounding of a double result: equal unless libm differs in the last double bit.
            #expect(abs(got - want) <= abs(want) * 1e-6)
        }
        var integers = RandomGenerator(seed: seed)
        #expect(fixture.integers == (0..<fixture.integers.count).map { _ in integers.nextInt(low: -5, high: 12) })
        var shuffle = RandomGenerator(seed: seed)
        #expect(try Tensor.randperm(10, using: &shuffle).storage == .int64(fixture.permutation))
    }

    @Test("tensor creation draws the documented streams in row-major order")
    func tensorsUseTheStreams() throws {
        var generator = RandomGenerator(seed: 42)
        let x = try Tensor.rand([2, 4], using: &generator)
        let reference = try #require(Fixtures.random.first { $0.seed == "42" })
        #expect(try x.floats == reference.floats)
        var again = RandomGenerator(seed: 42)
        let n = try Tensor.randn([7], using: &again)
        for (got, want) in try zip(n.floats, reference.normals) { #expect(abs(got - want) <= abs(want) * 1e-6) }
        var third = RandomGenerator(seed: 42)
        #expect(try Tensor.randint(low: -5, high: 12, [8], using: &third).storage == .int64(reference.integers))
    }

    @Test("same seed, same tensor; generators are independent values")
    func reproducible() throws {
        var a = RandomGenerator(seed: 7)
        var b = RandomGenerator(seed: 7)
        #expect(try Tensor.randn([3, 3], using: &a) == Tensor.randn([3, 3], using: &b))
        var c = a
        #expect(try Tensor.rand([5], using: &a) == Tensor.rand([5], using: &c))
    }

    @Test("normal and uniform scale and shift their samples")
    func distributions() throws {
        var generator = RandomGenerator(seed: 1)
        let samples = try Tensor.normal(mean: 3, std: 2, [20000], using: &generator)
        #expect(abs(try samples.mean().item().doubleValue - 3) < 0.05)
        #expect(abs(try samples.std().item().doubleValue - 2) < 0.05)
        let uniform = try Tensor.uniform(low: -2, high: 4, [5000], using: &generator)
        #expect(try uniform.min().item().doubleValue >= -2)
        #expect(try uniform.max().item().doubleValue < 4)
        #expect(abs(try uniform.mean().item().doubleValue - 1) < 0.1)
        #expect(throws: TensorError.self) { try Tensor.normal(mean: 0, std: -1, [2], using: &generator) }
        #expect(throws: TensorError.self) { try Tensor.randint(low: 3, high: 3, [2], using: &generator) }
    }

    @Test("a jump lands where drawing one number at a time lands", arguments: [0, 1, 2, 63, 64, 1000, 4097])
    func jumpAhead(_ steps: Int) {
        var stepped = RandomGenerator(seed: 11)
        _ = stepped.nextNormal()  // leaves a spare normal, which a jump keeps
        let start = stepped
        for _ in 0..<steps { _ = stepped.next() }
        let jumped = start.jumped(by: steps)
        #expect(jumped == stepped)
    }

    @Test("a large fill gives the numbers of one draw after another at any thread count", arguments: [1, 2])
    func parallelFill(threads: Int) throws {
        try onThreads(threads) {
            let count = RandomGenerator.parallelFillMinimum + 12345
            var sequential = RandomGenerator(seed: 5)
            let expected = (0..<count).map { _ in Float(-0.5 + 1.5 * Double(sequential.nextFloat())) }
            var filled = RandomGenerator(seed: 5)
            let tensor = try Tensor.uniform(low: -0.5, high: 1, [count], using: &filled)
            #expect(try tensor.floats == expected)
            // Both generators continue from the same place.
            #expect(filled.next() == sequential.next())
        }
    }

    @Test(
        "a large normal fill gives the numbers of one draw after another, cached partner included",
        arguments: [(1, 0), (2, 0), (2, 1), (2, 2)])
    func parallelNormalFill(threads: Int, leading: Int) throws {
        try onThreads(threads) {
            // An odd count leaves a cached partner; `leading` normals drawn before start with one cached.
            let count = RandomGenerator.parallelFillMinimum + 12345
            var sequential = RandomGenerator(seed: 8)
            var filled = RandomGenerator(seed: 8)
            for _ in 0..<leading {
                _ = sequential.nextNormal()
                _ = filled.nextNormal()
            }
            let expected = (0..<count).map { _ in Float(0.5 + 2 * sequential.nextNormal()) }
            let tensor = try Tensor.normal(mean: 0.5, std: 2, [count], using: &filled)
            #expect(try tensor.floats == expected)
            #expect(filled == sequential)
            #expect(filled.nextNormal() == sequential.nextNormal())
        }
    }
}
