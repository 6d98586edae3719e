/// Jumping ahead in the xoshiro256** sequence, so that several threads can fill one large tensor
/// with exactly the numbers one thread would have drawn in order.
///
/// xoshiro256**'s state update is linear over GF(2): the state after `n` steps is `Tⁿ · s` for a
/// fixed 256 × 256 bit matrix `T`. The powers `T^(2^i)` are computed once per process (by
/// squaring, about a millisecond each), and `Tⁿ · s` applies those of the set bits of `n`. The
/// output function (`rotl(s1 * 5, 7) * 9`) is not linear, but it only reads the state.
extension RandomGenerator {
    /// The generator `n` draws of ``next()`` ahead: the same state as calling `next()` `n` times,
    /// keeping the cached normal (which ``next()`` does not touch).
    func jumped(by n: Int) -> RandomGenerator {
        precondition(n >= 0, "cannot jump backwards")
        var state = BitVector256(s0, s1, s2, s3)
        var remaining = UInt64(n)
        var power = 0
        while remaining != 0 {
            if remaining & 1 == 1 { state = StepPowers.shared.matrix(power).applied(to: state) }
            remaining >>= 1
            power += 1
        }
        return RandomGenerator(
            state: (state.words.0, state.words.1, state.words.2, state.words.3), spareNormal: spareNormal)
    }
}

/// 256 bits: a xoshiro256 state or a column of a transition matrix.
struct BitVector256: Equatable {
    var words: (UInt64, UInt64, UInt64, UInt64)

    init(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) { words = (w0, w1, w2, w3) }

    static let zero = BitVector256(0, 0, 0, 0)

    /// The vector with only bit `index` set (bit 64·k + b is bit b of word k).
    static func unit(_ index: Int) -> BitVector256 {
        var words: [UInt64] = [0, 0, 0, 0]
        words[index / 64] = 1 << UInt64(index % 64)
        return BitVector256(words[0], words[1], words[2], words[3])
    }

    func bit(_ index: Int) -> Bool {
        let word: UInt64
        switch index / 64 {
        case 0: word = words.0
        case 1: word = words.1
        case 2: word = words.2
        default: word = words.3
        }
        return (word >> UInt64(index % 64)) & 1 == 1
    }

    static func ^= (lhs: inout BitVector256, rhs: BitVector256) {
        lhs.words.0 ^= rhs.words.0
        lhs.words.1 ^= rhs.words.1
        lhs.words.2 ^= rhs.words.2
        lhs.words.3 ^= rhs.words.3
    }

    static func == (lhs: BitVector256, rhs: BitVector256) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
            && lhs.words.3 == rhs.words.3
    }

    /// One xoshiro256 state update (``RandomGenerator/next()`` without its output).
    func stepped() -> BitVector256 {
        var (s0, s1, s2, s3) = words
        RandomGenerator.step(&s0, &s1, &s2, &s3)
        return BitVector256(s0, s1, s2, s3)
    }
}

/// A 256 × 256 bit matrix over GF(2), stored by columns.
struct BitMatrix256 {
    var columns: [BitVector256]

    /// `self · vector`: the sum (xor) of the columns where `vector` has a 1.
    func applied(to vector: BitVector256) -> BitVector256 {
        var result = BitVector256.zero
        for index in 0..<256 where vector.bit(index) { result ^= columns[index] }
        return result
    }

    /// `self · self`.
    func squared() -> BitMatrix256 {
        BitMatrix256(columns: columns.map { applied(to: $0) })
    }

    /// `T`: one state update, column `i` being the update of the `i`-th unit state.
    static let step = BitMatrix256(columns: (0..<256).map { BitVector256.unit($0).stepped() })
}

/// `T^(2^i)` for `i < 32`: jumps up to 2^32 - 1 draws, more than a tensor holds (at most
/// ``TensorLimits/maxElements``, 2^28 by default); made once per process on first use.
final class StepPowers: Sendable {
    static let shared = StepPowers()
    private let powers: [BitMatrix256]

    private init() {
        var matrices = [BitMatrix256.step]
        for _ in 1..<32 { matrices.append(matrices[matrices.count - 1].squared()) }
        powers = matrices
    }

    /// `T^(2^power)`.
    func matrix(_ power: Int) -> BitMatrix256 {
        precondition(power < powers.count, "jump too far")
        return powers[power]
    }
}
