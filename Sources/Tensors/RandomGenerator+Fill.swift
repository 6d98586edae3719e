/// How one random value is made from the generator: a uniform float, a scaled uniform, an
/// integer (normals, made in pairs, have ``RandomGenerator/fillNormal(_:mean:std:)``). A type rather than a closure, so that the loops below are specialised for it
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

extension RandomGenerator {
    /// `count` values of `mean + std · z` rounded to float32, `z` from ``nextNormal()``: the same
    /// numbers, and the same generator afterwards (spare normal included), as drawing them one by one.
    ///
    /// Box–Muller takes exactly two draws per pair of normals, so a large fill splits into runs of
    /// pairs, each thread jumping to its first pair (``jumped(by:)``), as ``fill(_:_:)`` does.
    mutating func fillNormal(_ count: Int, mean: Double, std: Double) -> [Float] {
        guard count > 0 else { return [] }
        let parallel = count >= RandomGenerator.parallelFillMinimum && Parallel.threadCount > 1
        guard parallel else {
            var generator = self
            let values = (0..<count).map { _ in Float(mean + std * generator.nextNormal()) }
            self = generator
            return values
        }
        var start = self
        return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = buffer.baseAddress!
            // A cached partner comes first, as nextNormal() returns it first.
            let offset = start.spareNormal == nil ? 0 : 1
            if let spare = start.spareNormal {
                base.initialize(to: Float(mean + std * spare))
                start.spareNormal = nil
            }
            let remaining = count - offset
            let pairs = (remaining + 1) / 2
            let origin = start
            Parallel.forEach(pairs, minimumChunk: RandomGenerator.parallelFillMinimum / 4) { range in
                var local = origin.jumped(by: 2 * range.lowerBound)
                for pair in range {
                    let first = local.nextNormal()
                    let second = local.nextNormal()
                    let index = offset + 2 * pair
                    (base + index).initialize(to: Float(mean + std * first))
                    if index + 1 < count { (base + index + 1).initialize(to: Float(mean + std * second)) }
                }
            }
            if remaining % 2 == 1 {
                // The last pair's second normal stays cached, as after drawing one at a time.
                var last = origin.jumped(by: 2 * (pairs - 1))
                _ = last.nextNormal()
                self = last
            } else {
                self = origin.jumped(by: 2 * pairs)
            }
            initialized = count
        }
    }
}
