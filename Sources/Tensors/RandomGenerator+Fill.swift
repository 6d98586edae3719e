/// How one random value is made from the generator: a uniform float, a scaled uniform, an
/// integer, a normal. A type rather than a closure, so that the loops below are specialised for it
/// and the generator's state stays in registers.
protocol RandomDraw {
    associatedtype Element
    /// Whether ``draw(_:)`` calls ``RandomGenerator/next()`` exactly once, which lets a large
    /// fill be split across threads (``RandomGenerator/fill(_:_:)``).
    static var drawsOnce: Bool { get }
    func draw(_ generator: inout RandomGenerator) -> Element
}

/// `rand`: a uniform float in `[0, 1)`.
struct UniformFloatDraw: RandomDraw {
    static var drawsOnce: Bool { true }
    @inline(__always) func draw(_ generator: inout RandomGenerator) -> Float { generator.nextFloat() }
}

/// `uniform_(low, high)`: `low + (high - low) · u` in double precision, rounded to float32.
struct ScaledUniformDraw: RandomDraw {
    let low: Double
    let high: Double
    static var drawsOnce: Bool { true }
    @inline(__always) func draw(_ generator: inout RandomGenerator) -> Float {
        Float(low + (high - low) * Double(generator.nextFloat()))
    }
}

/// `randint(low, high)`: a uniform integer in `low..<high`.
struct IntegerDraw: RandomDraw {
    let low: Int64
    let high: Int64
    static var drawsOnce: Bool { true }
    @inline(__always) func draw(_ generator: inout RandomGenerator) -> Int64 {
        generator.nextInt(low: low, high: high)
    }
}

/// `normal(mean, std)`: `mean + std · z` rounded to float32 (Box–Muller draws two numbers per pair).
struct NormalDraw: RandomDraw {
    let mean: Double
    let std: Double
    static var drawsOnce: Bool { false }
    @inline(__always) func draw(_ generator: inout RandomGenerator) -> Float {
        Float(mean + std * generator.nextNormal())
    }
}

extension RandomGenerator {
    /// `count` values of `draw`, in order: the same numbers as drawing them one by one.
    ///
    /// A large fill whose draws take one number each (uniform floats, integers) runs on every
    /// engine thread, each thread starting where the sequence is at its first index
    /// (``jumped(by:)``): the numbers do not depend on the thread count. Layer initialisation
    /// makes such arrays: VGG's first `Linear` draws 102,760,448 weights.
    mutating func fill<Draw: RandomDraw>(_ count: Int, _ draw: Draw) -> [Draw.Element] {
        let start = self
        let parallel = Draw.drawsOnce && count >= RandomGenerator.parallelFillMinimum && Parallel.threadCount > 1
        var end = start
        let values = [Draw.Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = buffer.baseAddress!
            if parallel {
                Parallel.forEach(count, minimumChunk: RandomGenerator.parallelFillMinimum / 2) { range in
                    var local = start.jumped(by: range.lowerBound)
                    for index in range { (base + index).initialize(to: draw.draw(&local)) }
                }
            } else {
                for index in 0..<count { (base + index).initialize(to: draw.draw(&end)) }
            }
            initialized = count
        }
        self = parallel ? start.jumped(by: count) : end
        return values
    }

    /// The fewest values worth splitting across threads (a jump costs about as much as drawing
    /// a few thousand numbers; waking threads costs more).
    static let parallelFillMinimum = 1 << 18
}
