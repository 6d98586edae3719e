import Foundation

/// A seedable, deterministic source of random numbers: the same seed gives the same numbers on
/// every machine.
///
/// The algorithm, fixed so results can be reproduced anywhere (the tests compare against an
/// independent Python implementation in `Tests/TensorsTests/Fixtures/make_fixtures.py`):
///
/// - **Seeding**: the four 64-bit words of state are the first four outputs of SplitMix64
///   started at `seed` (`state += 0x9E3779B97F4A7C15`, then the usual xor-shift-multiply mix).
/// - **Bits**: xoshiro256** (Blackman and Vigna): `result = rotl(s1 * 5, 7) * 9`, then the
///   standard state update.
/// - **Uniform floats** in `[0, 1)`: the top 24 bits of one output, times 2⁻²⁴, so every value
///   is exactly representable in float32.
/// - **Uniform doubles** in `[0, 1)`: the top 53 bits of one output, times 2⁻⁵³.
/// - **Normals**: Box–Muller on two uniform doubles `u1, u2`:
///   `r = sqrt(-2 ln(1 - u1))`, `z0 = r cos(2π u2)`, `z1 = r sin(2π u2)`, computed in double
///   precision and rounded to float32; `z0` is returned first and `z1` is kept for the next call.
/// - **Integers** in `[low, high)`: the high 64 bits of `output × (high - low)`.
/// - **Permutations** (`randperm`): Fisher–Yates from the last entry down, swapping entry `i`
///   with a uniform integer in `[0, i]`.
///
/// It is a value type with no global state: whoever owns a session keeps one and passes it
/// `inout`, so runs are reproducible and threads never share it.
public struct RandomGenerator: Sendable, Hashable {
    private(set) var s0: UInt64
    private(set) var s1: UInt64
    private(set) var s2: UInt64
    private(set) var s3: UInt64
    /// The second normal of the last Box–Muller pair, returned by the next ``nextNormal()``.
    var spareNormal: Double?

    /// A generator seeded like `torch.manual_seed(seed)` (the numbers differ from PyTorch's).
    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = nextSplitMix()
        s1 = nextSplitMix()
        s2 = nextSplitMix()
        s3 = nextSplitMix()
    }

    /// A generator in the given xoshiro256 state (see ``jumped(by:)``).
    init(state: (UInt64, UInt64, UInt64, UInt64), spareNormal: Double? = nil) {
        (s0, s1, s2, s3) = state
        self.spareNormal = spareNormal
    }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        Self.step(&s0, &s1, &s2, &s3)
        return result
    }

    /// One xoshiro256 state update: ``next()`` without its output, shared with the jump-ahead matrices.
    @inline(__always)
    static func step(_ s0: inout UInt64, _ s1: inout UInt64, _ s2: inout UInt64, _ s3: inout UInt64) {
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
    }

    /// A uniform float32 in `[0, 1)` from the top 24 bits of one output.
    public mutating func nextFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A uniform double in `[0, 1)` from the top 53 bits of one output.
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A standard normal sample (Box–Muller; every second call uses the cached partner).
    public mutating func nextNormal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        let u1 = nextDouble()
        let u2 = nextDouble()
        let radius = (-2 * Foundation.log(1 - u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spareNormal = radius * Foundation.sin(angle)
        return radius * Foundation.cos(angle)
    }

    /// A uniform integer in `low..<high`. - Precondition: `low < high`.
    public mutating func nextInt(low: Int64, high: Int64) -> Int64 {
        let range = UInt64(bitPattern: high &- low)
        return low &+ Int64(bitPattern: next().multipliedFullWidth(by: range).high)
    }
}

@inline(__always)
private func rotateLeft(_ value: UInt64, _ amount: UInt64) -> UInt64 {
    (value << amount) | (value >> (64 - amount))
}
